package dev.dbshift.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fleet over 200 schemas of the PostgreSQL server, 100 databases of the MariaDB server and schemas on two more
 * PostgreSQL clusters started for this class (ports 5461 and 5462), found through a pattern, a directory query and a
 * targets file; connections counted on the servers while it runs. Sizes: {@code -Ddbshift.fleet.pgSchemas},
 * {@code -Ddbshift.fleet.mariadbDatabases}, {@code -Ddbshift.fleet.clusterSchemas}.
 */
class FleetTest {
    private static final int PG_SCHEMAS = Integer.getInteger("dbshift.fleet.pgSchemas", 200);
    private static final int MARIADB_DATABASES = Integer.getInteger("dbshift.fleet.mariadbDatabases", 100);
    private static final int CLUSTER_SCHEMAS = Integer.getInteger("dbshift.fleet.clusterSchemas", 3);
    private static final String P = "fl" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final int BROKEN = Math.min(20, PG_SCHEMAS - 1);
    private static final List<PostgresCluster> CLUSTERS = new ArrayList<>();

    @BeforeAll
    static void servers() throws Exception {
        CompletableFuture<PostgresCluster> a = CompletableFuture.supplyAsync(() -> PostgresCluster.start(5461));
        CompletableFuture<PostgresCluster> b = CompletableFuture.supplyAsync(() -> PostgresCluster.start(5462));
        try {
            CLUSTERS.add(a.join());
        } finally {
            CLUSTERS.add(b.join());
        }
        try (Connection c = pg(); Statement st = c.createStatement()) {
            for (int i = 0; i < PG_SCHEMAS; i++) {
                st.addBatch("CREATE SCHEMA " + tenant(i));
            }
            st.addBatch("CREATE TABLE " + P + "_dir (name VARCHAR(64) PRIMARY KEY)");
            for (int i = 0; i < MARIADB_DATABASES; i++) {
                st.addBatch("INSERT INTO " + P + "_dir VALUES ('" + P + "_m" + String.format("%03d", i) + "')");
            }
            // the broken tenant: a table in the way of migration 5
            st.addBatch("CREATE TABLE " + tenant(BROKEN) + ".t5 (x INT)");
            st.executeBatch();
        }
        try (Connection c = mariadb(); Statement st = c.createStatement()) {
            for (int i = 0; i < MARIADB_DATABASES; i++) {
                st.execute("CREATE DATABASE " + P + "_m" + String.format("%03d", i));
            }
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        try {
            try (Connection c = pg(); Statement st = c.createStatement()) {
                // one statement at a time: a batch is one transaction, and 200 schemas' locks overflow the lock table
                for (int i = 0; i < PG_SCHEMAS; i++) {
                    st.execute("DROP SCHEMA IF EXISTS " + tenant(i) + " CASCADE");
                }
                st.execute("DROP TABLE IF EXISTS " + P + "_dir");
                st.execute("DROP TABLE IF EXISTS " + P + "_report");
            }
            try (Connection c = mariadb(); Statement st = c.createStatement()) {
                for (int i = 0; i < MARIADB_DATABASES; i++) {
                    st.execute("DROP DATABASE IF EXISTS " + P + "_m" + String.format("%03d", i));
                }
            }
        } finally {
            CLUSTERS.forEach(PostgresCluster::close);
        }
    }

    private static String tenant(int i) {
        return P + "_" + String.format("%03d", i);
    }

    private static Connection pg() throws SQLException {
        return DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
    }

    private static Connection mariadb() throws SQLException {
        return DriverManager.getConnection(TestDatabase.MARIADB_SERVER, TestDatabase.MARIADB_USER, "");
    }

    private static TestProject project() {
        TestProject p = TestProject.create();
        for (int v = 1; v <= 10; v++) {
            p.file("migrations/" + v + "__t" + v + ".sql", "CREATE TABLE t" + v + " (id INT PRIMARY KEY, note VARCHAR(40));\n"
                    + "INSERT INTO t" + v + " (id, note) VALUES (" + v + ", 'migration " + v + "');\n");
        }
        StringBuilder targets = new StringBuilder("# the two clusters of this test\n");
        for (PostgresCluster c : CLUSTERS) {
            for (int i = 0; i < CLUSTER_SCHEMAS; i++) {
                targets.append("postgres://postgres@127.0.0.1:").append(c.port()).append("/postgres?ApplicationName=").append(P)
                        .append(' ').append(P).append("_c").append(i).append('\n');
            }
        }
        p.file("targets.txt", targets.toString());
        // schema_checksum off: reading each tenant's schema after its run is the single command's work, not the fleet's
        p.file("dbshift.toml", "url = \"postgres://postgres@127.0.0.1:5432/test?ApplicationName=" + P + "\"\n"
                + "schema_checksum = \"off\"\n"
                + "schemas = [\"" + P + "\\\\_%\"]\n"
                + "[fleet]\n"
                + "targets_file = \"targets.txt\"\n"
                + "query = \"SELECT name AS schema FROM " + P + "_dir ORDER BY name\"\n"
                + "url_template = \"mariadb://root@127.0.0.1:3306/{schema}\"\n"
                + "report_table = \"" + P + "_report\"\n");
        return p;
    }

    @Test
    void tenMigrationsStopAtTheBrokenTenantAndTheRerunFinishesTheRestSkippingDoneOnes() throws Exception {
        TestProject project = project();
        DbShift base = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).load();
        List<FleetTarget> targets = FleetTargets.resolve(base, List.of(), null);
        int total = 2 * CLUSTER_SCHEMAS + MARIADB_DATABASES + PG_SCHEMAS;
        assertThat(targets).hasSize(total);
        // file first, then the query's rows, then the pattern's schemas
        assertThat(targets.get(0).name()).isEqualTo("postgresql://127.0.0.1:5461/postgres?ApplicationName=" + P + "#" + P + "_c0");
        assertThat(targets.get(2 * CLUSTER_SCHEMAS).name()).isEqualTo("mariadb://127.0.0.1:3306/" + P + "_m000#" + P + "_m000");
        FleetTarget broken = targets.get(2 * CLUSTER_SCHEMAS + MARIADB_DATABASES + BROKEN);
        assertThat(broken.schema()).isEqualTo(tenant(BROKEN));
        Path reportFile = project.dir().resolve("fleet.json");

        FleetOptions first = Fleet.options(base).withParallel(8, 3).withWaves(1, Limit.parse("25%", "--wave", false), null, false)
                .withReport(reportFile, P + "_report");
        Map<String, Integer> peaks;
        FleetReport r1;
        try (ConnectionSampler sampler = new ConnectionSampler()) {
            r1 = Fleet.of(base, targets).run(FleetCommand.UP, first, FleetListener.NONE);
            peaks = sampler.peaks();
        }
        assertThat(r1.exitCode()).isEqualTo(1);
        assertThat(r1.stopped()).contains("more than --max-failures 0");
        TargetOutcome failed = r1.outcomes().stream().filter(o -> o.target().equals(broken)).findFirst().orElseThrow();
        assertThat(failed.state()).isEqualTo(TargetOutcome.State.FAILED);
        assertThat(failed.message()).contains("t5");
        assertThat(r1.count(TargetOutcome.State.FAILED)).isEqualTo(1);
        int brokenAt = targets.indexOf(broken);
        // the waves before the broken tenant's all finished; in its wave, targets of other servers may not have started
        List<Integer> waves = Waves.sizes(total, 1, Limit.parse("25%", "--wave", false));
        int before = 0;
        for (int w = 0; before + waves.get(w) <= brokenAt; w++) {
            before += waves.get(w);
        }
        assertThat(before).isPositive();
        assertThat(r1.outcomes().subList(0, before)).allSatisfy(o -> {
            assertThat(o.state()).isEqualTo(TargetOutcome.State.DONE);
            assertThat(o.to()).isEqualTo("10");
        });
        assertThat(r1.outcomes()).allSatisfy(o -> assertThat(o.state()).isIn(TargetOutcome.State.DONE,
                TargetOutcome.State.NOT_STARTED, TargetOutcome.State.FAILED));
        assertThat(r1.outcomes().subList(brokenAt + 1, total)).anySatisfy(o -> assertThat(o.state())
                .isEqualTo(TargetOutcome.State.NOT_STARTED));
        System.out.printf("fleet up, first run: %d targets, %d done, %.1f s%n", total, r1.count(TargetOutcome.State.DONE),
                r1.elapsed().toMillis() / 1000.0);
        // per server: at most --per-server connections (3), the main server also the report table's
        assertThat(peaks.get("pg")).isBetween(2, 3 + 1);
        assertThat(peaks.get("mariadb")).isBetween(1, 3);
        assertThat(peaks.get("5461")).isBetween(1, 3);
        assertThat(peaks.get("5462")).isBetween(1, 3);
        // the report names the broken tenant, in the file and in the table
        JsonNode file = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(file.get("targets")).anySatisfy(t -> {
            assertThat(t.get("target").asText()).isEqualTo(broken.name());
            assertThat(t.get("state").asText()).isEqualTo("failed");
            assertThat(t.get("message").asText()).contains("t5");
        });
        try (Connection c = pg(); PreparedStatement ps = c.prepareStatement("SELECT state, message FROM " + P
                + "_report WHERE target = ? AND command = 'up'")) {
            ps.setString(1, broken.name());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("failed");
                assertThat(rs.getString(2)).contains("t5");
            }
        }

