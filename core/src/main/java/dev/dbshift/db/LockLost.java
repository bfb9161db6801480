package dev.dbshift.db;

import dev.dbshift.DbShiftException;

/**
 * This run no longer holds the migration lock: its lease was taken over by another run while this
 * process stalled (SIGSTOP, a long GC pause, a frozen VM). Thrown by a {@link Locker.Fence} before the
 * write it guards; nothing may be written after it, not even a failed history row. Exit code 4.
 */
public final class LockLost extends DbShiftException {
    private static final long serialVersionUID = 1L;

    public LockLost(String message) {
        super(LOCKED, message);
    }
}
