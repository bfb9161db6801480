CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL, m mood, score positive, updated timestamptz);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated := now();
  IF NEW.name = '' THEN
    RAISE EXCEPTION 'empty name; rejected';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER person_touch BEFORE INSERT OR UPDATE ON person FOR EACH ROW EXECUTE FUNCTION touch();

CREATE OR REPLACE FUNCTION add_sql(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
  SELECT CASE WHEN a IS NULL THEN b ELSE a + b END;
END;

CREATE PROCEDURE add_person(n text, s int)
LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO person (name, score) VALUES (n, s);
  INSERT INTO person (name, score) VALUES (n || '2', s + 1);
END;

CREATE FUNCTION quoted_body(x text) RETURNS text LANGUAGE plpgsql AS '
BEGIN
  RETURN x || ''; done'';
END;
';

CREATE FUNCTION nested() RETURNS text LANGUAGE plpgsql AS $outer$
DECLARE
  r text;
BEGIN
  EXECUTE $inner$SELECT 'a;b'::text$inner$ INTO r;
  RETURN r || $$;c$$;
END;
$outer$;

CREATE RULE person_log AS ON DELETE TO person DO ALSO (
  NOTIFY person_deleted;
  NOTIFY person_changed
);

DO $$
DECLARE
  i int;
BEGIN
  FOR i IN 1..3 LOOP
    INSERT INTO person (name, m, score) VALUES ('p' || i, 'ok', i);
  END LOOP;
END
$$;

CALL add_person('q', 10);
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';

DO $$
BEGIN
  IF (SELECT count(*) FROM person) <> 5 THEN RAISE EXCEPTION 'expected 5 people'; END IF;
  IF add_sql(2, 3) <> 5 THEN RAISE EXCEPTION 'add_sql'; END IF;
  IF quoted_body('x') <> 'x; done' THEN RAISE EXCEPTION 'quoted_body'; END IF;
  IF nested() <> 'a;b;c' THEN RAISE EXCEPTION 'nested'; END IF;
  IF (SELECT count(*) FROM person WHERE updated IS NULL) <> 0 THEN RAISE EXCEPTION 'trigger'; END IF;
END
$$;
