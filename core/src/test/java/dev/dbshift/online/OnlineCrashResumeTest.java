package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL in the middle of the copy, then resume; and abort, under the same four writers. */
class OnlineCrashResumeTest {

    @Test
    void sigkillDuringCopyThenResumeFinishesWithEveryAcknowledgedWrite() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(30_000);
            load.start();
            try {
                Process child = startChild(db, OnlineConcurrentWritesTest.SPEC);
                OnlineState seen = waitFor(db, s -> s.phase() == Phase.COPY && s.rowsCopied() > 8_000, child);
                child.destroyForcibly(); // SIGKILL on Linux
                child.waitFor();
                assertThat(seen.copyDone()).isFalse();
                OnlineState killed = state(db);
                assertThat(killed.phase()).isEqualTo(Phase.COPY);
                assertThat(killed.rowsCopied()).isLessThan(30_000);
                Thread.sleep(500); // writers keep writing while no engine runs; the triggers log it
                OnlineResult result = new OnlineMigrator(new MySqlOnlineChange(), db::connect, OnlineConcurrentWritesTest.testOptions(), null)
                        .resume(db.name(), "items");
                assertThat(result.outcome()).isEqualTo(Phase.DONE);
                Thread.sleep(300);
            } finally {
                load.stop();
            }
            try (Connection c = db.connect()) {
                load.assertExact(c);
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("flags", "remark");
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    /** Random moments (on PostgreSQL the moments of every phase are {@link OnlinePhaseKillTest}'s). */
    @ParameterizedTest
    @EnumSource(value = OnlineVendor.class, names = "MARIADB")
    void sigkillAtManyMomentsThenResumeFinishes(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create()) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(10_000);
            load.start();
            List<Phase> killedIn = new ArrayList<>();
            try {
                Process child = startChild(db, "ADD COLUMN flags INT NOT NULL DEFAULT 0", "postpone");
                waitFor(db, s -> s.rowsCopied() > 0, child);
                long[] delays = {150, 400, 250, 600, 350, 800};
                for (long delay : delays) {
                    Thread.sleep(delay);
                    if (!child.isAlive()) {
                        break;
                    }
                    child.destroyForcibly();
                    child.waitFor();
                    OnlineState s = stateOrNull(db);
                    if (s == null || s.phase().finished()) {
                        break;
                    }
                    killedIn.add(s.phase());
                    child = resumeChild(db);
                }
                // then once more while only the sync triggers keep the copy current, with no engine at all
                waitFor(db, s -> s.phase() == Phase.WAIT_CUTOVER, child);
                child.destroyForcibly();
                child.waitFor();
                killedIn.add(state(db).phase());
                Thread.sleep(1000);
                child = resumeChild(db);
                waitFor(db, s -> s.phase() == Phase.WAIT_CUTOVER, child);
                new OnlineControl(vendor.engine(), db::connect).requestCutover(db.name(), "items");
                assertThat(child.waitFor()).isZero();
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            OnlineState end = stateOrNull(db);
            if (end == null || !end.phase().finished()) {
                new OnlineMigrator(vendor.engine(), db::connect, OnlineConcurrentWritesTest.testOptions(), null).resume(db.name(), "items");
            }
            System.out.println("killed the engine in phases " + killedIn);
            assertThat(killedIn).isNotEmpty();
            assertThat(load.failures.get()).isZero();
            assertThat(load.errors).isEmpty();
            try (Connection c = db.connect()) {
                assertThat(load.differences(c)).isEmpty();
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("flags");
                assertThat(vendor.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OnlineVendor.class)
    void abortWhileWaitingForCutoverLeavesTheTableAsItWas(OnlineVendor vendor) throws Exception {
        try (TestDatabase db = vendor.create()) {
            WriterLoad load = new WriterLoad(db, 4);
            load.seed(10_000);
            load.start();
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread engine = new Thread(() -> {
                try {
                    outcome.set(new OnlineMigrator(vendor.engine(), db::connect,
                            OnlineConcurrentWritesTest.testOptions().withPostponeCutover(true), null)
                            .execute(db.name(), "items", vendor.spec()));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            try {
                engine.start();
                waitFor(db, s -> s.phase() == Phase.WAIT_CUTOVER, null);
                Thread.sleep(2000); // writers go on through both trigger sets while the change waits
                new OnlineControl(vendor.engine(), db::connect).abort(db.name(), "items");
                engine.join(60_000);
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            assertThat(outcome.get()).isInstanceOf(OnlineResult.class);
            assertThat(((OnlineResult) outcome.get()).outcome()).isEqualTo(Phase.ABORTED);
            assertThat(state(db).phase()).isEqualTo(Phase.ABORTED);
            try (Connection c = db.connect()) {
                load.assertExact(c);
                assertThat(OnlineConcurrentWritesTest.columns(c, "items")).contains("note").doesNotContain("flags", "remark");
                assertThat(vendor.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    @Test
    void abortAfterACrashCleansUpWithoutAnEngine() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            WriterLoad load = new WriterLoad(db, 2);
            load.seed(20_000);
            load.start();
            try {
                Process child = startChild(db, OnlineConcurrentWritesTest.SPEC);
                waitFor(db, s -> s.rowsCopied() > 2_000, child);
                child.destroyForcibly();
                child.waitFor();
                new OnlineControl(new MySqlOnlineChange(), db::connect).abort(db.name(), "items");
                Thread.sleep(200);
            } finally {
                load.stop();
            }
            assertThat(state(db).phase()).isEqualTo(Phase.ABORTED);
            assertThat(load.failures.get()).isZero();
            try (Connection c = db.connect()) {
                assertThat(load.differences(c)).isEmpty();
                assertThat(OnlineConcurrentWritesTest.leftovers(c, db.name())).isEmpty();
            }
        }
    }

    static Process startChild(TestDatabase db, String spec, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                OnlineChild.class.getName(), db.url(), db.user(), db.name(), "items", spec));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    static Process resumeChild(TestDatabase db) throws Exception {
        return new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), OnlineResumeChild.class.getName(),
                db.url(), db.user(), db.name(), "items").inheritIO().start();
    }

    static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static OnlineState state(TestDatabase db) throws Exception {
        OnlineState s = stateOrNull(db);
        assertThat(s).isNotNull();
        return s;
    }

    static OnlineState stateOrNull(TestDatabase db) throws Exception {
        return stateOrNull(db, "items");
    }

    static OnlineState state(TestDatabase db, String table) throws Exception {
        OnlineState s = stateOrNull(db, table);
        assertThat(s).isNotNull();
        return s;
    }

    static OnlineState stateOrNull(TestDatabase db, String table) throws Exception {
        try (Connection c = db.connect()) {
            OnlineChange engine = OnlineVendor.of(db).engine();
            if (!engine.inspector(c).tableExists(db.name(), Checkpoint.TABLE)) {
                return null;
            }
            return engine.checkpoint(db.name()).read(c, table).orElse(null);
        }
    }

    static OnlineState waitFor(TestDatabase db, String table, java.util.function.Predicate<OnlineState> p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); // a loaded machine is slow, not wrong
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect()) {
                OnlineChange engine = OnlineVendor.of(db).engine();
                if (engine.inspector(c).tableExists(db.name(), Checkpoint.TABLE)) {
                    OnlineState s = engine.checkpoint(db.name()).read(c, table).orElse(null);
                    if (s != null && p.test(s)) {
                        return s;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for the state of " + table);
    }

    static OnlineState waitFor(TestDatabase db, java.util.function.Predicate<OnlineState> p, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); // a loaded machine is slow, not wrong
        while (System.nanoTime() < deadline) {
            OnlineState s = stateOrNull(db);
            if (s != null && p.test(s)) {
                return s;
            }
            if (child != null && !child.isAlive()) {
                throw new AssertionError("the engine process ended early with " + child.exitValue() + "; state " + s);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for the state; last " + stateOrNull(db));
    }
}
