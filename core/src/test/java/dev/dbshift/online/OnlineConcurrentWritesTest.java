package dev.dbshift.online;

import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void copyUnderFourWritersKeepsEveryAcknowledgedWrite(OnlineVendor vendor) throws Exception {
        runUnderWriters(vendor, testOptions());
    }

    /** Without the checksum's repair pass: capture, replay and the sync phase alone must be exact. */
    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void captureAndReplayAloneAreExactWithoutTheChecksumRepair(OnlineVendor vendor) throws Exception {
        runUnderWriters(vendor, testOptions().withChecksum(false));
    }

    private void runUnderWriters(OnlineVendor vendor, OnlineOptions options) throws Exception {
        try (TestDatabase db = vendor.create()) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(30_000);
            load.start();
            Thread.sleep(300);
            OnlineResult result;
            try {
                result = OnlineMigrator.alter(vendor.engine(), () -> db.connect(), db.name(), "items", vendor.spec(), options);
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
                assertThat(vendor.leftovers(c, db.name())).isEmpty();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items WHERE remark = 'seed'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("renamed column keeps its data").isGreaterThan(1000);
                }
            }
        }
    }

    static List<String> columns(Connection c, String table) throws Exception {
        return OnlineVendor.columns(c, table);
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
