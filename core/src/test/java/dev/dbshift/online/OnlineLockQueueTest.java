package dev.dbshift.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's lock queue: a long-running SELECT holds its lock on the table when the swap wants
 * ACCESS EXCLUSIVE. A plain waiting LOCK would queue every writer behind it for the SELECT's whole
 * time; the engine's swap gives up after its lock_timeout, steps aside and tries again, so a writer
 * never waits much longer than the lock_timeout, and the swap still happens once the SELECT is done.
 */
class OnlineLockQueueTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(400);
    private static final long SELECT_SECONDS = 4;

    @Test
    void theSwapGivesWayToALongSelectAndTheWriterNeverWaitsLongerThanTheLockTimeout() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE items (id INT PRIMARY KEY, amount NUMERIC(10,3) NOT NULL)");
                st.execute("INSERT INTO items SELECT g, g / 7.0 FROM generate_series(1, 2000) g");
            }
            PostgresOnlineChange engine = new PostgresOnlineChange(LOCK_TIMEOUT);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread change = new Thread(() -> {
                try {
                    outcome.set(OnlineMigrator.alter(engine, db::connect, db.name(), "items", "ALTER COLUMN amount TYPE NUMERIC(14,2)",
                            OnlineConcurrentWritesTest.testOptions().withPostponeCutover(true)));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            change.start();
            OnlineCrashResumeTest.waitFor(db, "items", s -> s.phase() == Phase.WAIT_CUTOVER);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong maxWaitNanos = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            AtomicReference<Exception> writeError = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Connection c = db.connect();
                     PreparedStatement upd = c.prepareStatement("UPDATE items SET amount = amount + 1 WHERE id = ?")) {
                    for (int i = 0; !stop.get(); i++) {
                        upd.setInt(1, 1 + i % 2000);
                        long t0 = System.nanoTime();
                        upd.executeUpdate();
                        maxWaitNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        writes.incrementAndGet();
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    writeError.set(e);
                }
            });
            Thread select = new Thread(() -> {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.executeQuery("SELECT count(*), pg_sleep(" + SELECT_SECONDS + ") FROM items").close();
                } catch (Exception e) {
                    writeError.set(e);
                }
            });
            writer.start();
            select.start();
            Thread.sleep(500); // the SELECT holds its ACCESS SHARE lock now
            long cutoverAt = System.nanoTime();
            new OnlineControl(engine, db::connect).requestCutover(db.name(), "items");
            change.join(120_000);
            long swapNanos = System.nanoTime() - cutoverAt;
            select.join(30_000);
            Thread.sleep(300);
            stop.set(true);
            writer.join(30_000);

            assertThat(writeError.get()).isNull();
            assertThat(outcome.get()).isInstanceOf(OnlineResult.class);
            OnlineResult r = (OnlineResult) outcome.get();
            System.out.println(r.description() + "; writer's longest wait " + maxWaitNanos.get() / 1_000_000 + " ms over "
                    + writes.get() + " writes; swap done " + swapNanos / 1_000_000 + " ms after the cut-over request");
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(r.swapAttempts()).as("the swap gave way to the SELECT and tried again").isGreaterThan(1);
            assertThat(swapNanos).as("the swap waited for the SELECT to end").isGreaterThan(Duration.ofSeconds(SELECT_SECONDS - 1).toNanos());
            assertThat(maxWaitNanos.get()).as("no write waited longer than the lock timeout (+ 1 s for a loaded machine)")
                    .isLessThan(LOCK_TIMEOUT.plusSeconds(1).toNanos());
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                         + " AND attname = 'amount'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("numeric(14,2)");
            }
        }
    }
}