        // fixed: the table in the way goes; the rerun runs the broken and the not started ones, and skips the rest
        try (Connection c = pg(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + tenant(BROKEN) + ".t5");
        }
        FleetOptions second = Fleet.options(base).withParallel(6, 6).withReport(reportFile, P + "_report");
        FleetReport r2;
        try (ConnectionSampler sampler = new ConnectionSampler()) {
            r2 = Fleet.of(base, FleetTargets.resolve(base, List.of(), null)).run(FleetCommand.UP, second, FleetListener.NONE);
            peaks = sampler.peaks();
        }
        assertThat(r2.exitCode()).as(r2.outcomes().stream().filter(o -> !o.done()).toList().toString()).isZero();
        assertThat(r2.outcomes()).allSatisfy(o -> assertThat(o.state()).isEqualTo(TargetOutcome.State.DONE));
        System.out.printf("fleet up, rerun: %d targets run again, %.1f s%n", r2.outcomes().stream().filter(o -> !o.earlier()).count(),
                r2.elapsed().toMillis() / 1000.0);
        // done in the first run: skipped; the broken tenant and those not started: run now
        for (int i = 0; i < total; i++) {
            assertThat(r2.outcomes().get(i).earlier()).as(targets.get(i).name())
                    .isEqualTo(r1.outcomes().get(i).state() == TargetOutcome.State.DONE);
        }
        // what was left is all on the main server: the total there is at most --parallel (6) and the report table's
        assertThat(peaks.get("pg")).isBetween(2, 6 + 1);
        try (Connection c = pg(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't10'"
                    + " AND table_schema LIKE '" + P + "\\_%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(PG_SCHEMAS);
            }
            // a tenant done in the first run was not run again: one run row
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + tenant(0) + ".dbshift_runs")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        try (Connection c = mariadb(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't10'"
                     + " AND table_schema LIKE '" + P + "\\_m%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(MARIADB_DATABASES);
        }
        for (PostgresCluster cl : CLUSTERS) {
            try (Connection c = DriverManager.getConnection(cl.url(), "postgres", ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't10'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(CLUSTER_SCHEMAS);
            }
        }
    }

    @Test
    void anUnknownTargetIsBadInputAndAnUnreachableServerIsNamedWithoutItsPassword() {
        TestProject project = TestProject.create().file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("dbshift.toml", "url = \"postgres://postgres@127.0.0.1:5432/test\"\n[environments.prod]\n"
                        + "url = \"postgres://postgres@127.0.0.1:5432/test\"\n");
        DbShift base = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).load();
        assertThatThrownBy(() -> FleetTargets.resolve(base, List.of("prdo"), null))
                .isInstanceOfSatisfying(DbShiftException.class, e -> assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT))
                .hasMessageContaining("--target prdo").hasMessageContaining("unknown target 'prdo'").hasMessageContaining("declared: prod");
        project.file("servers.txt", "# one server\n\nfoo://h/x\n");
        assertThatThrownBy(() -> FleetTargets.resolve(base, List.of(), project.dir().resolve("servers.txt")))
                .hasMessageContaining("servers.txt:3");

