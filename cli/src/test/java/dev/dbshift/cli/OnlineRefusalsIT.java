package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dbshift online alter} through the packaged jar: a {@code --rename} keeps the column's data
 * whatever the strategy, an aborted change exits non-zero, and databases without an online engine
 * are refused with exit 2 instead of raw SQL errors.
 */
class OnlineRefusalsIT {

    private static final int ROWS = 3000;
    private static final String DROP_ADD = "DROP COLUMN name, ADD COLUMN label VARCHAR(20) NOT NULL DEFAULT ''";

    @Test
    void renameMappingKeepsTheDataWithTheAutoAndCopyStrategiesAndNativeRefuses() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (String t : new String[] {"t_auto", "t_copy", "t_native"}) {
                    st.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT '')");
                    st.execute("INSERT INTO " + t + " SELECT seq, CONCAT('n', seq) FROM seq_1_to_" + ROWS);
                }
            }
            Map<String, String> env = DbShiftProcess.env(db);

            DbShiftProcess.Result auto = DbShiftProcess.run(project.dir(), env, "online", "alter", "t_auto", DROP_ADD,
                    "--rename", "name=label", "--execute");
            assertThat(auto.exit()).as(auto.toString()).isZero();
            assertThat(labelsKept(db, "t_auto")).isEqualTo(ROWS);

            DbShiftProcess.Result copy = DbShiftProcess.run(project.dir(), env, "online", "alter", "t_copy", DROP_ADD,
                    "--rename", "name=label", "--strategy", "copy", "--execute");
            assertThat(copy.exit()).as(copy.toString()).isZero();
            assertThat(labelsKept(db, "t_copy")).isEqualTo(ROWS);

            DbShiftProcess.Result nat = DbShiftProcess.run(project.dir(), env, "online", "alter", "t_native", DROP_ADD,
                    "--rename", "name=label", "--strategy", "native", "--execute");
            assertThat(nat.exit()).as(nat.toString()).isEqualTo(3);
            assertThat(nat.err()).contains("--rename").contains("name");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t_native WHERE name = CONCAT('n', id)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the refused table is untouched").isEqualTo(ROWS);
            }
        }
    }

    @Test
    void anAbortedExecuteExitsNonZero() throws Exception {
        TestProject project = TestProject.create();
        Path pause = Files.createTempFile("dbshift-pause", ".flag");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO t SELECT seq, seq FROM seq_1_to_2000");
            }
            Map<String, String> env = DbShiftProcess.env(db);
            // the pause file holds the engine before its first chunk, so the abort lands during the change
            Process alter = DbShiftProcess.builder(project.dir(), env, "online", "alter", "t", "ADD COLUMN w INT NULL",
                    "--strategy", "copy", "--pause-file", pause.toString(), "--execute")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForPhase(db, "t", "COPY", alter);
                DbShiftProcess.Result abort = DbShiftProcess.run(project.dir(), env, "online", "abort", "t");
                assertThat(abort.exit()).as(abort.toString()).isZero();
                assertThat(alter.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(alter.exitValue()).as("an aborted change is no success").isEqualTo(1);
            } finally {
                alter.destroyForcibly();
                Files.deleteIfExists(pause);
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"SQLITE", "H2"})
    void databasesWithoutAnOnlineEngineAreRefusedWithExit2(Vendor vendor) throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(vendor)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            }
            Map<String, String> env = DbShiftProcess.env(db);
            for (String[] args : new String[][] {
                    {"online", "alter", "t", "ADD COLUMN w INT NULL"},
                    {"online", "alter", "t", "ADD COLUMN w INT NULL", "--execute"},
                    {"online", "status"}}) {
                DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), env, args);
                assertThat(r.exit()).as(r.toString()).isEqualTo(2);
                assertThat(r.err()).contains("MySQL/MariaDB").doesNotContain("SQLState").doesNotContain("syntax");
            }
        }
    }

    @Test
    void aNiceRatioRestsTheCopyAndOneOutsideZeroToAHundredIsBadInput() throws Exception {
        TestProject project = TestProject.create();
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            execute(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT '')",
                    "INSERT INTO t SELECT seq, CONCAT('n', seq) FROM seq_1_to_" + ROWS);
            Map<String, String> env = DbShiftProcess.env(db);
            for (String bad : new String[] {"101", "-1", "NaN"}) {
                DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), env, "online", "alter", "t", DROP_ADD,
                        "--rename", "name=label", "--strategy", "copy", "--nice-ratio", bad, "--execute");
                assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
                assertThat(refused.err()).contains("--nice-ratio", "from 0 to 100");
            }
            DbShiftProcess.Result word = DbShiftProcess.run(project.dir(), env, "online", "alter", "t", DROP_ADD,
                    "--nice-ratio", "gentle", "--execute");
            assertThat(word.exit()).as(word.toString()).isEqualTo(2);
            assertThat(word.err()).contains("--nice-ratio");
            DbShiftProcess.Result resume = DbShiftProcess.run(project.dir(), env, "online", "resume", "t", "--nice-ratio", "500");
            assertThat(resume.exit()).as(resume.toString()).isEqualTo(2);
            assertThat(resume.err()).contains("--nice-ratio", "from 0 to 100");
            assertThat(tables(db)).as("nothing begun").containsExactly("t");

            // 6 chunks of 500 rows, each followed by a rest as long as itself but the last
            DbShiftProcess.Result nice = DbShiftProcess.run(project.dir(), env, "--json", "online", "alter", "t", DROP_ADD,
                    "--rename", "name=label", "--strategy", "copy", "--max-chunk-rows", "500", "--nice-ratio", "1", "--execute");
            assertThat(nice.exit()).as(nice.toString()).isZero();
            assertThat(nice.out()).containsPattern("\"restedMs\":[1-9]").contains("ms for the nice ratio");
            assertThat(labelsKept(db, "t")).isEqualTo(ROWS);
            execute(db, "ALTER TABLE t CHANGE label name VARCHAR(20) NOT NULL DEFAULT ''");
            DbShiftProcess.Result eager = DbShiftProcess.run(project.dir(), env, "--json", "online", "alter", "t", DROP_ADD,
                    "--rename", "name=label", "--strategy", "copy", "--max-chunk-rows", "500", "--execute");
            assertThat(eager.exit()).as(eager.toString()).isZero();
            assertThat(eager.out()).as("no ratio, no rest").contains("\"restedMs\":0,").doesNotContain("nice ratio");

            // a -- dbshift:online migration: the setting, here from up's flag (a narrower column is a copy on MariaDB)
            project.file("migrations/1__narrow.sql", "-- dbshift:online\nALTER TABLE t MODIFY COLUMN label VARCHAR(10) NOT NULL DEFAULT '';\n");
            DbShiftProcess.Result badUp = DbShiftProcess.run(project.dir(), env, "up", "--online-nice-ratio", "200");
            assertThat(badUp.exit()).as(badUp.toString()).isEqualTo(2);
            assertThat(badUp.err()).contains("online_nice_ratio", "from 0 to 100");
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up", "--online-nice-ratio", "1");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.out()).contains("online copy of t: done").containsPattern("the copy rested [0-9]+ ms for the nice ratio");
            assertThat(labelsKept(db, "t")).isEqualTo(ROWS);
        }
    }

    private static void execute(TestDatabase db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static java.util.List<String> tables(TestDatabase db) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int labelsKept(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE label = CONCAT('n', id)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Polls the engine's state table until the change of {@code table} is in {@code phase}. */
    static void waitForPhase(TestDatabase db, String table, String phase, Process engine) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!engine.isAlive()) {
                throw new IllegalStateException("the engine exited (" + engine.exitValue() + ") before reaching " + phase);
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT phase FROM dbshift_online WHERE table_name = '" + table + "'")) {
                if (rs.next() && rs.getString(1).equals(phase)) {
                    return;
                }
            } catch (SQLException notYet) {
                // the state table is created by the engine
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the change of " + table + " never reached " + phase);
    }
}
