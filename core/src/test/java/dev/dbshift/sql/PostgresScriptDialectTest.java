package dev.dbshift.sql;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dbshift.sql.Splits.split;
import static dev.dbshift.sql.Splits.sqls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class PostgresScriptDialectTest {

    private final PostgresScriptDialect dialect = new PostgresScriptDialect();

    @Test
    void dollarQuotesNestWithDifferentTags() {
        String f = "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$\nBEGIN\n"
                + "  EXECUTE $q$SELECT ';'$q$; RETURN $$x;y$$;\nEND;\n$body$";
        assertThat(sqls(dialect, f + ";\nSELECT a$b, $1;")).containsExactly(f, "SELECT a$b, $1");
    }

    @Test
    void doBlock() {
        String d = "DO $$ BEGIN RAISE NOTICE 'a;b'; END $$";
        assertThat(sqls(dialect, d + ";" + "DO LANGUAGE plpgsql $x$ BEGIN NULL; END $x$;"))
                .containsExactly(d, "DO LANGUAGE plpgsql $x$ BEGIN NULL; END $x$");
    }

    @Test
    void escapeAndUnicodeStrings() {
        assertThat(sqls(dialect, "SELECT E'it\\'s;', e'\\\\';SELECT U&'d\\0061t;';SELECT 'a\\';SELECT 1;"))
                .containsExactly("SELECT E'it\\'s;', e'\\\\'", "SELECT U&'d\\0061t;'", "SELECT 'a\\'", "SELECT 1");
    }

    @Test
    void nestedComments() {
        assertThat(sqls(dialect, "/* a /* b; */ c; */ SELECT 1; -- x;\nSELECT 2;"))
                .containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void semicolonInParenthesesDoesNotEnd() {
        assertThat(sqls(dialect, "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));SELECT 1;"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                        "SELECT 1");
    }

    @Test
    void beginAtomicBodies() {
        String f = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END; SELECT 3; END";
        String p = "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END";
        assertThat(sqls(dialect, f + ";\n" + p + ";\nBEGIN;\nEND;")).containsExactly(f, p, "BEGIN", "END");
    }

    @Test
    void copyFromStdinCarriesItsData() {
        String script = "COPY public.t (id, name) FROM stdin;\n1\tfoo;bar\n2\t\\N\n\\.\nSELECT 1;\n";
        List<SqlStatement> s = split(dialect, script);
        assertThat(s).extracting(SqlStatement::sql).containsExactly("COPY public.t (id, name) FROM stdin", "SELECT 1");
        assertThat(s.get(0).copyData()).isEqualTo("1\tfoo;bar\n2\t\\N\n");
        assertThat(s.get(0).kind()).isEqualTo(StatementKind.DML);
        assertThat(s.get(1).line()).isEqualTo(5);
        assertThat(s.get(1).copyData()).isNull();
    }

    @Test
    void standardConformingStringsOff() {
        assertThat(sqls(dialect, "SET standard_conforming_strings = off;SELECT 'a\\';b';SET standard_conforming_strings TO 'on';SELECT 'c\\';"))
                .containsExactly("SET standard_conforming_strings = off", "SELECT 'a\\';b'",
                        "SET standard_conforming_strings TO 'on'", "SELECT 'c\\'");
    }

    @Test
    void metaCommandsAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\n\\i other.sql\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageStartingWith("test.sql:2:1: client command \\i is not supported");
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\n\\connect db\n")).hasMessageStartingWith("test.sql:2:1: client command \\connect");
        assertThatThrownBy(() -> split(dialect, "SELECT 1 \\gset\n")).hasMessageStartingWith("test.sql:1:10: client command \\gset");
        assertThat(sqls(dialect, "\\restrict abc\nSELECT 1;\n\\unrestrict abc\n")).containsExactly("SELECT 1");
    }

    /**
     * What a script written for psql starts with and changes nothing dbshift runs is skipped with its line: stopping at
     * the first error, which dbshift does anyway, and output. What changes what runs or commits is still refused.
     */
    @Test
    void psqlCommandsThatChangeNothingThatRunsAreSkippedAndTheOthersRefused() {
        assertThat(sqls(dialect, "\\set ON_ERROR_STOP on\n\\set ON_ERROR_STOP 1\n\\set ON_ERROR_STOP true\n"
                + "\\set ON_ERROR_STOP 'on'\n\\set ON_ERROR_STOP t\n\\set ON_ERROR_STOP yes\n\\set ON_ERROR_STOP\n"
                + "\\set VERBOSITY verbose\n"
                + "\\echo creating :DBNAME\n\\timing on\n\\pset pager off\n\\x\nSELECT 1;\n\\echo done\n"))
                .containsExactly("SELECT 1");
        for (String refused : List.of("\\set ON_ERROR_STOP off", "\\set ON_ERROR_STOP o",
                "\\set ON_ERROR_STOP 0", "\\set AUTOCOMMIT off", "\\set ON_ERROR_ROLLBACK on", "\\set tenant 42",
                "\\echo a \\\\ SELECT 2;", "\\echo a \\i other.sql", "\\o out.txt")) {
            assertThatThrownBy(() -> split(dialect, "SELECT 1;\n" + refused + "\n")).as(refused)
                    .isInstanceOf(ScriptSyntaxException.class)
                    .hasMessageStartingWith("test.sql:2:1: client command \\");
        }
        assertThatThrownBy(() -> split(dialect, "SELECT 1 \\echo x\n;")).hasMessageStartingWith("test.sql:1:10: client command \\echo");
        // a line too long to read whole may hide a second command, and SQL after it: not skipped
        assertThatThrownBy(() -> split(dialect, "\\echo " + "x".repeat(5000) + " \\\\ SELECT 2;\nSELECT 1;\n"))
                .hasMessageStartingWith("test.sql:1:1: client command \\echo");
        assertThat(sqls(dialect, "\\echo " + "x".repeat(4000) + "\nSELECT 1;\n")).containsExactly("SELECT 1");
    }

    @Test
    void clientEncodingOtherThanUtf8IsRefusedWithItsLine() {
        assertThat(sqls(dialect, "SET client_encoding = 'UTF8';\nSET client_encoding TO 'utf-8';\nSET NAMES unicode;\n"
                + "SET client_encoding TO DEFAULT;\nRESET client_encoding;\nSET search_path = names;\n"
                + "SET DateStyle = 'ISO, DMY';\nSET datestyle TO dmy;\nSET DateStyle TO DEFAULT;\n")).hasSize(9);
        for (String refused : List.of("SET client_encoding = 'LATIN1';", "SET NAMES 'SQL_ASCII';",
                "SET LOCAL client_encoding = win1252;", "set session client_encoding to \"LATIN9\";")) {
            assertThatThrownBy(() -> split(dialect, "SELECT 1;\n" + refused + "\n")).as(refused)
                    .isInstanceOf(ScriptSyntaxException.class)
                    .hasMessageStartingWith("test.sql:2:1: client_encoding ")
                    .hasMessageContaining("is not supported in a migration: the PostgreSQL JDBC driver sends and reads text as UTF-8");
        }
    }

    @Test
    void whatReleasesTheSessionsAdvisoryLocksIsRefusedWithItsLine() {
        assertThat(sqls(dialect, "DISCARD PLANS;\nDISCARD TEMP;\nSELECT pg_advisory_unlock(42);\n"
                + "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'SELECT pg_advisory_unlock_all()';\n")).hasSize(4);
        for (String refused : List.of("DISCARD ALL;", "SELECT pg_advisory_unlock_all();", "select 1, PG_ADVISORY_UNLOCK_ALL();")) {
            assertThatThrownBy(() -> split(dialect, "SELECT 1;\n" + refused + "\n")).as(refused)
                    .isInstanceOf(ScriptSyntaxException.class).hasMessageStartingWith("test.sql:2:1: ")
                    .hasMessageContaining("releases the session's advisory locks, dbshift's migration lock among them");
        }
    }

    @Test
    void dateStyleOtherThanIsoIsRefusedWithItsLine() {
        for (String refused : List.of("SET DateStyle = 'SQL, DMY';", "SET LOCAL datestyle TO postgres, mdy;",
                "SET SESSION DateStyle = German;")) {
            assertThatThrownBy(() -> split(dialect, "SELECT 1;\n" + refused + "\n")).as(refused)
                    .isInstanceOf(ScriptSyntaxException.class)
                    .hasMessageStartingWith("test.sql:2:1: DateStyle ")
                    .hasMessageContaining("is not supported in a migration: the PostgreSQL JDBC driver reads dates as ISO only");
        }
    }

    @Test
    void noTransactionStatements() {
        List<SqlStatement> s = split(dialect, "CREATE INDEX CONCURRENTLY i ON t (a);CREATE UNIQUE INDEX CONCURRENTLY j ON t (b);"
                + "VACUUM t;ALTER TYPE mood ADD VALUE 'x';CREATE DATABASE d;CREATE INDEX k ON t (c);ALTER TYPE mood RENAME TO m;");
        assertThat(s).extracting(SqlStatement::noTransaction).containsExactly(true, true, true, true, true, false, false);
        assertThat(split(dialect, "REINDEX (VERBOSE) TABLE CONCURRENTLY public.t;REINDEX TABLE t;CLUSTER;CLUSTER t;"
                + "DROP INDEX CONCURRENTLY IF EXISTS i;ALTER TYPE \"s\".\"e\" ADD VALUE IF NOT EXISTS 'z' BEFORE 'a';"
                + "ALTER TABLE p DETACH PARTITION c CONCURRENTLY;ALTER TABLE p DETACH PARTITION c;"))
                .extracting(SqlStatement::noTransaction).containsExactly(true, false, true, false, true, true, true, false);
    }

    @Test
    void errorsPointAtTheStart() {
        assertThatThrownBy(() -> split(dialect, "SELECT 1;\nSELECT $x$ abc $y$;\n"))
                .hasMessage("test.sql:2:8: unterminated dollar-quoted string");
        assertThatThrownBy(() -> split(dialect, "SELECT \"abc;\n"))
                .hasMessage("test.sql:1:8: unterminated quoted identifier");
        assertThatThrownBy(() -> split(dialect, "/* /* */ SELECT 1;"))
                .hasMessage("test.sql:1:1: unterminated comment");
    }

    @Test
    void placeholders() {
        assertThat(Splits.split(dialect, "CREATE TABLE ${schema}.t (a text DEFAULT '${schema}'); -- ${x}\nSELECT '${y:d}', ${y:d}, $${z};",
                java.util.Map.of("schema", "app")).stream().map(SqlStatement::sql))
                .containsExactly("CREATE TABLE app.t (a text DEFAULT '${schema}')", "SELECT '${y:d}', d, ${z}");
        assertThatThrownBy(() -> Splits.split(dialect, "SELECT 1;\nSELECT ${nope};", java.util.Map.of()))
                .hasMessage("test.sql:2:8: unknown placeholder ${nope}");
    }

    @Test
    void positions() {
        List<SqlStatement> s = split(dialect, "  SELECT 1;  SELECT\n2;\n\n   -- c\n  SELECT 3");
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 1, 5);
        assertThat(s).extracting(SqlStatement::column).containsExactly(3, 14, 3);
    }

    @Test
    void copyEdges() {
        List<SqlStatement> atEnd = split(dialect, "COPY t FROM STDIN;\r\n1\r\n\\.\r\nSELECT 1;\nCOPY u FROM stdin;\n2\n3");
        assertThat(atEnd).extracting(SqlStatement::copyData).containsExactly("1\r\n", null, "2\n3");
        assertThat(atEnd).extracting(SqlStatement::line).containsExactly(1, 4, 5);
        assertThatThrownBy(() -> split(dialect, "COPY t FROM stdin; SELECT 1;\n\\.\n"))
                .hasMessage("test.sql:1:20: text after COPY ... FROM stdin on the same line");
        assertThat(split(dialect, "COPY (SELECT 1) TO stdout;\nSELECT 2;")).extracting(SqlStatement::copyData).containsExactly(null, null);
        assertThat(split(dialect, "copy t from stdin with (format csv) ;\n\\.x\n\\.\n")).extracting(SqlStatement::copyData)
                .containsExactly("\\.x\n");
    }

    @Test
    void placeholdersInLiteralsWhenAsked() {
        ScriptOptions literals = new ScriptOptions("test.sql", java.util.Map.of("owner", "ada", "n", "7"), true, true);
        assertThat(Splits.split(dialect, "INSERT INTO t VALUES (${n}, '${owner}', E'it''s ${owner}\\n', 'keep $${owner}', '$5');"
                + " -- '${owner}'\nSELECT \"${owner}\", $$${owner}$$;", literals).stream().map(SqlStatement::sql))
                .containsExactly("INSERT INTO t VALUES (7, 'ada', E'it''s ada\\n', 'keep ${owner}', '$5')",
                        "SELECT \"${owner}\", $$${owner}$$");
        assertThatThrownBy(() -> Splits.split(dialect, "SELECT 1;\nSELECT 'x ${nobody}';", literals))
                .hasMessage("test.sql:2:11: unknown placeholder ${nobody}");
        // off unless asked
        assertThat(Splits.split(dialect, "SELECT '${owner}'", java.util.Map.of("owner", "ada")).get(0).sql()).isEqualTo("SELECT '${owner}'");
    }

    @Test
    void placeholderErrors() {
        assertThatThrownBy(() -> Splits.split(dialect, "SELECT ${a\n}", java.util.Map.of("a", "1")))
                .hasMessage("test.sql:1:8: unterminated placeholder");
        assertThatThrownBy(() -> Splits.split(dialect, "SELECT ${a b}", java.util.Map.of()))
                .hasMessage("test.sql:1:8: bad placeholder name 'a b'");
        assertThat(Splits.split(dialect, "SELECT $$${x}$$, ${x}", java.util.Map.of("x", "1")).get(0).sql())
                .isEqualTo("SELECT $$${x}$$, 1");
        assertThat(Splits.split(dialect, "SELECT ${x}", new ScriptOptions("t.sql", java.util.Map.of(), false)).get(0).sql())
                .isEqualTo("SELECT ${x}");
    }

    @Test
    void identifiersWithDollarsAreNotQuotes() {
        assertThat(sqls(dialect, "SELECT x$y$ FROM t$1; SELECT $1$;")).containsExactly("SELECT x$y$ FROM t$1", "SELECT $1$");
    }

    @Test
    void longStatementsShrinkTheBufferAgain() {
        String big = "INSERT INTO t VALUES ('" + "x".repeat(3_000_000) + "');";
        assertThat(sqls(dialect, big + "SELECT 1;" + big)).hasSize(3).element(1).isEqualTo("SELECT 1");
    }

    @Test
    void copyFromStdinOnlyWhenItIsSql() {
        assertThat(split(dialect, "COPY (SELECT $$ FROM stdin $$, E'\\' FROM stdin', 1 /* /* */ FROM stdin */) TO stdout;\nSELECT 1;"))
                .extracting(SqlStatement::copyData).containsExactly(null, null);
        assertThat(StatementWords.of("SELECT E'a\\'b', $x$c$x$, /* /* */ d */ e", dialect.lexical(), 10))
                .containsExactly("SELECT", "E", "'a\\'b'", ",", "$x$c$x$", ",", "E");
    }
}
