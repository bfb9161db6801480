package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code dbshift up} killed with SIGKILL at several points leaves a database that {@code status}
 * describes truthfully and that the next {@code up} completes.
 *
 * <p>Each migration is: CREATE TABLE, a sleep, INSERT. The test waits until the run has got to a
 * chosen point (by watching the history and, on MariaDB, the run's statement progress) and kills it
 * during the following sleep, so the kill lands at a known place rather than at a random time.
 */
class KillIT {
    private static final int MIGRATIONS = 4;

    static Stream<Arguments> points() {
        return Stream.of(
                // vendor, migrations fully applied before the kill, statements of the next one done (MariaDB: during a
                // sleep that is 1 or 3, as progress is recorded after each statement)
                Arguments.of(Vendor.POSTGRES, 0, 0), Arguments.of(Vendor.POSTGRES, 2, 0),
                Arguments.of(Vendor.SQLITE, 0, 0), Arguments.of(Vendor.SQLITE, 2, 0),
                Arguments.of(Vendor.MARIADB, 0, 1), Arguments.of(Vendor.MARIADB, 1, 3), Arguments.of(Vendor.MARIADB, 3, 1));
    }

    @ParameterizedTest(name = "{0}: kill after {1} migrations and {2} statements")
    @MethodSource("points")
    void killedUpIsDescribedTruthfullyAndCompletedByTheNextUp(Vendor vendor, int appliedBefore, int statementsDone) throws Exception {
        TestProject project = TestProject.create();
        String sleep = vendor == Vendor.POSTGRES ? "SELECT pg_sleep(0.6)" : vendor == Vendor.MARIADB ? "SELECT SLEEP(0.6)"
                // SQLite has no sleep: count far enough to take a while
                : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT COUNT(*) FROM c";
        for (int i = 1; i <= MIGRATIONS; i++) {
            project.file("migrations/" + i + "__k" + i + ".sql", "CREATE TABLE k" + i + " (id INT PRIMARY KEY);\n"
                    + sleep + ";\nINSERT INTO k" + i + " VALUES (1);\n" + sleep + ";\n");
        }
        try (TestDatabase db = TestDatabase.create(vendor)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            Process up = DbShiftProcess.builder(project.dir(), env, "up")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            waitFor(db, appliedBefore, statementsDone);
            Thread.sleep(150); // well inside the next sleep
            up.destroyForcibly(); // SIGKILL
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(up.exitValue()).isEqualTo(137);

            // status tells the truth: applied means the table has its row, pending means no table
            DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "status", "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            JsonNode migrations = new ObjectMapper().readTree(status.out()).get("migrations");
            for (int i = 1; i <= MIGRATIONS; i++) {
                String state = migrations.get(i - 1).get("state").asText();
                if (i <= appliedBefore) {
                    assertThat(state).isEqualTo("applied");
                    assertThat(rows(db, "k" + i)).isEqualTo(1);
                } else if (i == appliedBefore + 1 && vendor == Vendor.MARIADB && statementsDone > 0) {
                    assertThat(state).isEqualTo("failed (partly applied)");
                    assertThat(migrations.get(i - 1).get("error").asText()).contains("interrupted").contains(statementsDone + " statement(s)");
                    assertThat(rows(db, "k" + i)).isEqualTo(statementsDone >= 3 ? 1 : 0);
                } else {
                    assertThat(state).isEqualTo("pending");
                    assertThat(rows(db, "k" + i)).isEqualTo(-1);
                }
            }

            // a short lock timeout: the killed run must not have left a lock (SQLite: a lease row) in the way
            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up", "--lock-timeout", "5s");
            assertThat(again.exit()).as(again.toString()).isZero();
            if (vendor == Vendor.MARIADB && statementsDone > 0) {
                assertThat(again.out()).contains("resumed after the " + statementsDone + " statement(s)");
            }
            for (int i = 1; i <= MIGRATIONS; i++) {
                assertThat(rows(db, "k" + i)).isEqualTo(1);
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the killed run is closed by the next one").isZero();
            }
            DbShiftProcess.Result after = DbShiftProcess.run(project.dir(), env, "status", "--json");
            JsonNode n = new ObjectMapper().readTree(after.out());
            assertThat(n.get("current").asText()).isEqualTo(String.valueOf(MIGRATIONS));
            assertThat(n.get("pending").asInt()).isZero();
        }
    }

    /**
     * A SQLite script run statement by statement (here under {@code -- dbshift:no-transaction}), killed inside a long
     * INSERT: each statement now commits with its progress mark, so the next {@code up} knows the INSERT did not happen
     * and runs the rest exactly once. Before, each statement ran alone with its mark after it, and the next {@code up}
     * stopped (exit 3) with the INSERT in doubt, asking for a repair SQLite could have answered.
     */
    @org.junit.jupiter.api.Test
    void aSqliteStatementKilledOutsideDbshiftsTransactionIsNotInDoubt() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__rows.sql", "-- dbshift:no-transaction\nCREATE TABLE k (id INT);\nCREATE TABLE big (x INT);\n"
                + "INSERT INTO k VALUES (1);\n"
                + "INSERT INTO big WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) SELECT x FROM c;\n"
                + "INSERT INTO k VALUES (2);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.SQLITE)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            Process up = DbShiftProcess.builder(project.dir(), env, "up").redirectErrorStream(true).start();
            StringBuilder seen = new StringBuilder();
            java.io.InputStream out = up.getInputStream();
            int c;
            while (!seen.toString().contains("applying 1") && (c = out.read()) >= 0) {
                seen.append((char) c);
            }
            assertThat(seen.toString()).contains("applying 1");
            Thread.sleep(1000); // the 10,000,000 rows take several seconds
            up.destroyForcibly(); // SIGKILL
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(up.exitValue()).isEqualTo(137);
            assertThat(rows(db, "big")).as("killed inside the long INSERT").isIn(-1, 0);

            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up", "--lock-timeout", "5s");
            assertThat(again.exit()).as(again.toString()).isZero();
            try (Connection conn = db.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(id) FROM k")) {
                rs.next();
                assertThat(rs.getInt(1)).as("each row once").isEqualTo(2);
                assertThat(rs.getInt(2)).isEqualTo(3);
            }
            assertThat(rows(db, "big")).isEqualTo(10_000_000);
        }
    }

    /**
     * Killed after a migration's {@code SET FOREIGN_KEY_CHECKS = 0} and the tables it made: the next {@code up} resumes on
     * a new session and sets the checks off again before the rest, so the script's orphan row goes in as it does in one
     * run (before, the resumed INSERT failed on the foreign key the script had turned off).
     */
    @org.junit.jupiter.api.Test
    void aMigrationKilledAfterItsSessionSettingsResumesWithThem() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__data.sql", "SET FOREIGN_KEY_CHECKS = 0;\nCREATE TABLE parent (id INT PRIMARY KEY);\n"
                + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES parent (id));\n"
                + "SELECT SLEEP(2);\nINSERT INTO child VALUES (1, 999);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            Process up = DbShiftProcess.builder(project.dir(), env, "up")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            waitFor(db, 0, 3);
            Thread.sleep(150); // inside the sleep
            up.destroyForcibly();
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(rows(db, "child")).isZero();

            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up", "--lock-timeout", "10s");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("resumed after the 3 statement(s)", "first, in this new session, what migrations/1__data.sql:1 set");
            assertThat(rows(db, "child")).isEqualTo(1);
        }
    }

    /**
     * Killed inside a {@code CREATE TABLE} that ran after the script's {@code USE} of another database: the catalog of
     * the project's database cannot tell whether it completed, so the next {@code up} stops with exit 3 and says why,
     * rather than reading "not there" where the table was never to be (before: it ran the statement again, which failed
     * with "already exists").
     */
    @org.junit.jupiter.api.Test
    void aStatementKilledAfterTheScriptsUseIsNotJudgedByTheProjectsDatabase() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            String other = db.name() + "_other";
            project.file("migrations/1__other.sql", "CREATE DATABASE " + other + ";\nUSE " + other + ";\n"
                    + "CREATE TABLE big AS SELECT seq FROM seq_1_to_3000000;\n");
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            try {
                Process up = DbShiftProcess.builder(project.dir(), env, "up")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                waitFor(db, 0, 2);
                Thread.sleep(150); // inside the CREATE TABLE
                up.destroyForcibly();
                assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();

                DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up", "--lock-timeout", "30s");
                assertThat(again.exit()).as(again.toString()).isEqualTo(3);
                assertThat(again.out() + again.err()).contains("migrations/1__other.sql:3", "may or may not have completed",
                        "migrations/1__other.sql:2 changed where the session finds table big", "dbshift repair --statement-done 1");
            } finally {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + other);
                }
            }
        }
    }

    /** Rows in a table, or -1 when it does not exist. */
    private static int rows(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * {@code init --baseline} killed after it wrote the baseline file and before it recorded it (its history INSERT held
     * by a lock): the next {@code init --baseline} finds the file holds the schema as it stands and records it, and
     * {@code up} has nothing to do. Before, the next run refused the file ("exists already") and {@code up} ran the
     * baseline against the tables it describes ("relation legacy already exists").
     */
    @org.junit.jupiter.api.Test
    void aBaselineKilledBeforeItsRecordIsFoundAndRecordedByTheNextRun() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES); Connection holder = db.connect();
             Statement hold = holder.createStatement()) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            hold.execute("CREATE TABLE legacy (id INT PRIMARY KEY, name TEXT)");
            DbShiftProcess.Result init = DbShiftProcess.run(project.dir(), env, "init");
            assertThat(init.exit()).as(init.toString()).isZero();
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE dbshift_history IN EXCLUSIVE MODE"); // reads go on, the INSERT waits
            Process baseline = DbShiftProcess.builder(project.dir(), env, "init", "--baseline")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            java.nio.file.Path file = project.dir().resolve("migrations/1__baseline.sql");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!waitingForLock(db) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(java.nio.file.Files.exists(file)).as("written before it is recorded").isTrue();
            baseline.destroyForcibly(); // SIGKILL
            assertThat(baseline.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the server would go on with the INSERT it was sent once the lock is free: it ends with the process here,
            // as when the kill lands before the INSERT is sent
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'");
            }
            holder.rollback();
            assertThat(rows(db, "dbshift_history")).isZero();

            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "init", "--baseline");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("Found migrations/1__baseline.sql");
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.out()).contains("Nothing to do");
            assertThat(rows(db, "dbshift_history")).isEqualTo(1);

            // a file that is not the schema as it stands is refused, and left as it is
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM dbshift_history");
                st.execute("ALTER TABLE legacy ADD COLUMN born DATE");
            }
            String text = java.nio.file.Files.readString(file);
            DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), env, "init", "--baseline");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("migrations/1__baseline.sql exists already and is not the schema");
            assertThat(java.nio.file.Files.readString(file)).isEqualTo(text);
        }
    }

    /** True when a session of the test database waits for a lock (the baseline's history INSERT). */
    private static boolean waitingForLock(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void waitFor(TestDatabase db, int applied, int statements) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                int done = -1;
                int progress = 0;
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbshift_history WHERE success = " + (db.vendor() == Vendor.POSTGRES ? "TRUE" : "1"))) {
                    rs.next();
                    done = rs.getInt(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT MAX(progress_statements) FROM dbshift_runs WHERE finished_at IS NULL"
                        + " AND progress_version = '" + (applied + 1) + "'")) {
                    rs.next();
                    progress = rs.getInt(1);
                }
                if (done == applied && progress >= statements) {
                    return;
                }
                if (done > applied) {
                    throw new IllegalStateException("the run got past the kill point");
                }
            } catch (SQLException notYet) {
                // the tables are not there yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the run never reached the kill point");
    }
}
