package dev.dbshift.db.mysql.online;

import dev.dbshift.online.OnlineException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one engine transaction again when it lost a lock conflict (deadlock, lock wait timeout, a
 * NOWAIT lock not granted). The engine's sessions use short lock waits on purpose: when the
 * application and the engine want the same row, the engine is the one that backs off.
 */
final class LockRetry {

    interface Work<T> {
        T run() throws SQLException;
    }

    private final int attempts;

    LockRetry(int attempts) {
        this.attempts = attempts;
    }

    static boolean isLockConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                int code = s.getErrorCode();
                if (code == 1213 || code == 1205 || code == 3572 || code == 1020 || "40001".equals(s.getSQLState())) {
                    return true;
                }
                String m = String.valueOf(s.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (m.contains("lock wait timeout") || m.contains("deadlock")) {
                    return true;
                }
            }
        }
        return false;
    }

    <T> T run(Connection c, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.run();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return result;
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone; the original error says more
                    }
                }
                if (!isLockConflict(e) || attempt >= attempts) {
                    throw e;
                }
                sleep(Math.min(1000, 10L * attempt * attempt));
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineException(OnlineException.FAILED, "interrupted");
        }
    }
}
