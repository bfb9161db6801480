-- Lexical corner cases of the mariadb client: comments, quotes, escapes.
# a hash comment; with a semicolon
/* a block comment; with a semicolon */
/*!40101 SET @saved_cs_client = @@character_set_client */;
/*M!100100 SET @mariadb_only = 'yes;no' */;
CREATE TABLE `odd;name` (
  `id` INT PRIMARY KEY, -- a dash comment; here
  `text``quote` VARCHAR(100), # another; comment
  note VARCHAR(100) DEFAULT 'semi;colon'
);
INSERT INTO `odd;name` VALUES (1, 'it\'s; \"fine\"', "double \"quoted\"; string"),
  (2, 'doubled '' quote', 'backslash \\'), (3, '/* not a comment */', '-- not a comment either');
SELECT 5--1 AS arithmetic_not_a_comment;
SELECT 1 /* inline; */ + 1 AS two\G
SELECT 'terminated by \\g'\g
SET sql_mode = 'NO_BACKSLASH_ESCAPES';
INSERT INTO `odd;name` VALUES (4, 'raw \', 'backslash ends the string');
SET sql_mode = DEFAULT;
INSERT INTO `odd;name` VALUES (5, 'escaped again: \';', ${greeting_literal}),
  (6, 'in a literal', '${greeting}');
BEGIN NOT ATOMIC
  IF (SELECT COUNT(*) FROM `odd;name`) <> 6 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'expected 6 rows'; END IF;
  IF (SELECT `text``quote` FROM `odd;name` WHERE id = 1) <> 'it''s; "fine"' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'escapes in row 1';
  END IF;
  IF (SELECT `text``quote` FROM `odd;name` WHERE id = 4) <> 'raw \\' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'NO_BACKSLASH_ESCAPES row 4';
  END IF;
  IF (SELECT note FROM `odd;name` WHERE id = 5) <> 'hello' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'placeholder';
  END IF;
  IF (SELECT note FROM `odd;name` WHERE id = 6) <> CONCAT('$', '{greeting}') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'placeholder in a literal';
  END IF;
END;
-- trailing comment; after the last statement
