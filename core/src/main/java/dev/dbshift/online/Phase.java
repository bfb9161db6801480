package dev.dbshift.online;

/** Where an online change is; stored in the state table so a resumed run continues from there. */
public enum Phase {
    /** Preflight passed; the shadow is being built (a change killed here is started over by resume). */
    PREPARE,
    /**
     * A migration's ALTER running natively on the server (INSTANT / INPLACE): one statement, so the
     * row holds the table's definition before and the one expected after, to tell after a crash
     * whether it completed.
     */
    NATIVE,
    /** Bulk copy in key order while capture triggers log changed keys. */
    COPY,
    /** Copy done: synchronous triggers installed, the remaining change log replayed. */
    SYNC,
    /** Comparing both tables chunk by chunk; mismatching ranges are copied again. */
    CHECKSUM,
    /** In sync and verified, waiting for {@code online cutover} (postponed cut-over). */
    WAIT_CUTOVER,
    /** Swapping the tables. */
    SWAP,
    /** Swapped: dropping triggers, change log and (unless kept) the old table. */
    CLEANUP,
    DONE,
    ABORTED;

    public boolean finished() {
        return this == DONE || this == ABORTED;
    }
}
