-- Stored programs written WITHOUT a DELIMITER change: dbshift keeps each whole.
CREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(200), `end` INT DEFAULT 0);
CREATE TABLE data (a INT, b INT);

CREATE DEFINER = CURRENT_USER PROCEDURE fill(IN n INT)
  MODIFIES SQL DATA
  COMMENT 'loops; labels; case'
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE done INT DEFAULT 0;
  outer_loop: LOOP
    SET i = i + 1;
    IF i > n THEN
      LEAVE outer_loop;
    ELSEIF MOD(i, 2) = 0 THEN
      INSERT INTO data VALUES (i, IF(i > 2, 1, 0));
    ELSE
      BEGIN
        DECLARE tmp INT;
        SET tmp = CASE WHEN i = 1 THEN 10 ELSE 20 END;
        INSERT INTO data VALUES (i, tmp);
      END;
    END IF;
  END LOOP outer_loop;
  WHILE done < 2 DO
    SET done = done + 1;
    INSERT INTO log (msg) VALUES (CONCAT('while ', done));
  END WHILE;
  REPEAT
    SET done = done - 1;
  UNTIL done <= 0 END REPEAT;
  CASE n
    WHEN 0 THEN INSERT INTO log (msg) VALUES ('zero');
    ELSE INSERT INTO log (msg) VALUES (REPEAT('x', 3));
  END CASE;
  FOR k IN 1..2 DO
    INSERT INTO log (msg) VALUES (CONCAT('for ', k));
  END FOR;
END;

CREATE FUNCTION label_of(x INT) RETURNS VARCHAR(20) DETERMINISTIC
BEGIN
  IF x IS NULL THEN RETURN 'null'; END IF;
  RETURN CASE WHEN x < 0 THEN 'negative' WHEN x = 0 THEN 'zero' ELSE 'positive' END;
END;

CREATE FUNCTION one() RETURNS INT RETURN 1;

CREATE TRIGGER data_ai AFTER INSERT ON data FOR EACH ROW
BEGIN
  INSERT INTO log (msg, `end`) VALUES (CONCAT('insert ', NEW.a), NEW.b);
END;

CREATE TRIGGER data_bi BEFORE INSERT ON data FOR EACH ROW
  IF NEW.b IS NULL THEN SET NEW.b = -1; END IF;

CREATE TRIGGER data_bu BEFORE UPDATE ON data FOR EACH ROW SET NEW.b = IF(NEW.b < 0, 0, NEW.b);

CREATE EVENT IF NOT EXISTS purge_log ON SCHEDULE EVERY 1 DAY DISABLE DO
BEGIN
  DELETE FROM log WHERE id < 0;
  DELETE FROM log WHERE msg IS NULL;
END;

CREATE OR REPLACE VIEW labelled AS SELECT a, label_of(b - 5) AS label FROM data;

CALL fill(4);
INSERT INTO data (a) VALUES (99);
UPDATE data SET b = -7 WHERE a = 99;

BEGIN NOT ATOMIC
  DECLARE c INT;
  SELECT COUNT(*) INTO c FROM data;
  IF c <> 5 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'expected 5 data rows'; END IF;
  IF (SELECT COUNT(*) FROM log) <> 10 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'expected 10 log rows'; END IF;
  IF (SELECT b FROM data WHERE a = 99) <> 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'trigger bu'; END IF;
  IF (SELECT label FROM labelled WHERE a = 1) <> 'positive' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'view'; END IF;
  IF one() + 1 <> 2 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'one()'; END IF;
END;

IF (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()) <> 1 THEN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'expected one event';
END IF;
