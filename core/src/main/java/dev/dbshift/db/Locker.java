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
     * The check every write of the run makes in its own transaction, or empty for a session lock, which the server
     * frees only with the session (then the run's writes fail anyway) or on the session's own request
     * ({@link #heldCheck}).
     */
    default Optional<Fence> fence() {
        return Optional.empty();
    }

    /**
     * For a session lock: the check that this session still holds it. The server frees it only with the session, but
     * the session's own statements can release it (PostgreSQL {@code DISCARD ALL}, or {@code pg_advisory_unlock_all()}
     * in a function; MySQL {@code RELEASE_ALL_LOCKS()} in a procedure), after which another run could take it and run
     * the same migrations. The executor has the history store pass it during a step whose text may do so; empty for a
     * lease, whose {@link #fence} checks every write.
     */
    default Optional<Fence> heldCheck() {
        return Optional.empty();
    }

    /** What a {@link #heldCheck} says when the session no longer holds its lock. */
    static LockLost releasedByTheMigration() {
        return new LockLost("dbshift's migration lock was released during this migration by its own statements (a DISCARD"
                + " ALL, pg_advisory_unlock_all() or RELEASE_ALL_LOCKS() inside a function, procedure or DO block): another"
                + " run may hold it now, so nothing more of this run is written, and the migration's transaction, where it"
                + " has one, is rolled back. Run 'dbshift status' once no other run is running, remove the release from the"
                + " migration, and run 'dbshift up' again");
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