        List<FleetTarget> down = FleetTargets.resolve(base, List.of("postgres://fleetuser:s3cretpw@127.0.0.1:1/app"), null);
        assertThat(down.get(0).name()).doesNotContain("s3cretpw");
        FleetReport r = Fleet.of(base, down).run(FleetCommand.STATUS, Fleet.options(base), FleetListener.NONE);
        TargetOutcome o = r.outcomes().get(0);
        assertThat(o.state()).isEqualTo(TargetOutcome.State.FAILED);
        assertThat(o.exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
        assertThat(o.message()).contains("127.0.0.1:1").contains("fleetuser").doesNotContain("s3cretpw");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyOfTheFleetTableIsRefusedNamingIt() {
        TestProject project = TestProject.create().file("dbshift.toml", "[fleet]\nparalel = 3\n");
        assertThatThrownBy(() -> DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).load())
                .isInstanceOfSatisfying(DbShiftException.class, e -> assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT))
                .hasMessageContaining("fleet").hasMessageContaining("'paralel'").hasMessageContaining("parallel");
    }

    /** Counts this test's connections on each server every few milliseconds, on their own connections. */
    private static final class ConnectionSampler implements AutoCloseable {
        private final Map<String, Integer> peaks = new ConcurrentHashMap<>();
        /** Each server's count in the sample before. */
        private final Map<String, Integer> last = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ConnectionSampler() throws SQLException {
            Connection main = pg();
            Connection maria = mariadb();
            List<Connection> clusters = new ArrayList<>();
            for (PostgresCluster c : CLUSTERS) {
                clusters.add(DriverManager.getConnection(c.url(), "postgres", ""));
            }
            thread = new Thread(() -> {
                try (main; maria; PreparedStatement pgCount = main.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?");
                     PreparedStatement mariaCount = maria.prepareStatement(
                             // not those the server is still tearing down after the client's COM_QUIT ("Quit"): under load a
                             // closed connection stayed listed while the next target's opened (a peak of 4 in a full run)
                             "SELECT count(*) FROM information_schema.processlist WHERE db LIKE ? AND command <> 'Quit'")) {
                    pgCount.setString(1, P);
                    mariaCount.setString(1, P + "\\_m%");
                    while (running.get()) {
                        sample("pg", pgCount);
                        sample("mariadb", mariaCount);
                        for (int i = 0; i < clusters.size(); i++) {
                            try (PreparedStatement ps = clusters.get(i).prepareStatement(
                                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
                                ps.setString(1, P);
                                sample(String.valueOf(CLUSTERS.get(i).port()), ps);
                            }
                        }
                        Thread.sleep(5);
                    }
                } catch (SQLException | InterruptedException e) {
                    peaks.put("error: " + e, -1);
                } finally {
                    for (Connection c : clusters) {
                        try {
                            c.close();
                        } catch (SQLException ignored) {
                            // the cluster goes away with the test
                        }
                    }
                }
            }, "fleet-connection-sampler");
            thread.start();
        }

        /**
         * A peak counts when two samples in a row see it. A backend whose client closed its connection stays listed in
         * pg_stat_activity until it has exited, and under load the next target's connection opened meanwhile (a peak of
         * 5 against a limit of 4 in one full run): that lasts less than a sample's round, while a fourth target run at
         * once would hold its connection for all its migrations.
         */
        private void sample(String server, PreparedStatement count) throws SQLException {
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                int now = rs.getInt(1);
                Integer before = last.put(server, now);
                peaks.merge(server, before == null ? 0 : Math.min(before, now), Math::max);
            }
        }

        Map<String, Integer> peaks() {
            close();
            assertThat(peaks.keySet()).noneMatch(k -> k.startsWith("error"));
            return Map.copyOf(peaks);
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
