package dev.dbshift.online;

import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checksum before the swap: a shadow row that no longer matches its source row (changed behind the engine's back
 * while the copy was paused) is found, its range copied again and compared again, and only then is the table swapped;
 * the new table holds the source's value. Until these tests nothing ran the re-copy path. The re-copy takes its rows'
 * locks without waiting: while the application holds one, it tries again, names the session that may hold it, and
 * after {@link OnlineOptions#rowLockWait()} stops unswapped with that session named; online resume then finishes.
 */
class OnlineVerificationTest {
    /** A hundred chunks of 500 rows: time enough to hold the copy part-way after its first chunk, on a busy machine too. */
    private static final int ROWS = 50_000;

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aShadowRowChangedBehindTheEngineIsCopiedAgainBeforeTheSwap(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create()) {
            Run run = new Run(db, OnlineConcurrentWritesTest.testOptions(), p -> { });
            run.changeAShadowRowBehindTheEngine();
            run.engine.join(120_000);
            assertThat(run.engine.isAlive()).isFalse();
            assertThat(run.outcome.get()).as(String.valueOf(run.outcome.get())).isInstanceOf(OnlineResult.class);
            OnlineResult result = (OnlineResult) run.outcome.get();
            assertThat(result.outcome()).isEqualTo(Phase.DONE);
            assertThat(result.recopied()).as("the range with the changed row was copied again").isGreaterThanOrEqualTo(1);
            assertThat(run.waits).as("the progress says so while it happens")
                    .anyMatch(w -> w.matches("checksum mismatch in keys from the start up to \\[.*\\]: copying them again, try 1 of 3"));
            run.assertSwappedWithTheSourcesValue();
        }
    }

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aRowTheApplicationHoldsIsWaitedForWithItsSessionNamedThenTheChangeStopsAndResumes(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create(); Connection app = db.connect(); Statement appSt = app.createStatement()) {
            String session = String.valueOf(Queries.count(appSt,
                    vendor == OnlineVendor.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()"));
            AtomicReference<Long> held = new AtomicReference<>();
            // the application takes the row when the checksum begins: its triggers are in place by then, so the lock
            // stops nothing but the re-copy, and holds it until the test commits
            Consumer<OnlineProgress> holdAtChecksum = p -> {
                if (p.phase() == Phase.CHECKSUM && held.get() == null) {
                    try {
                        app.setAutoCommit(false);
                        held.set(Queries.count(appSt, "SELECT id FROM items WHERE id = (SELECT MIN(id) FROM items) FOR UPDATE"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            OnlineOptions options = OnlineConcurrentWritesTest.testOptions().withRowLockWait(Duration.ofSeconds(3));
            Run run = new Run(db, options, holdAtChecksum);
            run.changeAShadowRowBehindTheEngine();
            run.engine.join(120_000);
            assertThat(run.engine.isAlive()).isFalse();
            assertThat(held.get()).as("the application held the row").isEqualTo(run.first);
            assertThat(run.outcome.get()).as(String.valueOf(run.outcome.get())).isInstanceOf(OnlineException.class);
            String who = vendor == OnlineVendor.POSTGRES ? "backend " + session : "connection " + session;
            String end = vendor == OnlineVendor.POSTGRES ? "SELECT pg_terminate_backend(" + session + ")" : "KILL " + session;
            assertThat(((Exception) run.outcome.get()).getMessage())
                    .startsWith("the application held rows of items in keys from the start up to [")
                    .contains("for 3 s in all").contains(who + " (in a transaction for ").contains("ended by " + end)
                    .contains("Nothing was swapped. The shadow table and its triggers are kept").contains("dbshift online resume items")
                    .endsWith("end those transactions or wait for them first");
            assertThat(run.waits).as("the progress names the session while it waits").anyMatch(w -> w.matches(
                    "checksum mismatch in keys .*: copying them again, try 1 of 3; waiting while the application holds one of"
                            + " their rows, maybe " + who + " .*"));
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(OnlineVendor.columns(c, "items")).as("not swapped").doesNotContain("flag");
                assertThat(vendor.leftovers(c, db.name())).as("the shadow is kept for resume").contains("_items_new");
            }
            app.commit();
            app.setAutoCommit(true);
            OnlineResult resumed = new OnlineMigrator(vendor.engine(), db::connect, options, null).resume(db.name(), "items");
            assertThat(resumed.outcome()).isEqualTo(Phase.DONE);
            run.assertSwappedWithTheSourcesValue();
        }
    }

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aRowHeldElsewhereInTheMismatchingChunkDoesNotHoldItsReCopy(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create(); Connection app = db.connect(); Statement appSt = app.createStatement()) {
            AtomicReference<Long> held = new AtomicReference<>();
            // the application holds a row 5,000 keys after the changed one: in the checksum's chunk of 20,000, not in
            // the piece of it that differs; it lets go when the swap begins, which needs the table to itself
            Consumer<OnlineProgress> holdDuringChecksum = p -> {
                try {
                    if (p.phase() == Phase.CHECKSUM && held.get() == null) {
                        app.setAutoCommit(false);
                        held.set(Queries.count(appSt, "SELECT id FROM items WHERE id = (SELECT MIN(id) + 5000 FROM items) FOR UPDATE"));
                    } else if (p.phase() == Phase.SWAP && !app.getAutoCommit()) {
                        app.commit();
                        app.setAutoCommit(true);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Run run = new Run(db, OnlineConcurrentWritesTest.testOptions().withRowLockWait(Duration.ofSeconds(3)), holdDuringChecksum);
            run.changeAShadowRowBehindTheEngine();
            run.engine.join(120_000);
            assertThat(run.engine.isAlive()).isFalse();
            assertThat(held.get()).as("the application held its row").isEqualTo(run.first + 5000);
            assertThat(run.outcome.get()).as(String.valueOf(run.outcome.get())).isInstanceOf(OnlineResult.class);
            OnlineResult result = (OnlineResult) run.outcome.get();
            assertThat(result.outcome()).isEqualTo(Phase.DONE);
            assertThat(result.recopied()).as("the piece with the changed row was copied again").isGreaterThanOrEqualTo(1);
            assertThat(run.waits).as("nothing waited for the held row").noneMatch(w -> w.contains("waiting while the application"));
            assertThat(run.waits).anyMatch(w -> w.matches("checksum mismatch in keys from the start up to \\[" + (run.first + 999)
                    + "\\]: copying them again, try 1 of 3"));
            run.assertSwappedWithTheSourcesValue();
        }
    }

    /**
     * A shadow that differs from the table almost everywhere when the checksum begins is writes the capture missed,
     * not a race: the change stops before copying anything again (a re-copy would match for a moment and swap, losing
     * the missed writes that follow), keeps everything, and says to abort and find the cause.
     */
    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void aShadowDifferingEverywhereStopsTheChangeBeforeAnyReCopy(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create(); Connection other = db.connect(); Statement otherSt = other.createStatement()) {
            java.util.concurrent.atomic.AtomicBoolean changed = new java.util.concurrent.atomic.AtomicBoolean();
            // every row of the shadow changed behind the engine as the checksum begins (the listener runs on its thread)
            Consumer<OnlineProgress> changeAll = p -> {
                if (p.phase() == Phase.CHECKSUM && changed.compareAndSet(false, true)) {
                    try {
                        otherSt.executeUpdate("UPDATE _items_new SET amount = amount + 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            Run run = new Run(db, OnlineConcurrentWritesTest.testOptions(), changeAll);
            Files.deleteIfExists(run.pause);
            run.engine.join(120_000);
            assertThat(run.engine.isAlive()).isFalse();
            assertThat(changed).as("the shadow was changed at the checksum").isTrue();
            assertThat(run.outcome.get()).as(String.valueOf(run.outcome.get())).isInstanceOf(OnlineException.class);
            assertThat(((Exception) run.outcome.get()).getMessage())
                    .matches("(?s)the checksum found 50 of 5[01] pieces of 1000 rows different, in 3 of 3 chunks: .*")
                    .contains("Nothing was copied again or swapped").contains("'dbshift online abort items'");
            assertThat(run.waits).as("nothing was copied again").noneMatch(w -> w.contains("copying them again"));
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(OnlineVendor.columns(c, "items")).as("not swapped").doesNotContain("flag");
                assertThat(vendor.leftovers(c, db.name())).as("the change is kept for abort").contains("_items_new");
                assertThat(Queries.count(st, "SELECT COUNT(*) FROM items t JOIN _items_new s ON s.id = t.id"
                        + " WHERE s.amount = t.amount")).as("no shadow row copied again").isZero();
            }
        }
    }

    /** An online change of {@code items} (a column added) on its own thread, the copy held by a pause file. */
    private static final class Run {
        final TestDatabase db;
        final OnlineVendor vendor;
        final Path pause;
        final long first;
        final Object before;
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> waits = Collections.synchronizedList(new ArrayList<>());
        final Thread engine;

        Run(TestDatabase db, OnlineOptions options, Consumer<OnlineProgress> listener) throws Exception {
            this.db = db;
            this.vendor = OnlineVendor.of(db);
            new WriterLoad(db, 1).seed(ROWS);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                first = Queries.count(st, "SELECT MIN(id) FROM items");
                before = Queries.row(st, "SELECT amount FROM items WHERE id = " + first).get(0);
            }
            pause = Files.createTempFile("dbshift-pause", ".flag");
            OnlineOptions paused = options.withPauseFile(pause);
            engine = new Thread(() -> {
                try {
                    outcome.set(new OnlineMigrator(vendor.engine(), db::connect, paused, p -> {
                        if (p.waiting() != null) {
                            waits.add(p.waiting());
                        }
                        listener.accept(p);
                    }).execute(db.name(), "items", "ADD COLUMN flag INT NOT NULL DEFAULT 0"));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            engine.start();
        }

        /** Lets the copy start, holds it part-way, changes the first row in the shadow, and lets it go on. */
        void changeAShadowRowBehindTheEngine() throws Exception {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // the pause file holds the first chunk; let the copy go until it has copied some rows, then hold it
                awaitTable(st, "_items_new");
                Files.delete(pause);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (Queries.count(st, "SELECT COUNT(*) FROM _items_new") == 0) {
                    assertThat(System.nanoTime()).as("the copy never started").isLessThan(deadline);
                    Thread.sleep(2);
                }
                Files.createFile(pause);
                long copied = Queries.count(st, "SELECT COUNT(*) FROM _items_new");
                assertThat(copied).as("held before the copy ended").isLessThan(ROWS);
                assertThat(st.executeUpdate("UPDATE _items_new SET amount = amount + 1 WHERE id = " + first))
                        .as("the first row is in the shadow").isEqualTo(1);
            } finally {
                Files.deleteIfExists(pause);
            }
        }

        void assertSwappedWithTheSourcesValue() throws Exception {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(Queries.row(st, "SELECT amount FROM items WHERE id = " + first).get(0)).as("the source's value").isEqualTo(before);
                assertThat(Queries.count(st, "SELECT COUNT(*) FROM items")).isEqualTo(ROWS);
                assertThat(OnlineVendor.columns(c, "items")).contains("flag");
                assertThat(vendor.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    private static void awaitTable(Statement st, String table) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Queries.count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + (st.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql") ? "current_schema()" : "DATABASE()")
                + " AND TABLE_NAME = '" + table + "'") == 0) {
            assertThat(System.nanoTime()).as(table + " never appeared").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
