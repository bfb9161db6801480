-- The schema dumped by DumpTest with mariadb-dump --routines --triggers --events.
CREATE TABLE customer (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL COMMENT 'display name; may hold anything',
  email VARCHAR(200) UNIQUE,
  notes TEXT,
  avatar BLOB,
  balance DECIMAL(10,2) NOT NULL DEFAULT 0,
  created TIMESTAMP NOT NULL DEFAULT '2020-01-01 00:00:00'
) ENGINE=InnoDB COMMENT='customers; the table';
CREATE TABLE orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  total DECIMAL(10,2) NOT NULL,
  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  KEY idx_customer (customer_id),
  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
);
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(200), `end` INT);

INSERT INTO customer (name, email, notes, avatar, balance) VALUES
  ('Ann; the first', 'ann@example.com', 'line one\nline two\ttabbed', X'00FF27225C0A', 10.50),
  ('Bob ''the quote'' O\'Brien', NULL, 'back\\slash and "double" and `tick`', NULL, 0),
  ('Zoë /* not a comment */ -- nor this', 'z@example.com', '#hash; $$dollar$$ DELIMITER //', '', -3.25),
  ('Émile', 'e@example.com', NULL, X'DEADBEEF', 99999999.99);
INSERT INTO orders (customer_id, total, status) VALUES (1, 10, 'paid'), (1, 20.5, 'new'), (3, 7, 'shipped');

CREATE VIEW customer_totals AS
  SELECT c.id, c.name, COALESCE(SUM(o.total), 0) AS total FROM customer c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name;

CREATE PROCEDURE add_order(IN cid INT, IN amount DECIMAL(10,2), OUT new_id INT)
  COMMENT 'adds an order; returns its id'
BEGIN
  DECLARE c INT;
  SELECT COUNT(*) INTO c FROM customer WHERE id = cid;
  IF c = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no such customer; sorry';
  END IF;
  INSERT INTO orders (customer_id, total) VALUES (cid, amount);
  SET new_id = LAST_INSERT_ID();
END;

CREATE FUNCTION grade(amount DECIMAL(10,2)) RETURNS VARCHAR(10) DETERMINISTIC
BEGIN
  DECLARE g VARCHAR(10);
  CASE
    WHEN amount >= 100 THEN SET g = 'gold';
    WHEN amount >= 10 THEN SET g = 'silver';
    ELSE SET g = 'bronze';
  END CASE;
  RETURN g;
END;

CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW
BEGIN
  INSERT INTO audit (what, `end`) VALUES (CONCAT('order ', NEW.id, '; total ', NEW.total), NEW.customer_id);
  UPDATE customer SET balance = balance + NEW.total WHERE id = NEW.customer_id;
END;

CREATE TRIGGER customer_bu BEFORE UPDATE ON customer FOR EACH ROW
  IF NEW.name = '' THEN SET NEW.name = OLD.name; END IF;

CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00' DISABLE COMMENT 'cleanup; nightly' DO
BEGIN
  DELETE FROM audit WHERE id < 0;
  UPDATE customer SET notes = CONCAT(notes, ';') WHERE 1 = 0;
END;

CALL add_order(2, 5, @ignored);
