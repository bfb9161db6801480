package dev.dbshift.sql;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.dbshift.sql.Splits.split;
import static dev.dbshift.sql.Splits.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -- dbshift:statement-begin/end} and {@code -- dbshift:delimiter X}: the splitting other tools' formats translate to. */
@Pure
class ScannerDirectivesTest {

    private final PostgresScriptDialect pg = new PostgresScriptDialect();
    private final MySqlScriptDialect mysql = new MySqlScriptDialect();

    @Test
    void aBlockIsOneStatementLessItsFinalTerminator() {
        String script = "CREATE TABLE t (a int);\n"
                + "-- dbshift:statement-begin\n"
                + "INSERT INTO t VALUES (1);\n"
                + "INSERT INTO t VALUES (2) ;\n"
                + "-- dbshift:statement-end\n"
                + "SELECT 1;\n";
        List<SqlStatement> s = split(pg, script);
        assertThat(s).extracting(SqlStatement::sql).containsExactly(
                "CREATE TABLE t (a int)",
                "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2)",
                "SELECT 1");
        assertThat(s.get(1).line()).isEqualTo(3);
        assertThat(s.get(1).kind()).isEqualTo(StatementKind.DML);
    }

    @Test
    void aMySqlProcedureWithoutDelimiterInABlock() {
        String body = "CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 'a;'; END IF;\n  SELECT 2;\nEND";
        assertThat(sqls(mysql, "-- dbshift:statement-begin\n" + body + ";\n-- dbshift:statement-end\nCALL p();"))
                .containsExactly(body, "CALL p()");
        // what goose writes: markers that do not stand first in the file, no terminator after END
        assertThat(sqls(mysql, "SELECT 0;\n\n-- dbshift:statement-begin\n" + body + "\n-- dbshift:statement-end\n"))
                .containsExactly("SELECT 0", body);
    }

