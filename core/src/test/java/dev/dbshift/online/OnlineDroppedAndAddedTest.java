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

    /**
     * A stored generated column made a plain one (PostgreSQL's {@code DROP EXPRESSION}, MariaDB's {@code MODIFY b INT})
     * keeps the values it had, as the server's own ALTER keeps them, for rows copied and for rows the application wrote
     * during the copy. Before, the copy left generated source columns out, so the plain column was new: every value NULL,
     * and the change said done.
     */
    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aGeneratedColumnMadePlainKeepsItsValues(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create()) {
            boolean pg = vendor == OnlineVendor.POSTGRES;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute(pg ? "CREATE TABLE g (id INT PRIMARY KEY, a INT, b INT GENERATED ALWAYS AS (a * 2) STORED)"
                        : "CREATE TABLE g (id INT PRIMARY KEY, a INT, b INT AS (a * 2) STORED)");
                st.execute(pg ? "INSERT INTO g (id, a) SELECT x, x FROM generate_series(1, 1000) x"
                        : "INSERT INTO g (id, a) SELECT seq, seq FROM seq_1_to_1000");
            }
            String spec = pg ? "ALTER COLUMN b DROP EXPRESSION, ALTER COLUMN a TYPE BIGINT" : "MODIFY b INT, MODIFY a BIGINT";
            Object outcome;
            try (HeldChange held = HeldChange.start(vendor, db, "g", spec, OnlineConcurrentWritesTest.testOptions())) {
                // written while the copy holds before its first chunk: these rows reach the shadow by the capture
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE g SET a = a + 1000 WHERE id <= 10");
                    st.execute("INSERT INTO g (id, a) VALUES (5000, 7)");
                }
                held.release();
                outcome = held.outcome();
            }
            assertThat(outcome).isInstanceOf(OnlineResult.class);
            assertThat(((OnlineResult) outcome).outcome()).isEqualTo(Phase.DONE);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(strings(st, "SELECT " + (pg ? "count(*)::text" : "CAST(COUNT(*) AS CHAR)") + " FROM g WHERE b = a * 2"))
                        .containsExactly("1001");
                // a plain column now: it takes what it is given
                st.execute("UPDATE g SET b = 1 WHERE id = 1");
                assertThat(strings(st, "SELECT " + (pg ? "b::text" : "CAST(b AS CHAR)") + " FROM g WHERE id = 1")).containsExactly("1");
            }
        }
    }
}
