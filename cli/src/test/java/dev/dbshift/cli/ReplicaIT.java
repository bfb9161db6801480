package dev.dbshift.cli;

import dev.dbshift.testing.Await;
import dev.dbshift.testing.ReplicaPair;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MariaDB primary (port 3331, binlog on) and a replica of it (3332, {@code read_only}, started
 * here with {@code CHANGE MASTER}), through the packaged CLI: {@code status} and {@code check} on the
 * replica work and write nothing, {@code up} there is refused (exit 2); {@code online alter --max-lag}
 * holds the copy while the replica's SQL thread is stopped and finishes once it runs again; a replica
 * that is down stops the change after {@code --lag-timeout} (fail closed), from the command line and
 * from a {@code -- dbshift:online} migration with the {@code online_*} settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIT {

    private static final String REPLICA = "jdbc:mariadb://127.0.0.1:3332/";
    private static ReplicaPair pair;

    @BeforeAll
    static void start() {
        pair = ReplicaPair.start(ReplicaPair.Vendor.MARIADB, 3331, 3332);
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Map<String, String> env(String url) {
        return Map.of("DBSHIFT_URL", url, "DBSHIFT_USER", pair.user());
    }

    private static void onPrimary(String... sql) throws SQLException {
        try (Connection c = pair.primary(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static void onReplica(String sql) throws SQLException {
        try (Connection c = pair.replica(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The primary's time now minus the heartbeat the replica has applied (as dbshift measures it), in microseconds. */
    private static long heartbeatLagMicros() throws SQLException {
        String applied;
        try (Connection c = pair.replica(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(MAX(ts) AS CHAR) FROM rp_app.dbshift_heartbeat")) {
            rs.next();
            applied = rs.getString(1);
        }
        try (Connection c = pair.primary();
             PreparedStatement ps = c.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, CAST(? AS DATETIME(6)), NOW(6))")) {
            ps.setString(1, applied);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every table of the replica's own databases, and its history's rows: what a write would change. */
    private static List<String> replicaContents() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pair.replica(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            out.add("history rows " + count(c, "SELECT COUNT(*) FROM rp_app.dbshift_history"));
            out.add("runs " + count(c, "SELECT COUNT(*) FROM rp_app.dbshift_runs"));
        }
        return out;
    }

    private static void awaitReplica(String what, String countSql, long expected) {
        Await.until(what, Duration.ofSeconds(30), () -> {
            try (Connection c = pair.replica()) {
                return count(c, countSql) == expected;
            }
        });
    }

    @Test
    @Order(1)
    void statusAndCheckWorkOnTheReplicaAndWriteNothingWhileUpIsRefused() throws Exception {
        onPrimary("CREATE DATABASE rp_app");
        TestProject project = TestProject.create().file("migrations/1.0__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);");
        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env(pair.primaryUrl("rp_app")), "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        awaitReplica("the replica to apply the history", "SELECT COUNT(*) FROM rp_app.dbshift_history WHERE success", 1);
        project.file("migrations/1.1__two.sql", "CREATE TABLE two (id INT PRIMARY KEY);");
        List<String> before = replicaContents();

        Map<String, String> replica = env(REPLICA + "rp_app");
        DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), replica, "status", "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out());
        assertThat(json.get("current").asText()).isEqualTo("1.0");
        assertThat(json.get("pending").asInt()).isEqualTo(1);
        DbShiftProcess.Result check = DbShiftProcess.run(project.dir(), replica, "check");
        assertThat(check.exit()).as(check.toString()).isZero();

        DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), replica, "up");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("is read-only (read_only is ON)").contains("run this command against the primary");
        DbShiftProcess.Result online = DbShiftProcess.run(project.dir(), replica, "online", "alter", "one", "ADD COLUMN c INT",
                "--strategy", "copy", "--execute");
        assertThat(online.exit()).as(online.toString()).isEqualTo(2);
        assertThat(online.err()).contains("read-only (read_only is ON)");

        // root may write on a read_only MariaDB: only the refusal kept these the same
        assertThat(replicaContents()).isEqualTo(before).doesNotContain("rp_app.two");
        try (Connection c = pair.replica(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            rs.next();
            assertThat(rs.getString("Slave_SQL_Running")).isEqualTo("Yes");
            assertThat(rs.getString("Last_SQL_Error")).isEmpty();
        }
    }

    @Test
    @Order(2)
    void theCopyWaitsWhileTheReplicaLagsAndGoesOnWhenItCatchesUp() throws Exception {
        onPrimary("USE rp_app",
                "CREATE TABLE rp_app.warm (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO rp_app.warm SELECT seq, seq FROM seq_1_to_100",
                "CREATE TABLE rp_app.big (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO rp_app.big SELECT seq, seq FROM seq_1_to_3000");
        TestProject project = TestProject.create();
        Map<String, String> primary = env(pair.primaryUrl("rp_app"));

        // a healthy replica, found through SHOW SLAVE HOSTS: never waited for
        DbShiftProcess.Result warm = DbShiftProcess.run(project.dir(), primary, "online", "alter", "warm", "ADD COLUMN c INT NULL",
                "--strategy", "copy", "--execute", "--max-lag", "0.5");
        assertThat(warm.exit()).as(warm.toString()).isZero();
        assertThat(warm.out()).doesNotContain("lags more than");
        awaitReplica("the replica to apply the change of warm", "SELECT COUNT(*) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'rp_app' AND TABLE_NAME = 'warm' AND COLUMN_NAME = 'c'", 1);

        onReplica("STOP SLAVE SQL_THREAD");
        // the replica's lag is the time since the last heartbeat it applied (the warm change's), growing from here:
        // past --max-lag before the change starts, or a fast machine copies the 3,000 rows before it gets there
        Await.until("the replica to lag more than 0.5 s", Duration.ofSeconds(30), ReplicaIT::heartbeatLagMicros,
                lag -> lag > 600_000);
        Path out = Files.createTempFile("dbshift-replica", ".out");
        Process p = DbShiftProcess.builder(project.dir(), primary, "online", "alter", "big", "ADD COLUMN c INT NULL",
                        "--strategy", "copy", "--execute", "--max-lag", "0.5", "--replica", REPLICA)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Await.until("the copy to wait for the replica", Duration.ofSeconds(60),
                    () -> Files.readString(out, StandardCharsets.UTF_8),
                    o -> o.contains("waiting: replica 127.0.0.1:3332 lags more than --max-lag 0.5 s"));
            long copied;
            try (Connection c = pair.primary()) {
                copied = count(c, "SELECT rows_copied FROM rp_app.dbshift_online WHERE table_name = 'big'");
                Thread.sleep(1500); // the scenario: a copy that stands still while the replica lags
                assertThat(count(c, "SELECT rows_copied FROM rp_app.dbshift_online WHERE table_name = 'big'"))
                        .as("rows copied while the replica lagged").isEqualTo(copied).isLessThan(3000);
            }
            assertThat(p.isAlive()).as(Files.readString(out, StandardCharsets.UTF_8)).isTrue();
        } finally {
            onReplica("START SLAVE SQL_THREAD");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the change finishes once the replica caught up").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        try (Connection c = pair.primary()) {
            assertThat(count(c, "SELECT COUNT(*) FROM rp_app.big WHERE c IS NULL")).isEqualTo(3000);
        }
        awaitReplica("the replica to apply the change of big", "SELECT COUNT(*) FROM rp_app.big WHERE c IS NULL", 3000);
        Files.delete(out);
    }

    @Test
    @Order(3)
    void aReplicaThatIsDownStopsTheChangeAfterTheLagTimeout() throws Exception {
        onPrimary("CREATE DATABASE rp_down", "USE rp_down",
                "CREATE TABLE rp_down.t (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO rp_down.t SELECT seq, seq FROM seq_1_to_500");
        pair.stopReplica();
        TestProject project = TestProject.create()
                .file("migrations/1.0__widen.sql", "-- dbshift:online\nALTER TABLE t MODIFY v BIGINT NOT NULL;\n");
        Map<String, String> primary = env(pair.primaryUrl("rp_down"));

        DbShiftProcess.Result cli = DbShiftProcess.run(project.dir(), primary, "online", "alter", "t", "ADD COLUMN c INT NULL",
                "--strategy", "copy", "--execute", "--max-lag", "1", "--replica", REPLICA, "--lag-timeout", "2");
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).contains("replication lag of 127.0.0.1:3332 could not be measured for 2 s")
                .contains("fail closed");

        Map<String, String> settings = new java.util.HashMap<>(primary);
        settings.putAll(Map.of("DBSHIFT_ONLINE_MAX_LAG", "1", "DBSHIFT_ONLINE_REPLICAS", REPLICA,
                "DBSHIFT_ONLINE_LAG_TIMEOUT", "2s"));
        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), settings, "up");
        assertThat(up.exit()).as(up.toString()).isEqualTo(1);
        assertThat(up.err()).contains("1.0__widen.sql").contains("could not be measured for 2 s");

        try (Connection c = pair.primary()) {
            assertThat(count(c, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'rp_down'"
                    + " AND TABLE_NAME = 't' AND (COLUMN_NAME = 'c' OR COLUMN_TYPE LIKE 'bigint%')")).as("t unchanged").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = 'rp_down'"))
                    .as("no capture trigger left").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM rp_down.dbshift_online WHERE table_name = 't' AND UPPER(phase) = 'ABORTED'"))
                    .isEqualTo(1);
        }
    }
}
