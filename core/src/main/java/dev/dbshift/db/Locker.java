package dev.dbshift.db;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The migration lock. Implementations use a session-level lock the server releases when the
 * session dies (PostgreSQL advisory lock, MySQL GET_LOCK), or a lease row with an expiry that a
 * heartbeat renews, so that a killed process never blocks the next run for longer than the lease.
 */
public interface Locker extends AutoCloseable {
    /** Waits up to {@code timeout}; returns false when another session still holds the lock. */
    boolean lock(Duration timeout) throws SQLException;

    void unlock() throws SQLException;

    @Override
    default void close() throws SQLException {
        unlock();
    }
}
