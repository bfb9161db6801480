-- Lexical corner cases of psql: strings, escapes, dollar quotes, nested comments.
/* a block comment /* nested; */ still a comment; */
CREATE TABLE "odd;name" (
  id int PRIMARY KEY,
  "quote""d" text,          -- a comment; here
  note text DEFAULT 'semi;colon'
);
INSERT INTO "odd;name" VALUES (1, 'doubled '' quote;', E'escaped \' quote;\n'),
  (2, U&'d\0061t\+000061;', $$dollar 'quoted'; text$$),
  (3, $tag$ has $$ inside; $tag$, B'101'::text),
  (4, X'1F'::text, 'back\slash');
SELECT a$b FROM (SELECT 1 AS a$b) s;
PREPARE p(int) AS SELECT $1 + 1;
EXECUTE p(1);
DEALLOCATE p;
SET standard_conforming_strings = off;
INSERT INTO "odd;name" VALUES (5, 'old style \' escape;', 'x');
SET standard_conforming_strings = on;
INSERT INTO "odd;name" VALUES (6, 'standard \', ${greeting_literal}),
  (7, 'in a literal', '${greeting}');
DO $check$
BEGIN
  IF (SELECT count(*) FROM "odd;name") <> 7 THEN RAISE EXCEPTION 'expected 7 rows'; END IF;
  IF (SELECT "quote""d" FROM "odd;name" WHERE id = 1) <> 'doubled '' quote;' THEN RAISE EXCEPTION 'row 1'; END IF;
  IF (SELECT note FROM "odd;name" WHERE id = 1) <> E'escaped '' quote;\n' THEN RAISE EXCEPTION 'E string'; END IF;
  IF (SELECT "quote""d" FROM "odd;name" WHERE id = 2) <> 'data;' THEN RAISE EXCEPTION 'U& string'; END IF;
  IF (SELECT "quote""d" FROM "odd;name" WHERE id = 3) <> ' has $$ inside; ' THEN RAISE EXCEPTION 'tag'; END IF;
  IF (SELECT "quote""d" FROM "odd;name" WHERE id = 5) <> 'old style '' escape;' THEN RAISE EXCEPTION 'scs off'; END IF;
  IF (SELECT "quote""d" FROM "odd;name" WHERE id = 6) <> E'standard \\' THEN RAISE EXCEPTION 'scs on'; END IF;
  IF (SELECT note FROM "odd;name" WHERE id = 6) <> 'hello' THEN RAISE EXCEPTION 'placeholder'; END IF;
  IF (SELECT note FROM "odd;name" WHERE id = 7) <> '$' || '{greeting}' THEN RAISE EXCEPTION 'literal'; END IF;
END
$check$;
-- trailing comment; after the last statement
