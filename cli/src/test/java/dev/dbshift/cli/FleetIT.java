package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dbshift fleet} through the packaged jar, on tenant schemas of the PostgreSQL server found by a pattern. */
class FleetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TENANTS = 6;
    private final String prefix = "fi" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final TestProject project = TestProject.create();

    @BeforeEach
    void tenants() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            for (int i = 0; i < TENANTS; i++) {
                st.execute("CREATE SCHEMA " + prefix + "_" + i);
            }
            // tenant 1 is broken: a table in the way of migration 2
            st.execute("CREATE TABLE " + prefix + "_1.b (x INT)");
        }
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\n")
                .file("migrations/3__c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\n")
                .file("dbshift.toml", "[environments.prod]\n");
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            for (int i = 0; i < TENANTS; i++) {
                st.execute("DROP SCHEMA IF EXISTS " + prefix + "_" + i + " CASCADE");
            }
        }
    }

    private DbShiftProcess.Result run(String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", TestDatabase.PG_SERVER, "DBSHIFT_USER", TestDatabase.PG_USER), args);
    }

    @Test
    void aBrokenTenantStopsTheRolloutAndTheRerunAfterTheFixFinishesTheRest() throws Exception {
        String pattern = prefix + "\\_%";
        String broken = prefix + "_1";
        String reportFile = project.dir().resolve("fleet.json").toString();
        DbShiftProcess.Result first = run("fleet", "up", "--schemas", pattern, "--parallel", "1", "--report", reportFile);
        assertThat(first.exit()).as(first.toString()).isEqualTo(1);
        // not a terminal: one plain line per finished target, the stop on standard error, then the table
        assertThat(first.out()).containsPattern("(?m)^done +\\S+#" + prefix + "_0 +- -> 3");
        assertThat(first.out()).containsPattern("(?m)^failed +\\S+#" + broken + " .*\"b\"");
        assertThat(first.err()).contains("stopping: 1 target(s) failed, more than --max-failures 0");
        assertThat(first.out()).containsPattern("(?m)^\\S+#" + prefix + "_5 +not started");
        assertThat(first.out()).contains("fleet up: 1 done, 1 failed, 0 behind, 4 not started, of 6");
        JsonNode report = JSON.readTree(Files.readString(project.dir().resolve("fleet.json")));
        assertThat(report.get("targets")).anySatisfy(t -> {
            assertThat(t.get("target").asText()).endsWith("#" + broken);
            assertThat(t.get("state").asText()).isEqualTo("failed");
        });

        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + broken + ".b");
        }
        DbShiftProcess.Result again = run("fleet", "up", "--schemas", pattern, "--parallel", "3", "--report", reportFile, "--json");
        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode n = JSON.readTree(again.out());
        assertThat(n.get("counts").get("done").asInt()).isEqualTo(TENANTS);
        assertThat(n.get("peakRunning").asInt()).isBetween(1, 3);
        assertThat(n.get("targets").get(0).get("earlier").asBoolean()).isTrue();
        assertThat(n.get("targets").get(1).get("earlier").asBoolean()).isFalse();
        assertThat(n.get("targets").get(1).get("to").asText()).isEqualTo("3");

        DbShiftProcess.Result status = run("fleet", "status", "--schemas", pattern, "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(JSON.readTree(status.out()).get("targets")).allSatisfy(t -> assertThat(t.get("from").asText()).isEqualTo("3"));
        project.file("migrations/4__d.sql", "CREATE TABLE d (id INT PRIMARY KEY);\n");
        DbShiftProcess.Result behind = run("fleet", "status", "--schemas", pattern);
        assertThat(behind.exit()).as(behind.toString()).isEqualTo(1);
        assertThat(behind.out()).contains("fleet status: 0 done, 0 failed, 6 behind");
    }

    @Test
    void anUnknownTargetIsBadInputAndAnUnreachableOneIsNamedWithoutItsPassword() {
        DbShiftProcess.Result unknown = run("fleet", "up", "--target", "prdo");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("--target prdo: unknown target 'prdo'").contains("declared: prod");

        DbShiftProcess.Result down = run("fleet", "status", "--target", "postgres://fleetuser:s3cretpw@127.0.0.1:1/app");
        assertThat(down.exit()).as(down.toString()).isEqualTo(1);
        assertThat(down.out()).contains("127.0.0.1:1").contains("fleetuser");
        assertThat(down.out() + down.err()).doesNotContain("s3cretpw");
    }

    /**
     * A target that takes the connection and never answers fails after connect_timeout with the way out, and the
     * others are done: before the setting the fleet waited on it for ever (pgjdbc has no limit of its own).
     */
    @Test
    void aSilentTargetFailsAfterTheConnectTimeoutAndTheOthersAreDone() throws Exception {
        try (dev.dbshift.testing.SilentServer silent = new dev.dbshift.testing.SilentServer()) {
            DbShiftProcess.Result r = run("--connect-timeout", "2s", "fleet", "up", "--schemas", prefix + "\\_0%",
                    "--target", "postgres://fleetuser:s3cretpw@127.0.0.1:" + silent.port() + "/app", "--max-failures", "1");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("127.0.0.1:" + silent.port() + "/app", "did not answer within 2s")
                    .containsPattern("#" + prefix + "_0\\s+done");
            assertThat(r.out() + r.err()).doesNotContain("s3cretpw");
            assertThat(silent.accepted()).isPositive();
        }
    }
}
