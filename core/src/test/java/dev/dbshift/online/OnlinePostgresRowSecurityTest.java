package dev.dbshift.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PostgreSQL table with row level security through an online copy. {@code CREATE TABLE (LIKE ...)} carries neither
 * the table's row security nor its policies: before, the swapped table had row security off and no policy (every role
 * saw every row), and a change run as the owner of a table whose row security is forced copied only the rows its
 * policies let the owner see, then swapped: 1 row of 3,001 left, exit 0. Now the shadow gets both, and a role the
 * policies would filter is refused before anything is made (the engine's sessions also run with {@code row_security =
 * off}, so a filtered read fails rather than copies less).
 */
class OnlinePostgresRowSecurityTest {

    private static final String POLICIES = "SELECT policyname || ' ' || permissive || ' ' || cmd || ' ' || roles::text || ' '"
            + " || coalesce(qual, '-') || ' ' || coalesce(with_check, '-') FROM pg_policies WHERE schemaname = current_schema()"
            + " AND tablename = 'acct' ORDER BY 1";

    @Test
    void rowSecurityAndPoliciesSurviveTheSwapWithEveryRow() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            List<String> before;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                setUp(st, "ALTER TABLE acct FORCE ROW LEVEL SECURITY");
                before = strings(st, POLICIES);
            }
            assertThat(before).hasSize(2);
            OnlineResult r = OnlineMigrator.alter(new PostgresOnlineChange(), db::connect, db.name(), "acct",
                    "ALTER COLUMN id TYPE bigint", OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(r.rowsCopied()).isEqualTo(3001);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT count(*)::text FROM acct")).containsExactly("3001");
                assertThat(strings(st, "SELECT relrowsecurity || ' ' || relforcerowsecurity FROM pg_class"
                        + " WHERE oid = 'acct'::regclass")).containsExactly("true true");
                assertThat(strings(st, POLICIES)).isEqualTo(before);
                assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = 'acct'::regclass AND attname = 'id'")).containsExactly("bigint");
            }
        }
    }

    @Test
    void aRoleThePoliciesWouldFilterIsRefusedBeforeAnythingIsMade() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            String role = "dbs_rls_" + db.name();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + role + " LOGIN");
                st.execute("GRANT ALL ON SCHEMA " + db.name() + " TO " + role);
                st.execute("SET ROLE " + role);
                setUp(st, "ALTER TABLE acct FORCE ROW LEVEL SECURITY");
                st.execute("RESET ROLE");
            }
            try {
                assertThatThrownBy(() -> OnlineMigrator.alter(new PostgresOnlineChange(),
                        () -> DriverManager.getConnection(db.url(), role, ""), db.name(), "acct", "ALTER COLUMN id TYPE bigint",
                        OnlineConcurrentWritesTest.testOptions()))
                        .isInstanceOf(OnlineException.class)
                        .hasMessageContaining("acct has row level security that applies to " + role)
                        .hasMessageContaining("BYPASSRLS");
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    assertThat(strings(st, "SELECT count(*)::text FROM acct")).containsExactly("3001");
                    assertThat(strings(st, "SELECT relname::text FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                            + " AND relname LIKE '\\_acct%'")).isEmpty();
                    assertThat(strings(st, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                            + " WHERE attrelid = 'acct'::regclass AND attname = 'id'")).containsExactly("integer");
                }
            } finally {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP OWNED BY " + role + " CASCADE");
                    st.execute("DROP ROLE " + role);
                }
            }
        }
    }

    /** {@code acct}: 3,001 rows, one of them the current role's, row security on, a permissive and a restrictive policy. */
    private static void setUp(Statement st, String more) throws SQLException {
        st.execute("CREATE TABLE acct (id int PRIMARY KEY, owner text NOT NULL, v int NOT NULL)");
        st.execute("INSERT INTO acct SELECT g, 'u' || (g % 3), g FROM generate_series(1, 3000) g");
        st.execute("INSERT INTO acct VALUES (9999, current_user, 1)");
        st.execute("ALTER TABLE acct ENABLE ROW LEVEL SECURITY");
        st.execute(more);
        st.execute("CREATE POLICY own ON acct USING (owner = current_user)");
        st.execute("CREATE POLICY \"Keep 100%\" ON acct AS RESTRICTIVE FOR UPDATE TO PUBLIC"
                + " USING (owner LIKE 'u%' OR owner = current_user) WITH CHECK (v > 0)");
    }
}
