package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dbshift online ...} through the packaged jar, with connections from the ordinary settings. */
class OnlineCliIT {
    @Test
    void dryRunExecuteStatusAndARefusal() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            execute(db, "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(20), amount DECIMAL(10,2))",
                    "INSERT INTO orders (status, amount) SELECT 'new', seq FROM seq_1_to_3000", "CREATE TABLE no_key (a INT, b INT)");
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            String spec = "ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_status (status)";

            DbShiftProcess.Result dry = DbShiftProcess.run(project.dir(), env, "online", "alter", "orders", spec, "--strategy", "copy");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("dry run: nothing changed");

            DbShiftProcess.Result run = DbShiftProcess.run(project.dir(), env, "online", "alter", "orders", spec,
                    "--strategy", "copy", "--execute");
            assertThat(run.exit()).as(run.toString()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(flags) FROM orders")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3000);
                assertThat(rs.getInt(2)).isZero();
            }

            DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "online", "status", "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertThat(json.toString()).contains("orders");

            DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), env, "online", "alter", "no_key", "ADD COLUMN c INT",
                    "--strategy", "copy", "--execute");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).containsIgnoringCase("primary key");
        }
    }

    /**
     * An {@code up} whose {@code -- dbshift:online} statement alters a table while {@code online alter} runs on it
     * (held here by its pause file): the run stops with exit 4 (a lock held elsewhere, as for the migration lock), says
     * what holds it and the way out, records the failure; once the change has ended, {@code up} applies the migration.
     */
    @Test
    void anUpMeetingARunningOnlineChangeOfItsTableExitsLocked() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            execute(db, "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(20))",
                    "INSERT INTO orders (status) SELECT 'new' FROM seq_1_to_3000");
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            Path pause = Files.createTempFile("dbshift-pause", "");
            Process alter = DbShiftProcess.builder(project.dir(), env, "online", "alter", "orders", "ADD COLUMN flags INT NOT NULL DEFAULT 7",
                    "--strategy", "copy", "--execute", "--pause-file", pause.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForPhase(db, alter, "COPY");
                project.file("migrations/1__note.sql", "-- dbshift:online\nALTER TABLE orders ADD COLUMN note VARCHAR(40) NULL;\n");

                DbShiftProcess.Result locked = DbShiftProcess.run(project.dir(), env, "up");
                assertThat(locked.exit()).as(locked.toString()).isEqualTo(4);
                assertThat(locked.err()).contains("1__note.sql:2").contains("another dbshift process is running the online change of orders")
                        .contains("online status / pause / abort");
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbshift_history WHERE success = 0 AND version = '1'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }

                Files.delete(pause);
                assertThat(alter.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(alter.exitValue()).isZero();
                DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up");
                assertThat(up.exit()).as(up.toString()).isZero();
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(flags), COUNT(note) FROM orders")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(3000);
                    assertThat(rs.getInt(2)).isEqualTo(21000);
                    assertThat(rs.getInt(3)).isZero();
                }
            } finally {
                Files.deleteIfExists(pause);
                alter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * {@code --row-lock-wait}: a shadow row changed behind the engine makes the checksum copy its range again, the
     * application holds that row, and the change stops after the seconds given (not the default 5 minutes), keeping its
     * shadow; once the application commits, {@code online resume} swaps. A wait that is no positive number is bad input.
     */
    @Test
    void rowLockWaitBoundsTheChecksumsWaitForARowTheApplicationHolds() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            execute(db, "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL)",
                    "INSERT INTO orders (amount) SELECT seq FROM seq_1_to_20000");
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            String spec = "ADD COLUMN flags INT NOT NULL DEFAULT 0";

            DbShiftProcess.Result bad = DbShiftProcess.run(project.dir(), env, "online", "alter", "orders", spec,
                    "--strategy", "copy", "--execute", "--row-lock-wait", "-1");
            assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(bad.err()).contains("--row-lock-wait: expected a positive number of seconds, got: -1");

            Path pause = Files.createTempFile("dbshift-pause", "");
            Process alter = DbShiftProcess.builder(project.dir(), env, "online", "alter", "orders", spec, "--strategy", "copy",
                    "--execute", "--pause-file", pause.toString(), "--max-chunk-rows", "1000", "--row-lock-wait", "2")
                    .redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(alter.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // the process is gone
                }
            });
            reader.start();
            try (Connection app = db.connect(); Statement appSt = app.createStatement()) {
                waitForPhase(db, alter, "COPY");
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    Files.delete(pause);
                    while (count(st, "SELECT COUNT(*) FROM _orders_new") == 0) {
                        Thread.sleep(5);
                    }
                    Files.createFile(pause);
                    Thread.sleep(500);   // the chunk under way ends; the next one waits for the pause file
                    assertThat(count(st, "SELECT COUNT(*) FROM _orders_new")).as("held part-way").isLessThan(20000);
                    assertThat(st.executeUpdate("UPDATE _orders_new SET amount = amount + 1 WHERE id = 1")).isEqualTo(1);
                }
                app.setAutoCommit(false);
                assertThat(count(appSt, "SELECT id FROM orders WHERE id = 1 FOR UPDATE")).isEqualTo(1);
                Files.delete(pause);
                assertThat(alter.waitFor(120, TimeUnit.SECONDS)).as("stopped after its 2 s, not 5 minutes").isTrue();
                reader.join(10_000);
                assertThat(alter.exitValue()).as(output.toString()).isEqualTo(1);
                assertThat(output.toString()).contains("for 2 s in all").contains("Nothing was swapped")
                        .contains("dbshift online resume orders");
                app.commit();
            } finally {
                Files.deleteIfExists(pause);
                alter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }

            DbShiftProcess.Result resume = DbShiftProcess.run(project.dir(), env, "online", "resume", "orders", "--row-lock-wait", "2");
            assertThat(resume.exit()).as(resume.toString()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(count(st, "SELECT amount FROM orders WHERE id = 1")).as("the source's value").isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM orders WHERE flags = 0")).isEqualTo(20000);
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestDatabase db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String q : sql) {
                st.execute(q);
            }
        }
    }

    private static void waitForPhase(TestDatabase db, Process engine, String phase) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(engine.isAlive()).as("online alter ended before its copy was paused").isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT phase FROM dbshift_online WHERE table_name = 'orders'")) {
                if (rs.next() && rs.getString(1).equals(phase)) {
                    return;
                }
            } catch (SQLException notYet) {
                // the engine creates the state table
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the online change never reached " + phase);
    }
}