    @Test
    void sqliteAndH2Blocks() {
        String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (new.a);\nEND";
        String script = "-- dbshift:statement-begin\n" + trigger + ";\n-- dbshift:statement-end\nSELECT 1;";
        assertThat(sqls(new SqliteScriptDialect(), script)).containsExactly(trigger, "SELECT 1");
        assertThat(sqls(new H2ScriptDialect(), script)).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void literalsAndCommentsInABlockAreText() {
        String body = "SELECT '-- dbshift:statement-end', $$ -- dbshift:statement-end $$ /* ;\n-- dbshift:statement-end */";
        assertThat(sqls(pg, "-- dbshift:statement-begin\n" + body + "\n-- dbshift:statement-end\n"))
                .containsExactly(body);
    }

    @Test
    void placeholdersAreReplacedInABlock() {
        assertThat(split(pg, "-- dbshift:statement-begin\nINSERT INTO ${t} VALUES (1); INSERT INTO ${t} VALUES (2);\n"
                + "-- dbshift:statement-end\n", Map.of("t", "items")))
                .extracting(SqlStatement::sql)
                .containsExactly("INSERT INTO items VALUES (1); INSERT INTO items VALUES (2)");
    }

    @Test
    void anEmptyBlockSendsNothing() {
        assertThat(sqls(pg, "-- dbshift:statement-begin\n-- only a comment\n-- dbshift:statement-end\nSELECT 1;"))
                .containsExactly("SELECT 1");
    }

    @Test
    void delimiterDirectiveSetsAndResetsTheTerminator() {
        String script = "-- dbshift:delimiter //\n"
                + "CREATE FUNCTION f() RETURNS int AS 'SELECT 1;' LANGUAGE sql//\n"
                + "SELECT 1; SELECT 2//\n"
                + "--   dbshift:delimiter ;\n"
                + "SELECT 3; SELECT 4;\n";
        List<SqlStatement> s = split(pg, script);
        assertThat(s).extracting(SqlStatement::sql).containsExactly(
                "CREATE FUNCTION f() RETURNS int AS 'SELECT 1;' LANGUAGE sql",
                "SELECT 1; SELECT 2",
                "SELECT 3", "SELECT 4");
        assertThat(s.get(1).line()).isEqualTo(3);
    }

    @Test
    void delimiterDirectiveWorksInEveryDialectAndWithBlocks() {
        String script = "-- dbshift:delimiter GO\nSELECT 1; SELECT 2\nGO\n"
                + "-- dbshift:statement-begin\nSELECT 3;\n-- dbshift:statement-end\n"
                + "-- dbshift:delimiter ;\nSELECT 4;";
        for (ScriptDialect d : List.of(pg, mysql, new SqliteScriptDialect(), new H2ScriptDialect())) {
            assertThat(sqls(d, script)).as(d.getClass().getSimpleName())
                    .containsExactly("SELECT 1; SELECT 2", "SELECT 3;", "SELECT 4");
        }
    }

    @Test
    void otherDbshiftWordsInTheMiddleStayComments() {
        assertThat(sqls(pg, "SELECT 1;\n-- dbshift:no-transaction\nSELECT 2 -- dbshift:something\n;"))
                .containsExactly("SELECT 1", "SELECT 2 -- dbshift:something");
    }

    @Test
    void mistakesNameTheLine() {
        assertThatThrownBy(() -> split(pg, "SELECT 1;\n  -- dbshift:statement-begin\nSELECT 2;\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("test.sql:2:3: dbshift:statement-begin without a dbshift:statement-end");
        assertThatThrownBy(() -> split(pg, "SELECT 1;\n-- dbshift:statement-end\n"))
                .hasMessage("test.sql:2:1: dbshift:statement-end without a dbshift:statement-begin before it");
        assertThatThrownBy(() -> split(pg, "SELECT 1\n-- dbshift:statement-begin\nSELECT 2;\n-- dbshift:statement-end\n"))
                .hasMessage("test.sql:2:1: dbshift:statement-begin inside a statement (end the statement before it with ';')");
        assertThatThrownBy(() -> split(pg, "-- dbshift:statement-begin\nSELECT 2;\n-- dbshift:statement-begin\n"))
                .hasMessage("test.sql:3:1: dbshift:statement-begin inside the block begun at line 1 (end it with -- dbshift:statement-end first)");
        assertThatThrownBy(() -> split(pg, "-- dbshift:statement-begin\n-- dbshift:delimiter //\n"))
                .hasMessageStartingWith("test.sql:2:1: dbshift:delimiter inside the block begun at line 1");
        assertThatThrownBy(() -> split(pg, "SELECT 1\n-- dbshift:delimiter //\n"))
                .hasMessage("test.sql:2:1: dbshift:delimiter inside a statement (end the statement before it with ';')");
        assertThatThrownBy(() -> split(pg, "-- dbshift:delimiter\nSELECT 1;"))
                .hasMessage("test.sql:1:1: dbshift:delimiter needs the new terminator (-- dbshift:delimiter ; resets it)");
        assertThatThrownBy(() -> split(pg, "-- dbshift:delimiter / /\nSELECT 1;"))
                .hasMessage("test.sql:1:1: dbshift:delimiter takes one terminator without spaces, not '/ /'");
        assertThatThrownBy(() -> split(pg, "-- dbshift:statement-begin now\nSELECT 1;"))
                .hasMessage("test.sql:1:1: text after dbshift:statement-begin (it stands alone on its line)");
    }

    @Test
    void aBufferOfFourCharactersSplitsTheSame() {
        String script = "SELECT 0;\n-- dbshift:delimiter //\nSELECT 1; SELECT 2//\n-- dbshift:delimiter ;\n"
                + "-- dbshift:statement-begin\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n-- dbshift:statement-end\nSELECT 3;";
        ScriptOptions options = ScriptOptions.of("test.sql");
        List<SqlStatement> small = new ArrayList<>();
        try (ScriptScanner s = new ScriptScanner(new StringReader(script), options, pg, 4)) {
            s.forEachRemaining(small::add);
        }
        assertThat(small).isEqualTo(split(pg, script)).hasSize(4);
    }

    @Test
    void theDirectivesAreKnownToTheLeadingCommentReader() {
        assertThat(ScriptDirectives.parse("a.sql", "-- dbshift:no-transaction\n-- dbshift:delimiter //\n"
                + "-- dbshift:statement-begin\nSELECT 1;\n-- dbshift:statement-end\n"))
                .isEqualTo(new ScriptDirectives(true, false));
    }
}
