package dev.dbshift.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock itself where a row lock lasts exactly as long as its session (H2): a row of the lock table, next to
 * the lease row, held {@code FOR UPDATE} in an open transaction on a connection of its own for as long as the
 * lock is held. A stalled holder keeps it, a killed one loses it at once; the {@link LeaseLocker}'s lease row is
 * then only the token its fence checks. A session may also end under a wait (H2 AUTO_SERVER: the process
 * serving the database exited, and the driver reconnected to the next one): the row lock is then taken again on
 * a new session, unless another run took it meanwhile.
 */
final class SessionRowLock {
    private final ConnectionFactory factory;
    private final String table;
    /** Another row than the lease's, which the run's own writes update. */
    private final String row;
    private final LeaseLocker.Vendor vendor;
    /** The session holding the row lock, or null. */
    private Connection session;
    /** Sessions that ended under a wait, in a row (an error that persists is not about the session). */
    private int brokenSessions;

    SessionRowLock(ConnectionFactory factory, String table, String name, LeaseLocker.Vendor vendor) {
        this.factory = factory;
        this.table = table;
        this.row = name + " (session)";
        this.vendor = vendor;
    }

    /** The session holding the row lock, or null when none does. */
    Connection session() {
        return session;
    }

    /** A new {@code lock()}: the sessions that broke before do not count. */
    void resetBrokenSessions() {
        brokenSessions = 0;
    }

    /** Creates the row through {@code connection} (autocommit) unless it is there. */
    void createRow(Connection connection) throws SQLException {
        try (PreparedStatement ins = connection.prepareStatement("INSERT INTO " + table + " (name, owner, expires_at)"
                + " SELECT ?, '', 0 FROM " + table + " WHERE name = ? HAVING COUNT(*) = 0")) {
            ins.setString(1, row);
            ins.setString(2, row);
            ins.executeUpdate();
        } catch (SQLException e) {
            if (vendor.isBusy(e)) {
                throw e;
            }
            // another run created the row at the same moment: it is there, which is all that matters
        }
    }

    /** One attempt at the row lock; false when another session holds it (after waiting {@code slice}). */
    boolean take(Duration slice) throws SQLException {
        try {
            if (session == null) {
                session = factory.open();
                session.setAutoCommit(false);
            }
            vendor.limitWaits(session, slice);
            try (PreparedStatement ps = session.prepareStatement("SELECT owner FROM " + table + " WHERE name = ? FOR UPDATE")) {
                ps.setString(1, row);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the row " + row + " of " + table + " is missing");
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            if (vendor.isBusy(e) && session != null) {
                session.rollback();
                return false;
            }
            // the session may have ended under the wait: wait again on a new session; an error that is not about
            // the session shows again there
            release();
            if (++brokenSessions > 3) {
                throw e;
            }
            return false;
        }
    }

    /**
     * The fence's first half: whether the row is still locked by this run's session. When that session ended,
     * the lock is taken again on a new session if no other run took it meanwhile; false: the lock is lost.
     */
    boolean check(Duration slice) throws SQLException {
        if (session != null) {
            try (PreparedStatement ps = session.prepareStatement("SELECT owner FROM " + table + " WHERE name = ? FOR UPDATE")) {
                ps.setString(1, row);
                ps.executeQuery().close();
                return true;
            } catch (SQLException e) {
                release();   // its session ended, and the row lock with it
            }
        }
        brokenSessions = 0;
        return take(slice) || (session == null && take(slice));
    }

    /** Ends the session, and the row lock with it. */
    void release() {
        if (session != null) {
            try {
                session.rollback();
                session.close();
            } catch (SQLException ignored) {
                // the session is gone, and with it the row lock
            }
            session = null;
        }
    }
}
