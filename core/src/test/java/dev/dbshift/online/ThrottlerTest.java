package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.OnlineStateRow;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The throttler against a real server's status variables: a {@code --max-load} threshold the server
 * is above holds the engine (and says why, with the live value) until something else ends the wait;
 * one it is below lets it go at once; a {@code --critical-load} threshold crossed stops the change.
 * {@code Threads_running} is at least 1 while the throttler's own query runs, so 0 is always crossed.
 */
class ThrottlerTest {

    private final OnlineChange engine = new MySqlOnlineChange();

    private Checkpoint stateRow(Connection c, TestDatabase db) throws Exception {
        return OnlineStateRow.begin(engine, c, db);
    }

    private Throttler throttler(Connection c, Checkpoint checkpoint, Map<String, Long> maxLoad, Map<String, Long> criticalLoad) {
        OnlineOptions options = OnlineOptions.defaults().withMaxLoad(maxLoad).withCriticalLoad(criticalLoad);
        return new Throttler(engine.inspector(c), options, checkpoint, c, "t");
    }

    @Test
    void aLoadAboveMaxLoadHoldsTheEngineAndSaysWhy() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection control = db.connect()) {
            Checkpoint checkpoint = stateRow(c, db);
            Throttler held = throttler(c, checkpoint, Map.of("Threads_running", 0L), Map.of());
            assertThat(held.reason()).hasValueSatisfying(r -> assertThat(r).matches("load: Threads_running=[1-9][0-9]* > 0"));

            List<String> reasons = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    held.await(reasons::add);
                    ended.set(new AssertionError("await returned although the load stayed above the threshold"));
                } catch (Throwable e) {
                    ended.set(e);
                }
            });
            waiter.start();
            waiter.join(1500);
            assertThat(waiter.isAlive()).as("held while Threads_running > 0").isTrue();
            // one reason per change of the live value (other sessions of the server come and go)
            assertThat(reasons).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("load: Threads_running="));

            // only an abort request ends a wait the load does not lift
            checkpoint.flag(control, "t", Checkpoint.Flag.ABORT_REQUESTED, true);
            waiter.join(10_000);
            assertThat(ended.get()).isInstanceOf(Throttler.Stop.class);
            assertThat(((Throttler.Stop) ended.get()).userAbort()).isTrue();
        }
    }

    @Test
    void aLoadBelowMaxLoadLetsTheEngineGoAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            Checkpoint checkpoint = stateRow(c, db);
            Throttler free = throttler(c, checkpoint, Map.of("Threads_running", 1_000_000L), Map.of("Threads_running", 1_000_000L));
            assertThat(free.reason()).isEmpty();
            List<String> reasons = new CopyOnWriteArrayList<>();
            free.await(reasons::add);
            assertThat(reasons).as("never held, so never said why").isEmpty();
        }
    }

    @Test
    void aLoadAboveCriticalLoadStopsTheChange() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect()) {
            Checkpoint checkpoint = stateRow(c, db);
            Throttler critical = throttler(c, checkpoint, Map.of(), Map.of("Threads_running", 0L));
            assertThatThrownBy(critical::reason).isInstanceOf(Throttler.Stop.class)
                    .hasMessageMatching("critical load: Threads_running=[1-9][0-9]* > 0")
                    .satisfies(e -> assertThat(((Throttler.Stop) e).userAbort()).isFalse());
            assertThatThrownBy(() -> throttler(c, checkpoint, Map.of("No_such_variable", 1L), Map.of()).reason())
                    .hasMessageContaining("no such status variable: No_such_variable");
        }
    }

    @Test
    void aNiceRatioRestsThatManyTimesTheChunkAndAnAbortEndsALongRest() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = db.connect();
             Connection control = db.connect()) {
            Checkpoint checkpoint = stateRow(c, db);
            Throttler eager = throttler(c, checkpoint, Map.of(), Map.of());
            assertThat(eager.rest(60_000_000_000L)).as("no ratio (the default): no rest, even after a minute's chunk").isZero();

            Throttler nice = new Throttler(engine.inspector(c), OnlineOptions.defaults().withMaxLoad(Map.of())
                    .withNiceRatio(2.5), checkpoint, c, "t");
            long start = System.nanoTime();
            assertThat(nice.rest(200_000_000L)).isEqualTo(500_000_000L);
            assertThat(System.nanoTime() - start).as("a 0.2 s chunk at 2.5: a 0.5 s rest").isGreaterThanOrEqualTo(500_000_000L);

            // 100 times a 10 s chunk is a rest of 1,000 s: it looks at the state row every second, so an abort ends it
            Throttler nicest = new Throttler(engine.inspector(c), OnlineOptions.defaults().withMaxLoad(Map.of())
                    .withNiceRatio(OnlineOptions.MAX_NICE_RATIO), checkpoint, c, "t");
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread rester = new Thread(() -> {
                try {
                    nicest.rest(10_000_000_000L);
                    ended.set(new AssertionError("the rest ran to its end"));
                } catch (Throwable e) {
                    ended.set(e);
                }
            });
            rester.start();
            rester.join(1500);
            assertThat(rester.isAlive()).as("resting").isTrue();
            checkpoint.flag(control, "t", Checkpoint.Flag.ABORT_REQUESTED, true);
            rester.join(10_000);
            assertThat(rester.isAlive()).as("the abort ended the rest").isFalse();
            assertThat(ended.get()).isInstanceOf(Throttler.Stop.class);
            assertThat(((Throttler.Stop) ended.get()).userAbort()).isTrue();
        }
    }

    @Test
    void aNiceRatioOutsideZeroToAHundredIsRefused() {
        for (double bad : new double[] {-0.5, 100.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> OnlineOptions.defaults().withNiceRatio(bad)).as("ratio %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to 100");
        }
        assertThat(OnlineOptions.defaults().withNiceRatio(0).niceRatio()).isZero();
        assertThat(OnlineOptions.defaults().withNiceRatio(100).niceRatio()).isEqualTo(100);
    }
}
