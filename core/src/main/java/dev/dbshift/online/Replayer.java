package dev.dbshift.online;

import java.sql.SQLException;
import java.util.List;

/**
 * Applies the change log to the shadow: each logged key's current row is copied again and exactly
 * the entries read are deleted, in one transaction. Replaying a key is idempotent and order-free.
 */
public interface Replayer {

    /**
     * Replays up to {@code maxBatches} batches of entries up to sequence {@code upToSeq}; returns the
     * number of log entries consumed.
     *
     * @param copiedUpTo last copied key, null when nothing is copied yet (ignored when copyDone)
     * @param copyDone   every key is within the copied range
     * @param locking    sync phase: lock source keys (without waiting) before rewriting them
     */
    long replay(List<Object> copiedUpTo, boolean copyDone, boolean locking, int maxBatches, long upToSeq)
            throws SQLException;

    default long replay(List<Object> copiedUpTo, boolean copyDone, boolean locking, int maxBatches) throws SQLException {
        return replay(copiedUpTo, copyDone, locking, maxBatches, Long.MAX_VALUE);
    }

    /** The highest sequence number in the change log (0 when empty). */
    long lastSeq() throws SQLException;

    /** Deletes up to {@code limit} entries (redundant ones, after the switch to synchronous capture). */
    int discard(int limit) throws SQLException;
}
