package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch to synchronous capture is a row of the control table, not trigger DDL: an application
 * transaction that captured its writes before the switch holds it until it ends (else its writes
 * would miss the shadow), nobody else waits for it, and a kill while it waits is resumed. The
 * checksum is off in the first test, so the switch alone must be exact.
 */
class OnlineSyncSwitchTest {

    private static final int ROWS = 3000;

    @Test
    void aTransactionThatCapturedBeforeTheSwitchHoldsItAndItsWritesArriveWithoutTheChecksum() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            seed(db);
            Writer writer = new Writer(db);
            Path pause = pausedCopy();
            OnlineOptions options = OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(200)
                    .withChunkTime(Duration.ofMillis(20)).withMaxLoad(Map.of()).withChecksum(false).withPauseFile(pause);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread engine = new Thread(() -> {
                try {
                    outcome.set(OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "acct",
                            "ADD COLUMN flags INT NOT NULL DEFAULT 0", options));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            try (Connection open = db.connect()) {
                writer.start();
                engine.start();
                awaitTriggers(db);
                captureBeforeTheSwitch(db, open, pause); // the transaction now holds the switch
                OnlineCrashResumeTest.waitFor(db, "acct", s -> s.phase() == Phase.SYNC);
                Thread.sleep(800);
                assertThat(OnlineCrashResumeTest.state(db, "acct").phase()).isEqualTo(Phase.SYNC);
                assertThat(engine.isAlive()).isTrue();
                long during = writer.acknowledged();
                Thread.sleep(300);
                assertThat(writer.acknowledged()).as("writes go on while the switch waits").isGreaterThan(during);
                assertThat(triggers(db)).as("no trigger DDL at the switch").hasSize(3);
                update(open, 8, -8); // still captured (this transaction read the row before the switch)
                open.commit();
                engine.join(60_000);
            } finally {
                writer.stop();
            }
            assertThat(outcome.get()).isInstanceOf(OnlineResult.class);
            assertThat(((OnlineResult) outcome.get()).outcome()).isEqualTo(Phase.DONE);
            assertEveryWriteArrived(db, writer);
        }
    }

    @Test
    void sigkillWhileTheSwitchWaitsThenResumeKeepsEveryWrite() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            seed(db);
            Writer writer = new Writer(db);
            try (Connection open = db.connect()) {
                writer.start();
                Path pause = pausedCopy();
                Process child = new ProcessBuilder(OnlineCrashResumeTest.java(), "-Ddbshift.test.pauseFile=" + pause,
                        "-cp", System.getProperty("java.class.path"), OnlineChild.class.getName(), db.url(), db.user(),
                        db.name(), "acct", "ADD COLUMN flags INT NOT NULL DEFAULT 0").inheritIO().start();
                awaitTriggers(db);
                captureBeforeTheSwitch(db, open, pause);
                OnlineCrashResumeTest.waitFor(db, "acct", s -> s.phase() == Phase.SYNC);
                Thread.sleep(500);
                assertThat(child.isAlive()).isTrue();
                child.destroyForcibly(); // SIGKILL while its UPDATE of the control row waits
                child.waitFor();
                update(open, 8, -8);
                open.commit();
                Thread.sleep(500); // writers go on with no engine
                OnlineResult result = new OnlineMigrator(new MySqlOnlineChange(), db::connect,
                        OnlineConcurrentWritesTest.testOptions(), null).resume(db.name(), "acct");
                assertThat(result.outcome()).isEqualTo(Phase.DONE);
            } finally {
                writer.stop();
            }
            assertEveryWriteArrived(db, writer);
        }
    }

    /** The changed table holds the open transaction's two writes and every acknowledged one; nothing is left. */
    private static void assertEveryWriteArrived(TestDatabase db, Writer writer) throws Exception {
        writer.expected.put(7L, -7);
        writer.expected.put(8L, -8);
        assertThat(writer.errors).isEmpty();
        try (Connection c = db.connect()) {
            assertThat(values(c)).isEqualTo(writer.expected);
            assertThat(OnlineConcurrentWritesTest.columns(c, "acct")).contains("flags");
            assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).containsExactly("acct");
        }
    }

    private static void seed(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE acct (id BIGINT NOT NULL PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
            st.execute("INSERT INTO acct SELECT seq, 0 FROM seq_1_to_" + ROWS);
        }
    }

    private static void update(Connection c, long id, int v) throws SQLException {
        try (Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE acct SET v = " + v + " WHERE id = " + id)).isEqualTo(1);
        }
    }

    private static Map<Long, Integer> values(Connection c) throws SQLException {
        Map<Long, Integer> out = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, v FROM acct")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return out;
    }

    /** Until the engine's triggers are there (the copy's capture has begun). */
    /**
     * A pause file the copy waits on from its first chunk: the triggers capture, but the engine cannot reach the
     * switch before the test's transaction has written. Without it, on a loaded machine the copy of 3,000 rows could
     * end and switch first; the engine then waited at the swap for that transaction's lock on the table while the test
     * waited for the switch (once in a full build, 180 s).
     */
    private static Path pausedCopy() throws java.io.IOException {
        Path pause = Files.createTempFile("dbshift-sync-switch", ".pause");
        pause.toFile().deleteOnExit();
        return pause;
    }

    /** Writes row 7 in {@code open}'s transaction while the copy is paused, then lets the copy go on. */
    private static void captureBeforeTheSwitch(TestDatabase db, Connection open, Path pause) throws Exception {
        open.setAutoCommit(false);
        update(open, 7, -7);
        assertThat(OnlineCrashResumeTest.state(db, "acct").phase()).as("captured before the switch").isEqualTo(Phase.COPY);
        Files.delete(pause);
    }

    private static void awaitTriggers(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (triggers(db).size() < 3) {
            assertThat(System.nanoTime()).as("triggers created").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<String> triggers(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + db.name() + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Autocommit updates of random rows other than 7 and 8, each value remembered once acknowledged. */
    private static final class Writer implements Runnable {
        final Map<Long, Integer> expected = new ConcurrentHashMap<>();
        final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        private final TestDatabase db;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread = new Thread(this, "acct-writer");
        private volatile long acknowledged;

        Writer(TestDatabase db) {
            this.db = db;
            for (long id = 1; id <= ROWS; id++) {
                expected.put(id, 0);
            }
        }

        void start() {
            thread.start();
        }

        long acknowledged() {
            return acknowledged;
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        @Override
        public void run() {
            try (Connection c = db.connect()) {
                for (int n = 1; !stop.get(); n++) {
                    long id = 9 + ThreadLocalRandom.current().nextLong(ROWS - 8);
                    update(c, id, n);
                    expected.put(id, n);
                    acknowledged++;
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }
    }
}
