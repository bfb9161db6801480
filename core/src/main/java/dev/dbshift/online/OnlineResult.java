package dev.dbshift.online;

import java.time.Duration;

/**
 * What an online change did; {@link #description()} is what a history row records.
 *
 * @param schema         database
 * @param table          table
 * @param method         {@code instant}, {@code inplace} or {@code copy}
 * @param outcome        final phase: DONE, ABORTED, or WAIT_CUTOVER when the swap is postponed
 * @param rowsCopied     rows copied by the copy engine
 * @param replayed       change-log entries replayed
 * @param checksumChunks chunks compared before the swap
 * @param recopied       ranges copied again after a checksum mismatch
 * @param swapAttempts   attempts the swap took
 * @param duration       wall time of this run
 * @param oldTable       name of the kept original table, or null
 * @param finishedEarlier the change of this migration statement had already been finished (by {@code online
 *                       resume} or {@code online cutover} after a crash) and was not run again
 * @param rested         how long this run's copy rested between chunks for the nice ratio
 */
public record OnlineResult(String schema, String table, String method, Phase outcome, long rowsCopied, long replayed,
                           long checksumChunks, long recopied, int swapAttempts, Duration duration, String oldTable,
                           boolean finishedEarlier, Duration rested) {

    public OnlineResult(String schema, String table, String method, Phase outcome, long rowsCopied, long replayed,
                        long checksumChunks, long recopied, int swapAttempts, Duration duration, String oldTable) {
        this(schema, table, method, outcome, rowsCopied, replayed, checksumChunks, recopied, swapAttempts, duration, oldTable, false);
    }

    public OnlineResult(String schema, String table, String method, Phase outcome, long rowsCopied, long replayed,
                        long checksumChunks, long recopied, int swapAttempts, Duration duration, String oldTable,
                        boolean finishedEarlier) {
        this(schema, table, method, outcome, rowsCopied, replayed, checksumChunks, recopied, swapAttempts, duration, oldTable,
                finishedEarlier, Duration.ZERO);
    }

    public String description() {
        if (finishedEarlier && !method.equals("copy")) {
            return "online " + method + " ALTER of " + table + ": finished earlier (by the interrupted run); not run again";
        }
        if (finishedEarlier) {
            return "online copy of " + table + ": finished earlier (online resume or cutover after an interrupted run), "
                    + rowsCopied + " rows copied then; not run again";
        }
        if (!method.equals("copy")) {
            return "online " + method + " ALTER of " + table + " in " + duration.toMillis() + " ms";
        }
        return "online copy of " + table + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT) + ", " + rowsCopied
                + " rows copied, " + replayed + " changes replayed, " + checksumChunks + " chunks checksummed, "
                + recopied + " re-copied, swap after " + swapAttempts + " attempt(s), " + duration.toMillis() + " ms"
                + (rested.isZero() ? "" : " (of which the copy rested " + rested.toMillis() + " ms for the nice ratio)")
                + (oldTable == null ? "" : ", original kept as " + oldTable);
    }
}
