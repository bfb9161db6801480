package dev.dbshift.sql;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL dialect's "cannot run inside a transaction" flag agrees with the server: every flagged
 * statement, run inside a transaction block, is refused with SQLSTATE 25001, and every unflagged one
 * runs. (One flagged exception, by the rule: ALTER TYPE ... ADD VALUE, which PostgreSQL 12+
 * accepts in a transaction but whose new value cannot be used before the commit.)
 */
class PostgresTransactionRulesTest {

    private static final String SCRIPT = """
            CREATE INDEX CONCURRENTLY t_b ON t (b);
            CREATE UNIQUE INDEX CONCURRENTLY t_c ON t (a, b);
            DROP INDEX CONCURRENTLY t_a;
            REINDEX TABLE CONCURRENTLY t;
            VACUUM t;
            VACUUM (ANALYZE) t;
            CLUSTER;
            CREATE DATABASE dbshift_never_created;
            ALTER SYSTEM SET work_mem = '4MB';
            CREATE INDEX t_d ON t (b);
            DROP INDEX t_a;
            REINDEX TABLE t;
            CLUSTER t USING t_a;
            ANALYZE t;
            ALTER TYPE e RENAME VALUE 'x' TO 'y';
            ALTER TABLE t ADD COLUMN c int;
            """;

    @Test
    void flaggedStatementsAreTheOnesTheServerRefusesInATransaction() throws Exception {
        List<SqlStatement> statements = Splits.split(new PostgresScriptDialect(), SCRIPT);
        assertThat(statements).hasSize(16);
        assertThat(statements.stream().filter(SqlStatement::noTransaction).count()).isEqualTo(9);
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES); Connection c = db.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (a int, b int)");
                st.execute("CREATE INDEX t_a ON t (a)");
                st.execute("CREATE TYPE e AS ENUM ('x')");
            }
            c.setAutoCommit(false);
            for (SqlStatement s : statements) {
                String refusal = null;
                try (Statement st = c.createStatement()) {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    refusal = e.getSQLState();
                } finally {
                    c.rollback();
                }
                if (s.noTransaction()) {
                    assertThat(refusal).as("refused in a transaction: %s", s.sql()).isEqualTo("25001");
                } else {
                    assertThat(refusal).as("runs in a transaction: %s", s.sql()).isNull();
                }
            }
        }
    }

    @Test
    void alterTypeAddValueIsFlaggedThoughPostgres12AcceptsIt() {
        assertThat(Splits.split(new PostgresScriptDialect(), "ALTER TYPE e ADD VALUE 'z';").get(0).noTransaction()).isTrue();
    }
}
