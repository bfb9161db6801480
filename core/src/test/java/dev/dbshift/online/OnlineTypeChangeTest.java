package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Column type changes under four writers: the checksum compares the source read as the new type
 * holds it, so the change verifies and swaps; and a change that fails leaves no trigger on the live
 * table.
 */
class OnlineTypeChangeTest {

    private static final int ROWS = 8_000;

    @ParameterizedTest
    @ValueSource(strings = {
            "MODIFY amount DECIMAL(12,3) NOT NULL",
            "MODIFY ts DATETIME(3) NOT NULL DEFAULT '2020-01-01 00:00:00'",
            "MODIFY ratio DOUBLE NULL DEFAULT 1.23"})
    void typeChangeUnderWritersVerifiesAndSwaps(String spec) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(ROWS);
            long tsSum;
            double ratioSum;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // columns the writers leave alone: their seeded values must survive the conversion
                st.execute("ALTER TABLE items ADD COLUMN ts DATETIME NOT NULL DEFAULT '2020-01-01 00:00:00', "
                        + "ADD COLUMN ratio FLOAT NULL DEFAULT 1.23");
                st.execute("UPDATE items SET ts = '2020-01-01' + INTERVAL id SECOND, ratio = id / 7");
                tsSum = longOf(st, "SELECT SUM(UNIX_TIMESTAMP(ts)) FROM items");
                ratioSum = doubleOf(st, "SELECT SUM(ratio) FROM items");
            }
            load.start();
            OnlineResult result;
            try {
                result = OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "items", spec, OnlineConcurrentWritesTest.testOptions());
            } finally {
                load.stop();
            }
            assertThat(result.outcome()).isEqualTo(Phase.DONE);
            assertThat(result.checksumChunks()).isPositive();
            assertThat(load.errors).isEmpty();
            assertThat(load.failures.get()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(load.differences(c)).isEmpty();
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
                String column = spec.split(" ")[1];
                String expected = spec.split(" ")[2].toLowerCase(java.util.Locale.ROOT);
                try (ResultSet rs = st.executeQuery("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                        + "DATABASE() AND TABLE_NAME = 'items' AND COLUMN_NAME = '" + column + "'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(expected);
                }
                // rows the writers inserted carry the defaults; the seeded ones kept their values
                assertThat(longOf(st, "SELECT SUM(UNIX_TIMESTAMP(ts)) FROM items WHERE ts > '2020-01-01 00:00:00'"))
                        .isLessThanOrEqualTo(tsSum);
                assertThat(longOf(st, "SELECT COUNT(*) FROM items WHERE ts > '2020-01-01 00:00:00' AND ratio IS NOT NULL"
                        + " AND ABS(ratio - (TIMESTAMPDIFF(SECOND, '2020-01-01', ts) / 7)) > 0.01"))
                        .as("ratio still id/7 of the seeded id kept in ts").isZero();
                assertThat(doubleOf(st, "SELECT SUM(ratio) FROM items")).isPositive();
                assertThat(ratioSum).isPositive();
            }
        }
    }

    @Test
    void aFailedChangeRemovesItsTriggersFromTheLiveTable() throws Exception {
        Path pause = Files.createTempFile("dbshift-pause", ".flag");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(3_000);
            OnlineOptions options = OnlineConcurrentWritesTest.testOptions().withAllowUnique(true).withPauseFile(pause);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread engine = new Thread(() -> {
                try {
                    outcome.set(OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "items", "ADD UNIQUE KEY uq_name (name)", options));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            engine.start();
            try {
                // the duplicate check passed and the capture triggers are on; the pause file holds the first chunk
                waitForTriggers(db, 3);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("INSERT INTO items (id, grp, name, amount) VALUES (5000000, 1, 'n7', 1.00)");
                }
                Files.delete(pause);
                engine.join(60_000);
            } finally {
                Files.deleteIfExists(pause);
            }
            assertThat(outcome.get()).isInstanceOf(OnlineException.class);
            assertThat(((OnlineException) outcome.get()).getMessage()).contains("Duplicate").contains("abandoned")
                    .contains("items is unchanged");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(longOf(st, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                        .as("no trigger left on the live table").isZero();
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
                assertThat(OnlineCrashResumeTest.state(db).phase()).isEqualTo(Phase.ABORTED);
                // fixed data, the same change again: it runs
                st.execute("DELETE FROM items WHERE id = 5000000");
            }
            OnlineResult again = OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "items", "ADD UNIQUE KEY uq_name (name)",
                    OnlineConcurrentWritesTest.testOptions().withAllowUnique(true));
            assertThat(again.outcome()).isEqualTo(Phase.DONE);
        }
    }

    private static void waitForTriggers(TestDatabase db, int count) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                if (longOf(st, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()") == count) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the capture triggers never appeared");
    }

    private static long longOf(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double doubleOf(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
