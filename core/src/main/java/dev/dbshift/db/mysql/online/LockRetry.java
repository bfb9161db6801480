package dev.dbshift.db.mysql.online;

import dev.dbshift.online.EngineSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs one engine transaction again when it lost a lock conflict (deadlock, lock wait timeout, a
 * NOWAIT lock not granted). The engine's sessions use short lock waits on purpose: when the
 * application and the engine want the same row, the engine is the one that backs off.
 */
final class LockRetry {

    private final int attempts;
    /** What the transaction does, for the message when it gives up ("copying a chunk of t"). */
    private final String what;

    LockRetry(int attempts, String what) {
        this.attempts = attempts;
        this.what = what;
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

    /**
     * Runs {@code work} as one transaction, again after each lock conflict; after the last try, the conflict's error
     * says what the engine was doing, for how long it tried, and which transactions held locks then
     * ({@link #holders}), the way a DBA would look for them.
     */
    <T> T run(Connection c, EngineSql.Work<T> work) throws SQLException {
        long started = System.nanoTime();
        try {
            return EngineSql.retrying(c, (e, attempt) -> attempt < attempts && isLockConflict(e), work);
        } catch (SQLException e) {
            if (!isLockConflict(e)) {
                throw e;
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            throw new SQLException(e.getMessage() + " (" + what + ": gave up after " + attempts + " tries in "
                    + seconds + " s; " + holders(c) + ")", e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /**
     * The oldest transactions of other sessions open now, with their row locks, for a message; what cannot be read (no
     * PROCESS privilege shows only this user's sessions) is left out.
     */
    static String holders(Connection c) {
        try {
            List<List<Object>> rows = EngineSql.rows(c, "SELECT t.trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()),"
                    + " t.trx_rows_locked, p.HOST, p.COMMAND, p.TIME, LEFT(p.INFO, 120) FROM information_schema.INNODB_TRX t"
                    + " LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                    + " WHERE t.trx_mysql_thread_id <> CONNECTION_ID() ORDER BY t.trx_started LIMIT 3", List.of(), 7);
            if (rows.isEmpty()) {
                return "no other transaction was open then";
            }
            StringBuilder out = new StringBuilder("transactions open then, oldest first: ");
            for (int i = 0; i < rows.size(); i++) {
                List<Object> r = rows.get(i);
                out.append(i == 0 ? "" : "; ").append(EngineSql.session("connection " + r.get(0) + " (a transaction open "
                        + r.get(1) + " s, " + r.get(2) + " row locks)", r.get(3) == null && r.get(4) == null ? null
                        : r.subList(3, 7), "KILL " + r.get(0)));
            }
            return out.toString();
        } catch (SQLException unreadable) {
            return "the open transactions could not be read: " + unreadable.getMessage();
        }
    }
}
