package dev.dbshift.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The migration lock. Implementations use a session-level lock the server releases when the
 * session dies (PostgreSQL advisory lock, MySQL GET_LOCK), or a lease row with an expiry that a
 * heartbeat renews, so that a killed process never blocks the next run for longer than the lease.
 *
 * <p>A lease can be lost while its holder lives (the process stalled longer than the lease and another
 * run took over), so a lease lock also offers a {@link Fence}: every write of the run passes it, in the
 * write's own transaction.
 */
public interface Locker extends AutoCloseable {
    /** Waits up to {@code timeout}; returns false when another session still holds the lock. */
    boolean lock(Duration timeout) throws SQLException;

    void unlock() throws SQLException;

    /**
     * The check every write of the run makes in its own transaction, or empty where the lock cannot be
     * lost while the run's session lives (a session lock: the server frees it only with the session, and
     * then the run's writes fail anyway).
     */
    default Optional<Fence> fence() {
        return Optional.empty();
    }

    @Override
    default void close() throws SQLException {
        unlock();
    }

    /** Checks that this run still holds the lock and renews it, in {@code connection}'s current transaction. */
    @FunctionalInterface
    interface Fence {
        /** @throws LockLost when another run holds the lock now; the caller must roll back and write nothing more */
        void check(Connection connection) throws SQLException;
    }
}
