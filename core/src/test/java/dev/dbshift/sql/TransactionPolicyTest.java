package dev.dbshift.sql;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class TransactionPolicyTest {

    private static List<SqlStatement> pg(String script) {
        return Splits.split(new PostgresScriptDialect(), script);
    }

    @Test
    void ordinaryScriptsRunInATransaction() {
        assertThat(TransactionPolicy.decide("a.sql", pg("CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);"), false))
                .isEqualTo(TransactionMode.IN_TRANSACTION);
        assertThat(TransactionPolicy.decide("a.sql", List.of(), false)).isEqualTo(TransactionMode.IN_TRANSACTION);
    }

    @Test
    void aScriptOfOnlyRefusedStatementsRunsWithout() {
        assertThat(TransactionPolicy.decide("a.sql", pg("-- index\nCREATE INDEX CONCURRENTLY i ON t (a);\nVACUUM t;"), false))
                .isEqualTo(TransactionMode.NO_TRANSACTION);
    }

    @Test
    void mixingNeedsTheDirectiveAndTheErrorNamesTheLine() {
        List<SqlStatement> s = pg("CREATE TABLE t (a int);\n\n  CREATE INDEX CONCURRENTLY i ON t (a);\nALTER TYPE e ADD VALUE 'x';");
        assertThatThrownBy(() -> TransactionPolicy.decide("migrations/1.2__x.sql", s, false))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageStartingWith("migrations/1.2__x.sql:3:3: 'CREATE INDEX CONCURRENTLY i ON t (a)' cannot run inside a transaction");
        assertThat(TransactionPolicy.decide("migrations/1.2__x.sql", s, true)).isEqualTo(TransactionMode.NO_TRANSACTION);
    }

    @Test
    void directives() {
        assertThat(ScriptDirectives.parse("a.sql", "\uFEFF-- dbshift:no-transaction\n\n--dbshift:online because big\nSELECT 1;"))
                .isEqualTo(new ScriptDirectives(true, true));
        assertThat(ScriptDirectives.parse("a.sql", "-- a comment\nSELECT 1;\n-- dbshift:no-transaction\n"))
                .isEqualTo(ScriptDirectives.NONE);
        assertThat(ScriptDirectives.parse("a.sql", "")).isEqualTo(ScriptDirectives.NONE);
        assertThatThrownBy(() -> ScriptDirectives.parse("a.sql", "-- x\n  -- dbshift:no-transactions\n"))
                .hasMessage("a.sql:2:6: unknown directive 'dbshift:no-transactions' (known: dbshift:no-transaction, dbshift:online, "
                        + "dbshift:lint-ignore, dbshift:statement-begin, dbshift:statement-end, dbshift:delimiter)");
    }

    @Test
    void aScriptWithItsOwnTransactionsRunsStatementByStatement() {
        assertThat(TransactionPolicy.decide("deploy.sql", pg("BEGIN;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nCOMMIT;"), false))
                .isEqualTo(TransactionMode.NO_TRANSACTION);
        assertThat(TransactionPolicy.decide("a.sql", pg("CREATE TABLE t (a int);\nSTART TRANSACTION;\nCREATE INDEX CONCURRENTLY i ON t (a);"), false))
                .isEqualTo(TransactionMode.NO_TRANSACTION);
        assertThat(TransactionPolicy.decide("f.sql", pg("CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;"), false))
                .isEqualTo(TransactionMode.IN_TRANSACTION);
    }
}
