package dev.dbshift.db.postgres;

import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements safe DDL limits, and the tables it asks about. */
@Tag("pure")
class PostgresDdlLocksTest {
    private final PostgresDdlLocks locks = new PostgresDdlLocks();

    private static SqlStatement st(String sql, StatementKind kind) {
        return new SqlStatement(sql, 1, 1, kind, false, null, sql);
    }

    @Test
    void ddlIsLimitedButConcurrentIndexBuildsAndDataStatementsAreNot() {
        assertThat(locks.appliesTo(st("ALTER TABLE t ADD COLUMN c INT", StatementKind.DDL))).isTrue();
        assertThat(locks.appliesTo(st("CREATE INDEX i ON t (c)", StatementKind.DDL))).isTrue();
        assertThat(locks.appliesTo(st("CREATE INDEX CONCURRENTLY i ON t (c)", StatementKind.DDL))).isFalse();
        assertThat(locks.appliesTo(st("DROP INDEX CONCURRENTLY IF EXISTS i", StatementKind.DDL))).isFalse();
        assertThat(locks.appliesTo(st("REINDEX INDEX CONCURRENTLY i", StatementKind.DDL))).isFalse();
        assertThat(locks.appliesTo(st("UPDATE t SET c = 1", StatementKind.DML))).isFalse();
    }

    @Test
    void theTablesAStatementLocksAreReadFromItsWords() {
        assertThat(PostgresDdlLocks.tables(st("ALTER TABLE IF EXISTS ONLY app.orders ADD CONSTRAINT fk FOREIGN KEY (c)"
                + " REFERENCES \"Customers\" (id) ON DELETE CASCADE", StatementKind.DDL)))
                .contains("app.orders", "\"Customers\"");
        assertThat(PostgresDdlLocks.tables(st("CREATE UNIQUE INDEX i ON items (v)", StatementKind.DDL))).contains("items");
        assertThat(PostgresDdlLocks.tables(st("TRUNCATE audit", StatementKind.DDL))).contains("audit");
    }
}
