package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttler holds the copy for a pause file, the pause flag and load; critical load aborts. */
class OnlineThrottleTest {

    private static void seed(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
            st.execute("INSERT INTO t SELECT seq, seq FROM seq_1_to_5000");
        }
    }

    private static OnlineOptions slow() {
        return OnlineOptions.defaults().withStrategy(Strategy.COPY).withMaxChunkRows(100)
                .withChunkTime(Duration.ofMillis(10)).withMaxLoad(Map.of());
    }

    private static Thread start(TestDatabase db, OnlineOptions options, AtomicReference<Object> outcome) {
        Thread t = new Thread(() -> {
            try {
                outcome.set(OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "t", "ADD COLUMN w INT NULL", options));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void aPauseFileAndThePauseFlagHoldTheCopyUntilLifted() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            seed(db);
            Path pause = Files.createTempFile("dbshift-pause", "");
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread engine = start(db, slow().withPauseFile(pause), outcome);
            OnlineCrashResumeTest.waitFor(db, "t", s -> s.phase() == Phase.COPY);
            Thread.sleep(600);
            long held = OnlineCrashResumeTest.state(db, "t").rowsCopied();
            Thread.sleep(400);
            assertThat(OnlineCrashResumeTest.state(db, "t").rowsCopied()).isEqualTo(held).isLessThan(5000);
            OnlineControl control = new OnlineControl(new MySqlOnlineChange(), db::connect);
            control.pause(db.name(), "t");
            Files.delete(pause);
            Thread.sleep(600);
            assertThat(OnlineCrashResumeTest.state(db, "t").rowsCopied()).isEqualTo(held);
            assertThat(control.unpause(db.name(), "t")).isTrue();
            engine.join(60_000);
            assertThat(outcome.get()).isInstanceOf(OnlineResult.class);
            assertThat(((OnlineResult) outcome.get()).rowsCopied()).isEqualTo(5000);
        }
    }

    @Test
    void maxLoadHoldsTheCopyAndCriticalLoadAbortsIt() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.MARIADB)) {
            seed(db);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread engine = start(db, slow().withMaxLoad(Map.of("Threads_running", 0L)), outcome);
            OnlineCrashResumeTest.waitFor(db, "t", s -> s.phase() == Phase.COPY);
            Thread.sleep(800);
            assertThat(OnlineCrashResumeTest.state(db, "t").rowsCopied()).isZero();
            new OnlineControl(new MySqlOnlineChange(), db::connect).abort(db.name(), "t");
            engine.join(30_000);
            assertThat(((OnlineResult) outcome.get()).outcome()).isEqualTo(Phase.ABORTED);

            assertThatThrownBy(() -> OnlineMigrator.alter(new MySqlOnlineChange(), db::connect, db.name(), "t", "ADD COLUMN w INT NULL",
                    slow().withCriticalLoad(Map.of("Threads_running", 0L))))
                    .hasMessageContaining("critical load");
            assertThat(OnlineCrashResumeTest.state(db, "t").phase()).isEqualTo(Phase.ABORTED);
            try (Connection c = db.connect()) {
                assertThat(OnlineConcurrentWritesTest.columns(c, "t")).containsExactly("id", "v");
            }
        }
    }
}
