-- The schema dumped by DumpTest with sqlite3 .dump
CREATE TABLE customer ([id] INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, `notes` TEXT, avatar BLOB, balance REAL DEFAULT 0);
CREATE TABLE "audit;log" (id INTEGER PRIMARY KEY, what TEXT);
CREATE INDEX customer_name ON customer (name);
CREATE VIEW rich AS SELECT id, name FROM customer WHERE balance > 100;
CREATE TRIGGER customer_ai AFTER INSERT ON customer
BEGIN
  INSERT INTO "audit;log" (what) VALUES ('insert; ' || new.name || CASE WHEN new.balance > 100 THEN ' (rich)' ELSE '' END);
END;
CREATE TRIGGER customer_bu BEFORE UPDATE OF name ON customer WHEN new.name = ''
BEGIN
  SELECT RAISE(ABORT, 'empty name; rejected');
END;
INSERT INTO customer (name, notes, avatar, balance) VALUES
  ('Ann; the first', 'line one' || char(10) || 'line two', X'00FF27225C0A', 10.5),
  ('Bob ''the quote''', 'back\slash "double" `tick` [bracket]', NULL, 1000),
  ('Zoë /* not a comment */ -- nor this', NULL, X'', -3.25);
