package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.dbshift.testing.Queries.count;
import static dev.dbshift.testing.Queries.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code -- dbshift:online} migration whose {@code up} is killed (SIGKILL) during the engine's copy
 * is completed by the next {@code up}, which resumes the engine from its checkpoint; or, when
 * {@code online resume} finished the change in between, sees it done and does not run the ALTER
 * again. Either way: the table altered once, its rows unchanged, the statements around the ALTER
 * run once each, one successful history row.
 */
class OnlineUpKillIT {

    private static final int ROWS = 300_000;
    /** Not native (a type change needs the copy); the ADD COLUMN makes a second run fail loudly ("Duplicate column"). */
    private static final String ALTER = "ALTER TABLE items ADD COLUMN flags INT NOT NULL DEFAULT 0, MODIFY amount DECIMAL(12,3) NOT NULL";
    private static final String CONTENTS = "SELECT COUNT(*), CAST(SUM(amount) * 1000 AS SIGNED), BIT_XOR(CRC32(CONCAT_WS('#', id, note, CAST(amount * 1000 AS SIGNED))))"
            + " FROM items";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"up resumes the engine", "online resume, then up"})
    void killedOnlineMigrationIsCompletedOnce(String variant) throws Exception {
        boolean resumeFirst = variant.startsWith("online resume");
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id BIGINT PRIMARY KEY, amount DECIMAL(10,2) NOT NULL,"
                + " note VARCHAR(40) NULL);\nCREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20) NOT NULL);\n");
        project.file("migrations/2__online.sql", "-- dbshift:online\nINSERT INTO log (what) VALUES ('before');\n" + ALTER
                + ";\nINSERT INTO log (what) VALUES ('after');\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = DbShiftProcess.env(db);
            DbShiftProcess.Result first = DbShiftProcess.run(project.dir(), env, "up", "1");
            assertThat(first.exit()).as(first.toString()).isZero();
            List<Object> before;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO items SELECT seq, (seq % 100000) / 100, CONCAT('note ', seq) FROM seq_1_to_" + ROWS);
                before = row(st, CONTENTS);
            }

            Process up = DbShiftProcess.builder(project.dir(), env, "up")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForCopy(db, up);
            } finally {
                up.destroyForcibly(); // SIGKILL
            }
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                List<Object> state = row(st, "SELECT phase, copy_done FROM dbshift_online WHERE table_name = 'items'");
                assertThat(state).as("the kill landed during the copy").containsExactly("COPY", false);
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                        .as("the killed engine's capture triggers").isEqualTo(3);
            }

            if (resumeFirst) {
                DbShiftProcess.Result resume = DbShiftProcess.run(project.dir(), env, "online", "resume", "items");
                assertThat(resume.exit()).as(resume.toString()).isZero();
            }
            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            if (resumeFirst) {
                assertThat(again.out() + again.err()).contains("finished earlier");
            } else {
                // the resumed engine's progress is among up's notes, a line as each phase begins: never silent
                assertThat(again.out()).as(again.toString()).contains("note: online: items: sync")
                        .contains("note: online: items: checksum").contains("note: online: items: swap");
            }

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, CONTENTS)).as("same rows, same values").isEqualTo(before);
                assertThat(row(st, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'items' AND COLUMN_NAME = 'amount'")).containsExactly("decimal(12,3)");
                assertThat(count(st, "SELECT COUNT(*) FROM items WHERE flags = 0")).isEqualTo(ROWS);
                assertThat(count(st, "SELECT COUNT(*) FROM log WHERE what = 'before'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM log WHERE what = 'after'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND success = 1"))
                        .as("one successful history row").isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")).isZero();
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME LIKE '\\_items\\_%'")).as("shadow, change log, old table").isZero();
                assertThat(row(st, "SELECT phase FROM dbshift_online WHERE table_name = 'items'")).containsExactly("DONE");
            }
            DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env, "status", "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get("pending").asInt()).isZero();
        }
    }

    /**
     * The server finishes a native ALTER whose client was killed (measured: an INPLACE ADD INDEX
     * completes seconds after the SIGKILL). The next {@code up} waits for that, sees the definition
     * the ALTER gives, and does not run it again ("Duplicate key name" before).
     */
    @Test
    void killedDuringANativeAlterIsNotRunAgain() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id BIGINT PRIMARY KEY, note VARCHAR(40) NULL);\n"
                + "CREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20) NOT NULL);\n");
        project.file("migrations/2__index.sql", "-- dbshift:online\nINSERT INTO log (what) VALUES ('before');\n"
                + "ALTER TABLE items ADD INDEX idx_note (note);\nINSERT INTO log (what) VALUES ('after');\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = DbShiftProcess.env(db);
            DbShiftProcess.Result first = DbShiftProcess.run(project.dir(), env, "up", "1");
            assertThat(first.exit()).as(first.toString()).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO items SELECT seq, CONCAT('note ', seq * 7919 % 1000003) FROM seq_1_to_" + 2 * ROWS);
            }
            Process up = DbShiftProcess.builder(project.dir(), env, "up")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForNativeAlter(db, up);
            } finally {
                up.destroyForcibly(); // SIGKILL: the server goes on building the index
            }
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();

            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out() + again.err()).contains("finished earlier");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(count(st, "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA"
                        + " = DATABASE() AND TABLE_NAME = 'items' AND INDEX_NAME = 'idx_note'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM log WHERE what = 'before'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM log WHERE what = 'after'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND success = 1")).isEqualTo(1);
                assertThat(row(st, "SELECT phase FROM dbshift_online WHERE table_name = 'items'")).containsExactly("DONE");
            }
        }
    }

    /** Polls until the state row says NATIVE and the server is running the ALTER. */
    private static void waitForNativeAlter(TestDatabase db, Process up) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new IllegalStateException("up ended (exit " + up.exitValue() + ") before the ALTER could be interrupted");
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT phase FROM dbshift_online WHERE table_name = 'items'),"
                         + " (SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE %items%ADD INDEX%'"
                         + " AND DB = DATABASE())")) {
                if (rs.next() && "NATIVE".equals(rs.getString(1)) && rs.getInt(2) > 0) {
                    return;
                }
            } catch (SQLException notYet) {
                // the engine creates the state table
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the native ALTER was never seen running");
    }

    /** The engine's DONE row of an earlier application is not this application's: after a down, up runs the ALTER again. */
    @Test
    void afterADownTheNextUpRunsTheOnlineAlterAgain() throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id BIGINT PRIMARY KEY, amount DECIMAL(10,2) NOT NULL,"
                + " note VARCHAR(40) NULL);\nINSERT INTO items SELECT seq, seq / 100, 'n' FROM seq_1_to_2000;\n");
        project.file("migrations/2__online.sql", "-- dbshift:online\n" + ALTER + ";\n");
        project.file("migrations/2__online.down.sql", "ALTER TABLE items DROP COLUMN flags, MODIFY amount DECIMAL(10,2) NOT NULL;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = DbShiftProcess.env(db);
            for (String[] args : new String[][] {{"up"}, {"down"}, {"up"}}) {
                DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), env, args);
                assertThat(r.exit()).as(r.toString()).isZero();
                assertThat(r.out() + r.err()).doesNotContain("finished earlier");
            }
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'items' AND COLUMN_NAME = 'amount'")).containsExactly("decimal(12,3)");
                assertThat(count(st, "SELECT COUNT(*) FROM items WHERE flags = 0")).isEqualTo(2000);
            }
        }
    }

    /** Polls the state table until the engine has copied some rows but not all; fails if the run ends first. */
    private static void waitForCopy(TestDatabase db, Process up) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new IllegalStateException("up ended (exit " + up.exitValue() + ") before the copy could be interrupted");
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rows_copied, copy_done, phase FROM dbshift_online WHERE table_name = 'items'")) {
                if (rs.next() && rs.getString(3).equals("COPY") && rs.getLong(1) > 0 && !rs.getBoolean(2)) {
                    return;
                }
            } catch (SQLException notYet) {
                // the engine creates the state table
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the copy never started");
    }
}
