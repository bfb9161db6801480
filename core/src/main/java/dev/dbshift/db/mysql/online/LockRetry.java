package dev.dbshift.db.mysql.online;

import dev.dbshift.online.EngineSql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one engine transaction again when it lost a lock conflict (deadlock, lock wait timeout, a
 * NOWAIT lock not granted). The engine's sessions use short lock waits on purpose: when the
 * application and the engine want the same row, the engine is the one that backs off.
 */
final class LockRetry {

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

    /** Runs one engine transaction once, committing it; false when it lost a lock conflict (then rolled back). */
    static boolean unlessLocked(Connection c, EngineSql.Work<?> work) throws SQLException {
        try {
            EngineSql.retrying(c, (e, attempt) -> false, work);
            return true;
        } catch (SQLException e) {
            if (isLockConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    <T> T run(Connection c, EngineSql.Work<T> work) throws SQLException {
        return EngineSql.retrying(c, (e, attempt) -> attempt < attempts && isLockConflict(e), work);
    }
}
