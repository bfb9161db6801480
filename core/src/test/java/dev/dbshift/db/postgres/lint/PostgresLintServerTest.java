package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version-aware rule with the version the real server reports: the server is what the facts come from when
 * dbshift lints connected, and what the rule's claim must hold for.
 */
class PostgresLintServerTest {

    @Test
    void constantDefaultRewritesOnlyWhereTheServerSaysItDoes() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES); Connection c = db.connect();
             Statement st = c.createStatement()) {
            String version;
            try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1);
            }
            ServerFacts facts = new ServerFacts(Optional.of(version), Map.of());
            assertThat(facts.major()).as(version).isPresent();

            st.execute("CREATE TABLE lint_probe (a int)");
            st.execute("INSERT INTO lint_probe VALUES (1)");
            String ddl = "ALTER TABLE lint_probe ADD COLUMN b boolean DEFAULT true NOT NULL";
            boolean rewrote = rewrites(st, ddl);
            assertThat(PostgresLintRulesTest.lint("pg-add-column-rewrite", ddl, facts)).as(version).hasSize(rewrote ? 1 : 0);

            String volatileDdl = "ALTER TABLE lint_probe ADD COLUMN r float DEFAULT random()";
            assertThat(rewrites(st, volatileDdl)).isTrue();
            assertThat(PostgresLintRulesTest.lint("pg-add-column-rewrite", volatileDdl, facts)).hasSize(1);
        }
    }

    /** Runs {@code ddl} and tells whether the table got a new file (a rewrite). */
    private static boolean rewrites(Statement st, String ddl) throws Exception {
        long before = filenode(st);
        st.execute(ddl);
        return filenode(st) != before;
    }

    private static long filenode(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT pg_relation_filenode('lint_probe')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
