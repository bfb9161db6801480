package dev.dbshift.db;

import dev.dbshift.lint.LintMigration;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What the linter learns from a connected server: its version, and on PostgreSQL and MariaDB each table's row estimate. */
class LintFactsTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theServersVersionAndItsRowEstimates(Vendor vendor) throws SQLException {
        TestDatabase db = databases.start(vendor);
        Database database = Databases.forUrl(db.url());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE lint_rows (id INT PRIMARY KEY)");
            StringBuilder insert = new StringBuilder("INSERT INTO lint_rows VALUES (1)");
            for (int i = 2; i <= 1000; i++) {
                insert.append(", (").append(i).append(')');
            }
            st.execute(insert.toString());
            boolean estimates = vendor == Vendor.POSTGRES || vendor == Vendor.MARIADB;
            if (vendor == Vendor.POSTGRES) {
                st.execute("ANALYZE lint_rows");
            } else if (vendor == Vendor.MARIADB) {
                st.execute("ANALYZE TABLE lint_rows");
            }
            if (vendor == Vendor.MARIADB) {
                // a system-versioned table is a table too (TABLES types it SYSTEM VERSIONED)
                st.execute("CREATE TABLE lint_kept (id INT PRIMARY KEY) WITH SYSTEM VERSIONING");
                st.execute(insert.toString().replace("lint_rows", "lint_kept"));
                st.execute("ANALYZE TABLE lint_kept");
            }
            LintMigration.ServerFacts facts = database.lintFacts(c, database.currentSchema(c));
            assertThat(facts.version()).isPresent();
            assertThat(facts.major()).isPresent();
            if (vendor == Vendor.POSTGRES) {
                try (var rs = st.executeQuery("SHOW server_version_num")) {
                    rs.next();
                    assertThat(facts.major()).contains(rs.getInt(1) / 10000);
                }
            }
            if (vendor == Vendor.MARIADB) {
                assertThat(facts.rowCounts().get("lint_kept")).isBetween(500L, 2000L);
            }
            if (estimates) {
                assertThat(facts.rowCounts()).containsKey("lint_rows");
                assertThat(facts.rowCounts().get("lint_rows")).isBetween(500L, 2000L);
            } else {
                assertThat(facts.rowCounts()).isEmpty();
            }
        }
    }
}
