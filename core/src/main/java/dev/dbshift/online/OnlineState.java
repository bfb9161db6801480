package dev.dbshift.online;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One row of the state table: where a change is and what it was asked to do.
 *
 * @param schema           database
 * @param table            the table being changed
 * @param spec             the ALTER specification
 * @param options          the options a resumed run needs, as {@code key=value} lines
 * @param phase            current phase
 * @param copiedUpTo       key of the last copied row (inclusive); null before the first chunk
 * @param copyDone         every row up to the end of the table is copied
 * @param rowsCopied       rows copied so far
 * @param rowsEstimate     rows the server estimated at the start
 * @param paused           a user asked to pause
 * @param abortRequested   a user asked to abort
 * @param cutoverRequested a user allowed the postponed cut-over
 * @param startedAt        start time (server clock)
 * @param updatedAt        time of the last checkpoint (server clock)
 * @param message          last error or note
 * @param owner            the migration statement that started the change ({@link ChangeOwner}); null when
 *                         started by {@code online alter}
 */
public record OnlineState(String schema, String table, String spec, String options, Phase phase, List<Object> copiedUpTo,
                          boolean copyDone, long rowsCopied, long rowsEstimate, boolean paused, boolean abortRequested,
                          boolean cutoverRequested, LocalDateTime startedAt, LocalDateTime updatedAt, String message,
                          ChangeOwner owner) {

    /** Share of the estimated rows copied, 0..1. */
    public double fraction() {
        if (copyDone) {
            return 1.0;
        }
        return rowsEstimate <= 0 ? 0.0 : Math.min(1.0, rowsCopied / (double) rowsEstimate);
    }
}
