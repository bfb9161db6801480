package dev.dbshift.online;

import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column dropped and added again under its name in one change is a new column, as the server's own ALTER makes it:
 * every row takes the new column's default. Before, the copy matched the new column to the old one by its name and
 * carried the old values into it (the change said done, and the data the user dropped was still there).
 */
class OnlineDroppedAndAddedTest {

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aColumnDroppedAndAddedAgainTakesItsDefault(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create()) {
            boolean pg = vendor == OnlineVendor.POSTGRES;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE d (id INT PRIMARY KEY, note VARCHAR(20), keep VARCHAR(20))");
                st.execute(pg ? "INSERT INTO d SELECT g, 'old' || g, 'k' || g FROM generate_series(1, 1000) g"
                        : "INSERT INTO d SELECT seq, CONCAT('old', seq), CONCAT('k', seq) FROM seq_1_to_1000");
            }
            // the type change takes the copy on PostgreSQL too, which else does this change in place
            String spec = pg ? "DROP COLUMN note, ADD COLUMN note VARCHAR(20) DEFAULT 'fresh', ALTER COLUMN keep TYPE VARCHAR(30)"
                    : "DROP COLUMN note, ADD COLUMN note VARCHAR(20) DEFAULT 'fresh', MODIFY keep VARCHAR(30)";
            OnlineResult r = OnlineMigrator.alter(vendor.engine(), db::connect, db.name(), "d", spec, OnlineConcurrentWritesTest.testOptions());
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(r.rowsCopied()).isEqualTo(1000);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT " + (pg ? "count(*)::text" : "CAST(COUNT(*) AS CHAR)")
                        + " FROM d WHERE note = 'fresh' AND keep = " + (pg ? "'k' || id" : "CONCAT('k', id)"))).containsExactly("1000");
            }
        }
    }
}
