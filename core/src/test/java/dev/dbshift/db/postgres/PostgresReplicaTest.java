package dev.dbshift.db.postgres;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.StatusReport;
import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.online.Connections;
import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.ReplicaLag;
import dev.dbshift.online.Throttler;
import dev.dbshift.testing.Await;
import dev.dbshift.testing.OnlineStateRow;
import dev.dbshift.testing.ReplicaPair;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real PostgreSQL primary with a streaming standby (ports 5451 and 5452, started here): read-only
 * commands work on the standby and write nothing, {@code up} there is refused; the standby's lag is
 * measured on the standby and on the primary, with replay paused ({@code pg_wal_replay_pause()}) and
 * on an idle primary; the online change's {@link Throttler} holds on that lag and stops (fail closed)
 * once the standby is down for longer than its limit. The throttler is vendor-neutral: its state row
 * here is a MariaDB one (PostgreSQL's online engine is another change), its lag PostgreSQL's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresReplicaTest {

    private static ReplicaPair pair;

    @BeforeAll
    static void start() {
        pair = ReplicaPair.start(ReplicaPair.Vendor.POSTGRES, 5451, 5452);
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Connections connections() {
        return Connections.withOthers(pair::primary, url -> DriverManager.getConnection(url, pair.user(), ""));
    }

    private static DbShift dbshift(TestProject project, String url) {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of()).url(url).user(pair.user())
                .schemas("rp_app").load();
    }

    @Test
    @Order(1)
    void statusAndCheckWorkOnTheStandbyAndUpIsRefused() throws Exception {
        TestProject project = TestProject.create().file("migrations/1.0__one.sql", "CREATE TABLE one (id INT PRIMARY KEY);");
        dbshift(project, pair.primaryUrl("")).up();
        Await.until("the standby to replay the history", Duration.ofSeconds(30), () -> {
            try (Connection c = pair.replica(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rp_app.dbshift_history WHERE success")) {
                return rs.next() && rs.getInt(1) == 1;
            }
        });
        project.file("migrations/1.1__two.sql", "CREATE TABLE two (id INT PRIMARY KEY);");

        try (Connection primary = pair.primary(); Connection replica = pair.replica()) {
            assertThat(new PostgresDatabase().readOnly(primary)).isEmpty();
            assertThat(new PostgresDatabase().readOnly(replica)).hasValueSatisfying(r -> assertThat(r).contains("standby"));
        }
        DbShift onReplica = dbshift(project, pair.replicaUrl(""));
        StatusReport status = onReplica.status();
        assertThat(status.current()).isEqualTo("1.0");
        assertThat(status.migrations()).extracting(m -> m.version() + " " + m.state().name())
                .containsExactly("1.0 APPLIED", "1.1 PENDING");
        assertThat(onReplica.check(false).problems()).isEmpty();

        assertThatThrownBy(onReplica::up).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("is read-only (it is a standby (pg_is_in_recovery() is true))")
                .hasMessageContaining("run this command against the primary")
                .satisfies(e -> assertThat(((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT));
        assertThatThrownBy(onReplica::init).isInstanceOf(DbShiftException.class).hasMessageContaining("is read-only");
        // the standby shows what its primary has: nothing more
        try (Connection c = pair.replica(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rp_app.dbshift_history")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void lagIsMeasuredOnTheStandbyAndOnThePrimaryIdleOrNot() throws Exception {
        try (ReplicaLag onStandby = PostgresReplicaLag.open(connections(), new LagLimit(Duration.ofSeconds(1),
                List.of(pair.replicaUrl("")), Duration.ofMinutes(1)));
             // the PostgreSQL online engine's lag source (what --max-lag uses): the primary's view
             ReplicaLag onPrimary = new PostgresOnlineChange().replicaLag(connections(), "public",
                     new LagLimit(Duration.ofSeconds(1), List.of(), Duration.ofMinutes(1)));
             Connection primary = pair.primary(); Connection replica = pair.replica();
             Statement p = primary.createStatement(); Statement r = replica.createStatement()) {
            p.execute("CREATE TABLE IF NOT EXISTS lag_writes (x INT)");
            Await.until("no lag", Duration.ofSeconds(30), () -> lag(onStandby).isZero() && lag(onPrimary).isZero());

            r.execute("SELECT pg_wal_replay_pause()");
            try (Writer w = new Writer()) {
                Await.until("the standby's lag over 1 s", Duration.ofSeconds(30),
                        () -> lag(onStandby).toMillis() > 1000 && lag(onPrimary).toMillis() > 1000);
            } finally {
                r.execute("SELECT pg_wal_replay_resume()");
            }
            Await.until("the standby to catch up", Duration.ofSeconds(30), () -> lag(onStandby).isZero() && lag(onPrimary).isZero());

            // the idle primary: the last replayed transaction grows old, the standby is not behind
            Await.until("the last replayed commit to be a second old", Duration.ofSeconds(10), () -> {
                try (ResultSet rs = r.executeQuery("SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())")) {
                    return rs.next() && rs.getDouble(1) > 1.0;
                }
            });
            assertThat(lag(onStandby)).isZero();
            assertThat(lag(onPrimary)).isZero();
        }
    }

    @Test
    @Order(3)
    void theThrottlerHoldsWhileTheStandbyLagsAndStopsWhenItsLagCannotBeMeasured() throws Exception {
        OnlineChange engine = new MySqlOnlineChange();
        LagLimit limit = new LagLimit(Duration.ofMillis(800), List.of(), Duration.ofSeconds(2));
        try (TestDatabase state = TestDatabase.create(TestDatabase.Vendor.MARIADB); Connection c = state.connect();
             Connection replica = pair.replica(); Statement r = replica.createStatement();
             Throttler throttler = new Throttler(engine.inspector(c), OnlineOptions.defaults().withMaxLoad(Map.of()).withLag(limit),
                     OnlineStateRow.begin(engine, c, state), c, "t", () -> PostgresReplicaLag.open(connections(), limit))) {
            Await.until("the throttler to let the copy go", Duration.ofSeconds(30), () -> throttler.reason().isEmpty());

            r.execute("SELECT pg_wal_replay_pause()");
            try (Writer w = new Writer()) {
                Optional<String> held = Await.until("the throttler to hold on the lag", Duration.ofSeconds(30),
                        throttler::reason, Optional::isPresent);
                assertThat(held.get()).matches("replica walreceiver@127\\.0\\.0\\.1 lags more than --max-lag 0\\.8 s");
            } finally {
                r.execute("SELECT pg_wal_replay_resume()");
            }
            Await.until("the throttler to let the copy go again", Duration.ofSeconds(30), () -> throttler.reason().isEmpty());

            pair.stopReplica();
            long down = System.nanoTime();
            assertThat(throttler.reason()).hasValueSatisfying(why -> assertThat(why)
                    .contains("replication lag of walreceiver@127.0.0.1 cannot be measured (not connected to the primary")
                    .contains("the change stops if this lasts 2 s"));
            Await.until("the throttler to stop the change", Duration.ofSeconds(30), () -> {
                try {
                    throttler.reason();
                    return false;
                } catch (Throttler.Stop stop) {
                    assertThat(stop.userAbort()).isFalse();
                    assertThat(stop).hasMessageContaining("could not be measured for 2 s").hasMessageContaining("fail closed");
                    return true;
                }
            });
            assertThat(System.nanoTime() - down).as("not before the limit").isGreaterThanOrEqualTo(2_000_000_000L);
        }
    }

    private static Duration lag(ReplicaLag lag) throws Exception {
        List<ReplicaLag.Reading> readings = lag.read();
        assertThat(readings).hasSize(1);
        ReplicaLag.Reading r = readings.get(0);
        if (r.lag() == null) {
            throw new IllegalStateException(r.replica() + ": " + r.unmeasurable());
        }
        return r.lag();
    }

    /** Commits on the primary every 100 ms, so that there is WAL to replay (or not). */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Writer() {
            thread = new Thread(() -> {
                try (Connection c = pair.primary(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS lag_writes (x INT)");
                    while (!stop.get()) {
                        st.execute("INSERT INTO lag_writes VALUES (1)");
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
