-- sqlite3 shell scripts: quoting styles and trigger bodies
CREATE TABLE "item;s" ([id] INTEGER PRIMARY KEY, `name` TEXT, qty INTEGER DEFAULT 0);
CREATE TABLE log (msg TEXT);
CREATE TRIGGER item_ai AFTER INSERT ON "item;s"
BEGIN
  INSERT INTO log VALUES ('insert; ' || new.name);
  UPDATE "item;s" SET qty = CASE WHEN new.qty < 0 THEN 0 ELSE new.qty END WHERE id = new.id;
END;
CREATE TEMP TRIGGER item_bd BEFORE DELETE ON "item;s" BEGIN SELECT RAISE(ABORT, 'no deletes; ever'); END;
INSERT INTO "item;s" (name, qty) VALUES ('a''b', -5), ('c\', 3);
/* a comment; */ -- and another;
CREATE TABLE must (ok INTEGER CHECK (ok = 1));
INSERT INTO must SELECT count(*) = 2 FROM log;
INSERT INTO must SELECT qty = 0 FROM "item;s" WHERE name = 'a''b';
INSERT INTO must SELECT name = 'c' || char(92) FROM "item;s" WHERE qty = 3;
INSERT INTO must SELECT ${greeting_literal} = 'hello';
INSERT INTO must SELECT '${greeting}' = '$' || '{greeting}';
