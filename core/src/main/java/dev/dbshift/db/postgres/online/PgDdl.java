package dev.dbshift.db.postgres.online;

import dev.dbshift.db.postgres.PostgresDdlLocks;
import dev.dbshift.db.SafeDdl;
import dev.dbshift.online.Pause;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * DDL on the live table the safe-DDL way ({@link SafeDdl}, {@link PostgresDdlLocks}): each try waits
 * at most the lock timeout for its lock, so an engine statement queued behind a long query holds
 * the application's statements behind it for that long at most, then gives way and tries again
 * after a pause with jitter.
 */
final class PgDdl {

    interface Step {
        void run() throws SQLException;
    }

    private static final PostgresDdlLocks LOCKS = new PostgresDdlLocks();

    private final SafeDdl safe;

    PgDdl(Duration lockTimeout, int tries) {
        this.safe = new SafeDdl(true, lockTimeout, tries, false);
    }

    Duration lockTimeout() {
        return safe.lockTimeout();
    }

    /** Runs one statement (autocommit) under the lock timeout, tried again when the lock was not granted. */
    int run(Connection c, String sql) throws SQLException {
        return transaction(c, () -> PgSql.execute(c, sql));
    }

    /**
     * Runs {@code step} as one transaction under the lock timeout; on a lock timeout the transaction
     * is rolled back and tried again. Returns the tries it took.
     */
    int transaction(Connection c, Step step) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    LOCKS.limit(c, safe.lockTimeout());
                    step.run();
                    c.commit();
                    return attempt;
                } catch (SQLException e) {
                    c.rollback();
                    if (!LOCKS.isLockTimeout(e) || attempt >= safe.tries()) {
                        throw e;
                    }
                    Pause.millis(safe.pauseBefore(attempt + 1).toMillis());
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
