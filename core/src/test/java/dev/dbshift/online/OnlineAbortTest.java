package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code online abort} while the engine checks or swaps: an abort asked for during the checksum stops it within a few
 * chunks and the change before the swap, and an abort that comes too late for a swap says so and fails, never "aborted" for a table that changed.
 */
class OnlineAbortTest {

    @Test
    void anAbortAskedForDuringTheChecksumStopsItWithinAFewChunksAndTheChangeBeforeTheSwap() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(400_000); // 20 checksum chunks of 20,000 rows
            MySqlOnlineChange engine = new MySqlOnlineChange();
            AtomicBoolean asked = new AtomicBoolean();
            AtomicInteger reports = new AtomicInteger();
            OnlineResult r = new OnlineMigrator(engine, db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                // the third report of the phase: after the checksum's own look at the flag as it starts (the phase's
                // first report, then the index build's), while chunks are compared
                if (p.phase() == Phase.CHECKSUM && reports.incrementAndGet() == 3 && !asked.getAndSet(true)) {
                    requestAbort(db, engine);
                }
            }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC);
            assertThat(asked).isTrue();
            // one report per chunk handed out: it stopped at its next look (every 8 chunks), not after all 20
            assertThat(reports.get()).as("checksum reports").isLessThan(3 + 12);
            assertThat(r.outcome()).isEqualTo(Phase.ABORTED);
            assertThat(OnlineCrashResumeTest.state(db).phase()).isEqualTo(Phase.ABORTED);
            try (Connection c = db.connect()) {
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("note").doesNotContain("flags", "remark");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    /**
     * The engine's connections come from a factory that lends them without autocommit (an application's pool set so):
     * the control session's looks at the state row each see the flag as it is now. Before, they kept the snapshot of
     * their first read, and the change ran to its swap after the abort.
     */
    @Test
    void anAbortAskedForDuringTheCopyIsSeenWhenThePoolLendsConnectionsWithoutAutocommit() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(200_000);
            MySqlOnlineChange engine = new MySqlOnlineChange();
            AtomicBoolean asked = new AtomicBoolean();
            Connections withoutAutocommit = () -> {
                Connection c = db.connect();
                c.setAutoCommit(false);
                return c;
            };
            OnlineOptions small = OnlineConcurrentWritesTest.testOptions().withMaxChunkRows(1_000);
            OnlineResult r = new OnlineMigrator(engine, withoutAutocommit, small, p -> {
                if (p.phase() == Phase.COPY && p.rowsCopied() >= 5_000 && !asked.getAndSet(true)) {
                    requestAbort(db, engine);
                }
            }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC);
            assertThat(asked).isTrue();
            assertThat(r.outcome()).isEqualTo(Phase.ABORTED);
            assertThat(r.rowsCopied()).as("stopped within a chunk or two of the request").isLessThan(20_000);
            try (Connection c = db.connect()) {
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("note").doesNotContain("flags", "remark");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @Test
    void anAbortTooLateForTheSwapSaysTheTableChangedAndFails() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            new WriterLoad(db, 1).seed(3_000);
            MySqlOnlineChange engine = new MySqlOnlineChange();
            AtomicReference<Throwable> abort = new AtomicReference<>();
            Thread aborting = new Thread(() -> {
                try {
                    new OnlineControl(engine, db::connect).abort(db.name(), "items");
                } catch (Throwable t) {
                    abort.set(t);
                }
            });
            OnlineResult r = new OnlineMigrator(engine, db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                if (p.phase() == Phase.SWAP && !aborting.isAlive() && abort.get() == null) {
                    // the engine is past its last look at the flag: ask for the abort and swap once it is asked
                    aborting.start();
                    try {
                        long deadline = System.nanoTime() + 30_000_000_000L;
                        while (!OnlineCrashResumeTest.state(db).abortRequested() && System.nanoTime() < deadline) {
                            Thread.sleep(20);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC);
            aborting.join(60_000);
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(abort.get()).isInstanceOf(OnlineException.class)
                    .hasMessageContaining("swapped its tables before the abort took effect")
                    .hasMessageContaining("nothing was aborted");
            assertThat(((OnlineException) abort.get()).exitCode()).isNotZero();
            OnlineState after = OnlineCrashResumeTest.state(db);
            assertThat(after.phase()).isEqualTo(Phase.DONE);
            assertThat(after.abortRequested()).isFalse();
            try (Connection c = db.connect()) {
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("flags", "remark").doesNotContain("note");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    /**
     * MariaDB's DROP TRIGGER reports success when it cannot rewrite the table's trigger file, and the trigger stays.
     * Made certain here: a folder stands where the server writes the new trigger file ({@code items.TRG~}), while
     * every other file of the database can still be written and deleted (the server then also loses the trigger's
     * name file: the trigger runs on and no DROP TRIGGER finds it). An abort that went on to drop the shadow, as it did,
     * reported "aborted" and made every later write to the table fail: it stops instead, saying so, and keeps the
     * shadow and change log, and the table keeps taking writes.
     */
    @Test
    void anAbortWhoseTriggerDropDidNotHappenKeepsTheShadowAndTheTableWritable() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             java.sql.Statement st = c.createStatement()) {
            new WriterLoad(db, 1).seed(3_000);
            java.nio.file.Path folder = java.nio.file.Path.of(dev.dbshift.testing.Queries.row(st, "SELECT @@datadir").get(0)
                    .toString()).resolve(db.name());
            assertThat(folder).as("the server's folder of the database, on this machine").isDirectory();
            java.nio.file.Path trap = folder.resolve("items.TRG~");
            MySqlOnlineChange engine = new MySqlOnlineChange();
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            try {
                try {
                    new OnlineMigrator(engine, db::connect, OnlineConcurrentWritesTest.testOptions(), p -> {
                        if (p.phase() == Phase.CHECKSUM && outcome.get() == null) {
                            try {
                                java.nio.file.Files.createDirectory(trap);
                                engine.checkpoint(db.name()).flag(c, "items", Checkpoint.Flag.ABORT_REQUESTED, true);
                                outcome.set(new IllegalStateException("no outcome"));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }).execute(db.name(), "items", OnlineConcurrentWritesTest.SPEC);
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
                assertThat(outcome.get()).isInstanceOf(OnlineException.class).hasMessageContaining("this server still has"
                        + " the trigger(s) _items_").hasMessageContaining("_items_new, so it and the change log are kept");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).as("kept").contains("_items_new");
                assertThat(st.executeUpdate("UPDATE items SET note = 'written' WHERE id = (SELECT MIN(id) FROM items)"))
                        .as("a write to the table").isEqualTo(1);
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("note").doesNotContain("flags", "remark");
            } finally {
                java.nio.file.Files.deleteIfExists(trap);
            }
        }
    }

    /** What {@code online abort} writes: the flag on the state row of {@code items}. */
    private static void requestAbort(TestDatabase db, MySqlOnlineChange engine) {
        try (Connection c = db.connect()) {
            engine.checkpoint(db.name()).flag(c, "items", Checkpoint.Flag.ABORT_REQUESTED, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
