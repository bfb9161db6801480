package dev.dbshift.online;

import java.sql.SQLException;

/**
 * Change capture in two modes: during the copy each application write only appends its key to the
 * change log (replayed by a {@link Replayer}); for the short end phase each write applies itself to
 * the shadow in the same transaction, so the swap needs no final drain under a lock. Each step is
 * idempotent (objects created only when missing), so a resumed run simply calls it again.
 */
public interface ChangeCapture {

    void createChangeLog() throws SQLException;

    void installCapture() throws SQLException;

    /** Installs the synchronous capture; when it returns, every write made without it is in the change log. */
    void switchToSync() throws SQLException;

    /**
     * True when {@link #switchToSync} runs DDL on the live table (every application statement
     * queues behind it, and it is slow while the server flushes the copy's writes), so the switch
     * waits for the flushing to settle first; false when the switch is a data change.
     */
    default boolean switchIsDdl() throws SQLException {
        return true;
    }

    /**
     * Switches synchronous capture back to capture only, where the switch is a data change: when it returns, every
     * write that applied itself to the shadow is committed, and every later one is in the change log. Returns false
     * (and changes nothing) where it cannot: the synchronous capture was installed by DDL.
     */
    default boolean switchBackToCapture() throws SQLException {
        return false;
    }
}
