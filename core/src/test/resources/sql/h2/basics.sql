-- H2 RUNSCRIPT style
CREATE TABLE "item;s" (id INT PRIMARY KEY, name VARCHAR(100));
// a slash-slash comment; with a semicolon
CREATE ALIAS twice AS $$
int twice(int x) { return x * 2; /* ; */ }
$$;
INSERT INTO "item;s" VALUES (1, 'a''b;'), (2, 'c\');
/* block; comment */
CREATE TABLE must (ok INT CHECK (ok = 1));
INSERT INTO must SELECT CASE WHEN COUNT(*) = 2 THEN 1 ELSE 0 END FROM "item;s";
INSERT INTO must SELECT CASE WHEN twice(21) = 42 THEN 1 ELSE 0 END;
INSERT INTO must SELECT CASE WHEN name = 'c\' THEN 1 ELSE 0 END FROM "item;s" WHERE id = 2;
INSERT INTO must SELECT CASE WHEN ${greeting_literal} = 'hello' THEN 1 ELSE 0 END;
INSERT INTO must SELECT CASE WHEN '${greeting}' = '$' || '{greeting}' THEN 1 ELSE 0 END;
