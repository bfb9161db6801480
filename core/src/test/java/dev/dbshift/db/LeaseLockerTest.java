package dev.dbshift.db;

import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease locks of H2 and SQLite on real files, through the {@link Database#locker} SPI: what the command line
 * tests (LockFencingIT) cannot reach from outside a process.
 */
@Pure
class LeaseLockerTest {
    private static final String NAME = "dbshift:test.dbshift_history";

    /**
     * H2: a live holder keeps its lock however stale its lease row; when its session lock ends under it (as when
     * the process serving an AUTO_SERVER database exits) another run takes the lock, and the first one's next
     * fenced write fails with {@link LockLost} instead of writing.
     */
    @Test
    void h2HolderWhoseSessionLockEndedIsFencedOffOnceAnotherRunTookTheLock() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); Connection first = db.connect();
             Connection second = db.connect(); Connection admin = db.connect()) {
            Database h2 = Databases.forUrl(db.url());
            Locker firstLock = h2.locker(first, db::connect, NAME, Duration.ofMillis(100));
            assertThat(firstLock.lock(Duration.ofSeconds(5))).isTrue();
            try (Statement st = admin.createStatement()) {
                st.execute("UPDATE dbshift_lock SET expires_at = 0 WHERE owner <> ''");   // a lease long expired: no matter
            }
            Locker secondLock = h2.locker(second, db::connect, NAME, Duration.ofMillis(100));
            assertThat(secondLock.lock(Duration.ofMillis(500))).isFalse();

            // end every session but the three of this test: what is left is the first run's lock session
            Set<Integer> ours = new HashSet<>();
            for (Connection c : new Connection[]{first, second, admin}) {
                ours.add(query(c, "SELECT SESSION_ID()"));
            }
            try (Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS")) {
                Set<Integer> others = new HashSet<>();
                while (rs.next()) {
                    others.add(rs.getInt(1));
                }
                others.removeAll(ours);
                assertThat(others).hasSize(1);
                try (Statement abort = admin.createStatement()) {
                    abort.execute("CALL ABORT_SESSION(" + others.iterator().next() + ")");
                }
            }
            assertThat(secondLock.lock(Duration.ofSeconds(5))).isTrue();

            first.setAutoCommit(false);
            assertThatThrownBy(() -> firstLock.fence().orElseThrow().check(first))
                    .isInstanceOf(LockLost.class).hasMessageContaining("lost the migration lock")
                    .hasMessageContaining("nothing more was written");
            first.rollback();
            second.setAutoCommit(false);
            secondLock.fence().orElseThrow().check(second);
            second.commit();
            secondLock.unlock();
            firstLock.unlock();
        }
    }

    /**
     * H2: a lease row that already names this run when its INSERT fails on the primary key is this run's. H2 sends an
     * autocommit statement again after it reconnected a session whose server went away (AUTO_SERVER: the process
     * that served the file exited while the INSERT's answer was on its way), so the first, committed execution
     * shows as a duplicate key. This test makes the row appear the way the first execution would (a trigger on the
     * DELETE that precedes the INSERT writes it); before, the run stopped with "written by another session".
     */
    @Test
    void h2LeaseRowThatNamesThisRunIsThisRunsLease() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); Connection run = db.connect(); Connection admin = db.connect()) {
            Database h2 = Databases.forUrl(db.url());
            LeaseLocker lock = (LeaseLocker) h2.locker(run, db::connect, NAME, Duration.ofSeconds(30));
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE TABLE dbshift_lock (name VARCHAR(200) NOT NULL PRIMARY KEY, owner VARCHAR(200) NOT NULL,"
                        + " expires_at BIGINT NOT NULL)");
                st.execute("INSERT INTO dbshift_lock VALUES ('" + NAME + "', 'elsewhere:1:gone', 0)");
                WriteLeaseAgain.owner = lock.owner();
                st.execute("CREATE TRIGGER lease_again AFTER DELETE ON dbshift_lock FOR EACH ROW CALL \""
                        + WriteLeaseAgain.class.getName() + "\"");
            }
            assertThat(lock.lock(Duration.ofSeconds(5))).isTrue();
            run.setAutoCommit(false);
            lock.fence().orElseThrow().check(run);
            run.commit();
            run.setAutoCommit(true);
            try (Statement st = admin.createStatement()) {
                st.execute("DROP TRIGGER lease_again");
            }
            lock.unlock();
            assertThat(query(admin, "SELECT COUNT(*) FROM dbshift_lock WHERE owner = '" + lock.owner() + "'")).isZero();
        }
    }

    /** Writes the lease row of {@link #owner} after the lease row is deleted: what a first execution of its INSERT left. */
    public static final class WriteLeaseAgain implements org.h2.api.Trigger {
        static volatile String owner;

        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            if (NAME.equals(oldRow[0])) {
                try (java.sql.PreparedStatement ps = conn.prepareStatement("INSERT INTO dbshift_lock VALUES (?, ?, ?)")) {
                    ps.setString(1, NAME);
                    ps.setString(2, owner);
                    ps.setLong(3, System.currentTimeMillis() + 30_000);
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * H2: an attempt at the lock that meets a session ending under it (error 90121: the process serving an AUTO_SERVER
     * database is shutting down) is tried again, not turned into a failed run. The error is raised here by a trigger
     * on the lease's INSERT, once; before, the run stopped with exit 1 ("Database is already closed").
     */
    @Test
    void h2AttemptThatMeetsAnEndingSessionIsTriedAgain() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); Connection run = db.connect(); Connection admin = db.connect()) {
            Database h2 = Databases.forUrl(db.url());
            Locker lock = h2.locker(run, db::connect, NAME, Duration.ofSeconds(30));
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE TABLE dbshift_lock (name VARCHAR(200) NOT NULL PRIMARY KEY, owner VARCHAR(200) NOT NULL,"
                        + " expires_at BIGINT NOT NULL)");
                EndSessionOnce.left.set(1);
                st.execute("CREATE TRIGGER end_session BEFORE INSERT ON dbshift_lock FOR EACH ROW CALL \""
                        + EndSessionOnce.class.getName() + "\"");
            }
            assertThat(lock.lock(Duration.ofSeconds(5))).isTrue();
            assertThat(EndSessionOnce.left.get()).as("one attempt met the ended session, the next inserted the lease").isEqualTo(-1);
            try (Statement st = admin.createStatement()) {
                st.execute("DROP TRIGGER end_session");
            }
            lock.unlock();
        }
    }

    /** Fails the lease's INSERT once with H2's "database is already closed" (90121), as a shutting-down server does. */
    public static final class EndSessionOnce implements org.h2.api.Trigger {
        static final java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            if (NAME.equals(newRow[0]) && left.getAndDecrement() > 0) {
                throw new SQLException("Database is already closed", "90121", 90121);
            }
        }
    }

    /** SQLite: a run that finds the database busy (another writer holds its write lock) waits and says "not locked", never SQLITE_BUSY. */
    @Test
    void sqliteBusyDatabaseMeansWaitThenNotLocked() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.SQLITE); Connection writer = db.connect(); Connection run = db.connect()) {
            Database sqlite = Databases.forUrl(db.url());
            try (Statement st = writer.createStatement()) {
                st.execute("CREATE TABLE t (id INT)");
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO t VALUES (1)");
            }
            Locker lock = sqlite.locker(run, db::connect, NAME, Duration.ofSeconds(30));
            assertThat(lock.lock(Duration.ofMillis(700))).isFalse();
            try (Statement st = writer.createStatement()) {
                st.execute("COMMIT");
            }
            assertThat(lock.lock(Duration.ofSeconds(5))).isTrue();
            // the run's transactions now take the write lock at BEGIN: a fenced write cannot interleave with another
            run.setAutoCommit(false);
            lock.fence().orElseThrow().check(run);
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA busy_timeout = 100");
                assertThatThrownBy(() -> st.execute("INSERT INTO t VALUES (2)")).isInstanceOf(SQLException.class);
            }
            run.commit();
            run.setAutoCommit(true);
            lock.unlock();
        }
    }

    private static int query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
