package dev.dbshift.db.mysql;

import dev.dbshift.db.LeaseLocker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The migration lock on a Galera node: {@code GET_LOCK} is node-local there (two runs on two nodes both get it),
 * so the lock is the {@link LeaseLocker}'s lease row, in an InnoDB table the cluster replicates. Galera's
 * certification is the arbiter: of two writes of that row on two nodes at once, the one ordered first commits
 * and the other fails with a deadlock error (1213), which the lease reads as "busy: look again". Row locks are
 * node-local too ({@code SELECT ... FOR UPDATE} on one node does not block another), so nothing rests on them:
 * the lease's expiry and heartbeat bound how long a crashed run blocks others, and its fence (the row still names
 * this run, renewed in every write's own transaction) stops a run that lost the lock.
 *
 * <p>Every session of the lock reads causally ({@code wsrep_sync_wait = 1}): a read waits until this node has
 * applied what the cluster committed before it, so a run that takes the lock released on another node sees the
 * history that run wrote.
 */
final class GaleraLocking implements LeaseLocker.Vendor {
    /** ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK (a certification conflict or a brute-force abort on Galera). */
    private static final java.util.Set<Integer> BUSY = java.util.Set.of(1205, 1213);

    /** True when the server of {@code connection} is a Galera node with replication on ({@code wsrep_on}). */
    static boolean isGaleraNode(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && rs.getString(2).equalsIgnoreCase("ON");
        }
    }

    @Override
    public void limitWaits(Connection connection, Duration wait) throws SQLException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = " + seconds + ", wsrep_sync_wait = 1");
        }
    }

    @Override
    public boolean isBusy(SQLException e) {
        return BUSY.contains(e.getErrorCode());
    }

    @Override
    public boolean rowLockDiesWithSession() {
        return false;
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB";
    }

    /**
     * The run's connection gets the server's row lock wait back (its lock attempts waited a second at most), so a
     * migration's statements wait as long as they would without the lock; its reads stay causal.
     */
    @Override
    public void holding(Connection connection, Duration timeout) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = @@GLOBAL.innodb_lock_wait_timeout");
        }
    }
}
