package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.dbshift.testing.Queries.count;
import static dev.dbshift.testing.Queries.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection: an {@code up} of a {@code -- dbshift:online} migration killed (SIGKILL) at a random
 * moment, anywhere from the statement before the ALTER through copy, sync, checksum, swap and cleanup
 * to the statement after it; then (every other trial {@code online resume} first) {@code up} again.
 * Every trial must end with the table altered once, its rows unchanged and one successful history
 * row, and the statements before and after the ALTER must have run once each, wherever the kill
 * landed. 4 trials in the default test run, 16 in the fault campaign ({@code -Pfaults});
 * {@code -Ddbshift.online.killTrials=N} sets them.
 */
class OnlineUpRandomKillIT {

    private static final int ROWS = 100_000;
    private static final String CONTENTS = "SELECT COUNT(*), CAST(SUM(amount) * 1000 AS SIGNED),"
            + " BIT_XOR(CRC32(CONCAT_WS('#', id, note, CAST(amount * 1000 AS SIGNED)))) FROM items";

    @Test
    void randomKillsThenUpCompleteTheMigrationOnce() throws Exception {
        int trials = Integer.getInteger("dbshift.online.killTrials", 4);
        long seed = Long.getLong("dbshift.online.killSeed", System.nanoTime());
        Random random = new Random(seed);
        // a run without a kill first: how long the online migration takes on this machine now (from its first
        // statement to the end of the up), so the kills spread over it
        long reference = trial(TimeUnit.MINUTES.toMillis(2), false, "seed " + seed + " reference run").millis();
        Map<String, Integer> killedIn = new TreeMap<>();
        for (int trial = 0; trial < trials; trial++) {
            long delay = (long) (random.nextDouble() * Math.max(200, reference));
            boolean resumeFirst = trial % 2 == 1;
            String phase = trial(delay, resumeFirst, "seed " + seed + " trial " + trial).phase();
            killedIn.merge(phase, 1, Integer::sum);
        }
        System.out.println("online up random kills: " + trials + " trials (seed " + seed + ", the uninterrupted migration took "
                + reference + " ms), engine phase at the kill: " + killedIn + "; every next up completed once");
    }

    /** What a trial saw: the engine's phase at the kill ("-": no state row yet), ms from the migration's start to the kill. */
    private record Outcome(String phase, long millis) {
    }

    private static Outcome trial(long delayMillis, boolean resumeFirst, String label) throws Exception {
        TestProject project = TestProject.create();
        project.file("migrations/1__items.sql", "CREATE TABLE items (id BIGINT PRIMARY KEY, amount DECIMAL(10,2) NOT NULL,"
                + " note VARCHAR(40) NULL);\nCREATE TABLE log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20) NOT NULL);\n");
        project.file("migrations/2__online.sql", "-- dbshift:online\nINSERT INTO log (what) VALUES ('before');\n"
                + "ALTER TABLE items ADD COLUMN flags INT NOT NULL DEFAULT 0, MODIFY amount DECIMAL(12,3) NOT NULL;\n"
                + "INSERT INTO log (what) VALUES ('after');\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = DbShiftProcess.env(db);
            DbShiftProcess.Result first = DbShiftProcess.run(project.dir(), env, "up", "1");
            assertThat(first.exit()).as(label + ": " + first).isZero();
            List<Object> before;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO items SELECT seq, (seq % 100000) / 100, CONCAT('note ', seq) FROM seq_1_to_" + ROWS);
                before = row(st, CONTENTS);
            }
            java.nio.file.Path killedOut = project.dir().resolve("killed-up.txt");
            Process up = DbShiftProcess.builder(project.dir(), env, "up").redirectErrorStream(true)
                    .redirectOutput(killedOut.toFile()).start();
            awaitMigrationStart(db, up);
            long t0 = System.nanoTime();
            boolean finished = up.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            up.destroyForcibly(); // SIGKILL
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String phase = finished ? "finished before the kill" : phase(db);
            if (finished) {
                assertThat(up.exitValue()).as(label + ": the up that was not killed: " + java.nio.file.Files.readString(killedOut))
                        .isZero();
            }

            if (resumeFirst && !finished && !phase.equals("-") && !phase.equals("DONE")) {
                DbShiftProcess.Result resume = DbShiftProcess.run(project.dir(), env, "online", "resume", "items");
                assertThat(resume.exit()).as(label + " (killed in " + phase + "): " + resume).isZero();
            }
            DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up");
            String at = label + " (killed after " + delayMillis + " ms in " + phase + ")";
            assertThat(again.exit()).as(at + ": " + again).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(row(st, CONTENTS)).as(at + ": same rows, same values").isEqualTo(before);
                assertThat(row(st, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'items' AND COLUMN_NAME = 'amount'")).as(at).containsExactly("decimal(12,3)");
                assertThat(count(st, "SELECT COUNT(*) FROM items WHERE flags = 0")).as(at).isEqualTo(ROWS);
                long beforeRuns = count(st, "SELECT COUNT(*) FROM log WHERE what = 'before'");
                long afterRuns = count(st, "SELECT COUNT(*) FROM log WHERE what = 'after'");
                // wherever the kill landed, the statements around the ALTER ran once each: inside the engine its state
                // table knows, outside it the executor's progress marks (the INSERTs commit with their marks)
                assertThat(beforeRuns).as(at).isEqualTo(1);
                assertThat(afterRuns).as(at).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND success = 1")).as(at).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                        .as(at).isZero();
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME LIKE '\\_items\\_%'")).as(at).isZero();
            }
            return new Outcome(phase, millis);
        }
    }

    /** Returns once the online migration has begun (its first statement wrote its row) or the up ended. */
    private static void awaitMigrationStart(TestDatabase db, Process up) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (up.isAlive() && System.nanoTime() < deadline) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                if (count(st, "SELECT COUNT(*) FROM log") > 0) {
                    return;
                }
            }
            Thread.sleep(5);
        }
    }

    private static String phase(TestDatabase db) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT phase FROM dbshift_online WHERE table_name = 'items'")) {
            return rs.next() ? rs.getString(1) : "-";
        } catch (SQLException noStateTable) {
            return "-";
        }
    }
}
