package dev.dbshift.sql;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dbshift.sql.Splits.split;
import static dev.dbshift.sql.Splits.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class MySqlScriptDialectTest {

    private final MySqlScriptDialect dialect = new MySqlScriptDialect();

    @Test
    void splitsAtSemicolonsOutsideLiteralsAndComments() {
        assertThat(sqls(dialect, "SELECT 'a;b', \"c;d\", `e;f`; # x;y\nSELECT 2 -- z;w\n; /* ; */ SELECT 3"))
                .containsExactly("SELECT 'a;b', \"c;d\", `e;f`", "SELECT 2 -- z;w", "SELECT 3");
    }

    @Test
    void backslashEscapesInStrings() {
        assertThat(sqls(dialect, "INSERT INTO t VALUES ('it\\'s; here', \"say \\\"hi;\\\"\");SELECT 1;"))
                .containsExactly("INSERT INTO t VALUES ('it\\'s; here', \"say \\\"hi;\\\"\")", "SELECT 1");
    }

    @Test
    void dashDashNeedsASpace() {
        assertThat(sqls(dialect, "SELECT 1--1;\nSELECT 2 --;\n;")).containsExactly("SELECT 1--1", "SELECT 2 --");
    }

    @Test
    void delimiterCommandChangesTheTerminator() {
        String script = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nCALL p();\n"
                + "delimiter $$\nSELECT 1$$ DELIMITER ;;\nSELECT 2;;\n";
        List<SqlStatement> s = split(dialect, script);
        assertThat(s).extracting(SqlStatement::sql).containsExactly(
                "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "CALL p()", "SELECT 1", "SELECT 2");
        assertThat(s).extracting(SqlStatement::line).containsExactly(2, 4, 6, 7);
    }

    @Test
    void executableCommentsAreSqlText() {
        assertThat(sqls(dialect, "/*!40101 SET NAMES utf8mb4 */;\n/*M!100616 SET NOTE_VERBOSITY=0 */;\n/* plain; */"))
                .containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100616 SET NOTE_VERBOSITY=0 */");
    }

    @Test
    void backslashGTerminates() {
        assertThat(sqls(dialect, "SELECT 1\\G SELECT 2\\g SELECT 3;")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void procedureWithoutDelimiterIsKeptWhole() {
        String proc = "CREATE DEFINER=`root`@`localhost` PROCEDURE p(IN n INT)\nBEGIN\n"
                + "  DECLARE i INT DEFAULT 0;\n"
                + "  lbl: LOOP\n    SET i = i + 1;\n    IF i > n THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n"
                + "  WHILE i > 0 DO SET i = i - 1; END WHILE;\n"
                + "  REPEAT SET i = i + 1; UNTIL i > 3 END REPEAT;\n"
                + "  CASE i WHEN 1 THEN SELECT 1; ELSE SELECT IF(i > 2, 'a', 'b'); END CASE;\n"
                + "  SELECT CASE WHEN i = 1 THEN 'x' ELSE 'y' END, REPEAT('z', 2);\n"
                + "  IF (i > 1) THEN BEGIN SELECT 2; END; ELSEIF i < 0 THEN SELECT 3; ELSE SELECT 4; END IF;\n"
                + "END";
        assertThat(sqls(dialect, proc + ";\nSELECT 9;")).containsExactly(proc, "SELECT 9");
    }

    @Test
    void triggerWithoutBeginAndWithIf() {
        String t1 = "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = IF(NEW.a > 0, 1, 0)";
        String t2 = "CREATE TRIGGER t2 BEFORE UPDATE ON t FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF";
        String t3 = "CREATE TRIGGER t3 AFTER DELETE ON data FOR EACH ROW BEGIN INSERT INTO log VALUES (OLD.end); END";
        assertThat(sqls(dialect, t1 + ";\n" + t2 + ";\n" + t3 + ";\nSELECT 1 FOR UPDATE;"))
                .containsExactly(t1, t2, t3, "SELECT 1 FOR UPDATE");
    }

    @Test
    void functionAndEvent() {
        String f = "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC BEGIN DECLARE y INT; SET y = x * 2; RETURN y; END";
        String e = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t WHERE a < 0; DELETE FROM u; END";
        String g = "CREATE FUNCTION g() RETURNS INT RETURN 1";
        assertThat(sqls(dialect, f + ";" + e + ";" + g + ";DROP TABLE IF EXISTS x;"))
                .containsExactly(f, e, g, "DROP TABLE IF EXISTS x");
    }

    @Test
    void anonymousBlocks() {
        String b = "BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; SELECT x; END";
        String l = "outer_block: BEGIN NOT ATOMIC SELECT 1; END outer_block";
        assertThat(sqls(dialect, b + ";\n" + l + ";\nBEGIN;\nCOMMIT;"))
                .containsExactly(b, l, "BEGIN", "COMMIT");
    }

    @Test
    void classification() {
        List<SqlStatement> s = split(dialect, "CREATE TABLE t (a INT);INSERT INTO t VALUES (1);BEGIN;SET x=1;"
                + "BEGIN NOT ATOMIC SELECT 1; END;/*!40000 ALTER TABLE t DISABLE KEYS */;");
        assertThat(s).extracting(SqlStatement::kind).containsExactly(StatementKind.DDL, StatementKind.DML,
                StatementKind.TRANSACTION_CONTROL, StatementKind.OTHER, StatementKind.OTHER, StatementKind.DDL);
    }

    @Test
    void unterminatedStringPointsAtItsStart() {
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\nSELECT\n  'abc;\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("test.sql:3:3: unterminated string literal");
        assertThatThrownBy(() -> split(dialect, "SELECT 1; /* x\n"))
                .hasMessage("test.sql:1:11: unterminated comment");
    }

    @Test
    void noBackslashEscapesSqlMode() {
        assertThat(sqls(dialect, "SET sql_mode = 'NO_BACKSLASH_ESCAPES';SELECT 'a\\';SELECT 2;SET sql_mode='';SELECT 'b\\';';"))
                .containsExactly("SET sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT 'a\\'", "SELECT 2", "SET sql_mode=''",
                        "SELECT 'b\\';'");
    }

    @Test
    void beginAndEndAsColumnNames() {
        String p = "CREATE PROCEDURE p() BEGIN SELECT begin, end FROM t WHERE end > 0; SELECT t.end, (end) AS e FROM t; END";
        assertThat(sqls(dialect, p + ";SELECT 2;")).containsExactly(p, "SELECT 2");
    }

    @Test
    void handlersAndCursors() {
        String p = "CREATE PROCEDURE p()\nBEGIN\n  DECLARE done INT DEFAULT FALSE;\n  DECLARE c CURSOR FOR SELECT a FROM t;\n"
                + "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;\n"
                + "  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;\n"
                + "  OPEN c;\n  read_loop: LOOP\n    FETCH c INTO x;\n    IF done THEN LEAVE read_loop; END IF;\n  END LOOP;\n"
                + "  CLOSE c;\n  SELECT * FROM t FOR UPDATE;\nEND";
        assertThat(sqls(dialect, p + ";\nSELECT 2;")).containsExactly(p, "SELECT 2");
    }

    @Test
    void lineEndingsAndEdges() {
        assertThat(sqls(dialect, "")).isEmpty();
        assertThat(sqls(dialect, "-- only a comment")).isEmpty();
        assertThat(sqls(dialect, "\uFEFFSELECT 1;\r\nSELECT 2\r\n;\r\n")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(split(dialect, "DELIMITER //\r\nSELECT 1//\r\nSELECT 2//")).extracting(SqlStatement::line).containsExactly(2, 3);
        assertThat(sqls(dialect, ";;; SELECT 1 ;; ;")).containsExactly("SELECT 1");
        assertThat(sqls(dialect, "\\G SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void delimiterErrors() {
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\nDELIMITER \n")).hasMessage("test.sql:2:1: DELIMITER needs the new terminator");
        assertThatThrownBy(() -> split(dialect, "DELIMITER \\x\n")).hasMessage("test.sql:1:1: DELIMITER cannot contain a backslash");
    }

    @Test
    void sqlModeFormsTheClientFollows() {
        assertThat(sqls(dialect, "/*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES' */;SELECT 'a\\';"
                + "SET @@session.sql_mode := '';SELECT 'b\\';';SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES';SELECT 'c\\';';"
                + "SET @sql_mode = 'NO_BACKSLASH_ESCAPES';SELECT 'd\\';';"))
                .containsExactly("/*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES' */", "SELECT 'a\\'",
                        "SET @@session.sql_mode := ''", "SELECT 'b\\';'", "SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES'",
                        "SELECT 'c\\';'", "SET @sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT 'd\\';'");
    }

    @Test
    void clientCharsetCommandsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\ncharset latin1\nSELECT 2;\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageStartingWith("test.sql:2:1: client command charset is not supported");
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\n\\C latin1\n")).hasMessageStartingWith("test.sql:2:1: client command \\C");
    }

    /**
     * A script not in UTF-8: what makes the server read other bytes than the file's is refused, naming its line; what
     * only looks like it runs. In UTF-8 everything runs, the driver sending the file's bytes.
     */
    @Test
    void notInUtf8WhatTheServerWouldReadOtherwiseIsRefused() {
        ScriptOptions latin1 = new ScriptOptions("test.sql", java.util.Map.of(), false, false,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> runs = List.of("UPDATE t SET names = 'é', charset = 1",
                "SET @saved_cs_client = @@character_set_client",
                "INSERT INTO t VALUES (_latin1'a''b\\'c', _binary X'FF', 'é', col_x 'é')",
                "ALTER TABLE t CONVERT TO CHARACTER SET latin1",
                "CREATE TABLE u (c VARCHAR(9) CHARACTER SET latin1 DEFAULT 'é')");
        for (String sql : runs) {
            assertThat(split(dialect, sql + ";", latin1)).as(sql).hasSize(1);
        }
        List<String> refused = List.of("/*M!999999\\- enable the sandbox mode */\n/*!40101 SET NAMES utf8mb4 */",
                "/*!40101 SET character_set_client = utf8 */", "SET CHARACTER SET latin1",
                "SET sql_mode = '', @@session.collation_connection = latin1_bin", "SET charset latin1",
                "INSERT INTO t VALUES (_binary 'a\\'é')", "INSERT INTO t VALUES (_UTF8MB4\"é\")");
        for (String sql : refused) {
            assertThatThrownBy(() -> split(dialect, "SELECT 1;\n" + sql + ";", latin1)).as(sql)
                    .isInstanceOf(ScriptSyntaxException.class).hasMessageStartingWith("test.sql:2:1: ")
                    .hasMessageContaining("the script is read as ISO-8859-1 ('encoding') and dbshift sends its text as UTF-8");
            assertThat(split(dialect, "SELECT 1;\n" + sql + ";")).as("in UTF-8: " + sql).hasSize(2);
        }
    }

    @Test
    void aCommentWhoseVersionNoServerRunsIsAComment() {
        String sandbox = "/*M!999999\\- enable the sandbox mode */ \n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */";
        assertThat(dialect.sessionEffect(sandbox)).isEqualTo(dev.dbshift.sql.SessionStatements.Effect.SETS);
        assertThat(dialect.sessionEffect("/*!99999999 SET NAMES latin1 */ SELECT 1")).isEqualTo(dev.dbshift.sql.SessionStatements.Effect.NONE);
        assertThat(dialect.sessionEffect("/*M!100100 SET NAMES latin1 */")).isEqualTo(dev.dbshift.sql.SessionStatements.Effect.SETS);
    }

    @Test
    void sandboxLineOfNewDumpsGoesToTheServerAsAComment() {
        // mariadb-dump since 10.11.8 starts with this; new clients read \- as "sandbox mode", old ones (and the
        // server, for which version 999999 never comes) as a comment: sent along with the first statement it is inert
        assertThat(sqls(dialect, "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;"))
                .containsExactly("/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */", "SELECT 1");
    }
}
