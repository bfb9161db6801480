package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The proof: an online change under four writers ends with exactly the acknowledged writes. */
class OnlineConcurrentWritesTest {

    static final String SPEC = "ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_name (name), CHANGE COLUMN note remark VARCHAR(120) NULL";

    static OnlineOptions testOptions() {
        return OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(500)
                .withChunkTime(Duration.ofMillis(50)).withMaxLoad(java.util.Map.of());
    }

    @Test
    void copyUnderFourWritersKeepsEveryAcknowledgedWrite() throws Exception {
        runUnderWriters(testOptions());
    }

    /** Without the checksum's repair pass: capture, replay and the sync phase alone must be exact. */
    @Test
    void captureAndReplayAloneAreExactWithoutTheChecksumRepair() throws Exception {
        runUnderWriters(testOptions().withChecksum(false));
    }

    private void runUnderWriters(OnlineOptions options) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(30_000);
            load.start();
            Thread.sleep(300);
            OnlineResult result;
            try {
                result = OnlineMigrator.alter(new MySqlOnlineChange(), () -> db.connect(), db.name(), "items", SPEC, options);
                System.out.println(result.description());
                Thread.sleep(300);
            } finally {
                load.stop();
            }
            assertThat(load.errors).isEmpty();
            assertThat(load.failures.get()).isZero();
            assertThat(load.ops.get()).isGreaterThan(1000);
            assertThat(result.outcome()).isEqualTo(Phase.DONE);
            assertThat(result.rowsCopied()).isGreaterThanOrEqualTo(25_000);
            try (Connection c = db.connect()) {
                assertThat(load.differences(c)).isEmpty();
                assertThat(columns(c, "items")).contains("flags", "remark").doesNotContain("note");
                assertThat(leftovers(c, db.name())).isEmpty();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items WHERE remark = 'seed'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("renamed column keeps its data").isGreaterThan(1000);
                }
            }
        }
    }

    static List<String> columns(Connection c, String table) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, "%")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** Tables and triggers other than items and the state table. */
    static List<String> leftovers(Connection c, String schema) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + schema
                        + "' AND TABLE_NAME NOT IN ('items', 'dbshift_online') UNION ALL "
                        + "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + schema + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
