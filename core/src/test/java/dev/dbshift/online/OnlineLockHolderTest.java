package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table's engine lock held by a session that is still running a statement: what a run killed in the middle of
 * one leaves behind, since the server ends a dead client's session only when its statement ends.
 */
class OnlineLockHolderTest {

    enum Server { MARIADB, POSTGRES }

    @ParameterizedTest
    @EnumSource(Server.class)
    void anOnlineScriptWaitsForASessionThatHoldsTheLockWithoutAStateRow(Server server) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor(server))) {
            setUp(db);
            OnlineChange engine = engine(server);
            OnlineNames names = OnlineNames.of(db.name(), "t");
            // a run killed in its preflight: its session holds the lock, runs one more statement, then ends
            Connection dying = db.connect();
            assertThat(engine.lock(dying, names)).isTrue();
            CompletableFuture<Void> finishing = CompletableFuture.runAsync(() -> {
                try (dying; Statement st = dying.createStatement()) {
                    st.execute(sleep(server, 2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            OnlineResult r = OnlineMigrator.alterStatement(engine, db::connect, db.name(), "ALTER TABLE t ADD COLUMN c INT NULL",
                    OnlineOptions.defaults().withStrategy(Strategy.COPY),
                    new ChangeOwner("migrations/2__online.sql:1", 0, mark -> false), null);
            finishing.join();
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
            assertThat(r.rowsCopied()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aLockHeldElsewhereNamesTheSessionWhatItRunsAndHowToEndIt(Server server) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor(server)); Connection holder = db.connect()) {
            setUp(db);
            OnlineChange engine = engine(server);
            OnlineNames names = OnlineNames.of(db.name(), "t");
            assertThat(engine.lock(holder, names)).isTrue();
            String id;
            try (Statement st = holder.createStatement();
                 ResultSet rs = st.executeQuery(server == Server.MARIADB ? "SELECT CONNECTION_ID()" : "SELECT pg_backend_pid()")) {
                rs.next();
                id = rs.getString(1);
            }
            try (Connection c = db.connect()) {
                assertThat(engine.lockHolder(c, names)).hasValueSatisfying(h -> assertThat(h).contains(id).contains("idle"));
            }
            CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
                try (Statement st = holder.createStatement()) {
                    st.execute(sleep(server, 3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThatThrownBy(() -> OnlineMigrator.alter(engine, db::connect, db.name(), "t", "ADD COLUMN c INT NULL",
                    OnlineOptions.defaults().withStrategy(Strategy.COPY)))
                    .isInstanceOfSatisfying(OnlineException.class, e -> assertThat(e.exitCode()).isEqualTo(OnlineException.LOCKED))
                    .hasMessageContaining("another dbshift process is running the online change of t")
                    .hasMessageContaining(id + " from ")
                    .hasMessageContaining(", running for ")
                    .hasMessageContaining(server == Server.MARIADB ? "SLEEP(3)" : "pg_sleep(3)")
                    .hasMessageContaining(server == Server.MARIADB ? "KILL " + id : "pg_terminate_backend(" + id + ")")
                    .hasMessageContaining("wait, or end the session");
            busy.join();
        }
    }

    private static void setUp(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, n INT NOT NULL)");
            st.execute("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
        }
    }

    private static Vendor vendor(Server server) {
        return server == Server.MARIADB ? Vendor.MARIADB : Vendor.POSTGRES;
    }

    private static OnlineChange engine(Server server) {
        return server == Server.MARIADB ? new MySqlOnlineChange() : new PostgresOnlineChange();
    }

    private static String sleep(Server server, int seconds) {
        return server == Server.MARIADB ? "SELECT SLEEP(" + seconds + ")" : "SELECT pg_sleep(" + seconds + ")";
    }
}
