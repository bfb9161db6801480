package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.plan.Step;

import java.util.List;

/**
 * What running one step did.
 *
 * @param durationMs the whole step: statements, history row and commit (the history's own
 *                   {@code duration_ms} is measured before its row is written)
 * @param statements how many statements ran in this step (after any skipped by a resume)
 * @param error      null on success; a message naming the file and line
 * @param notes      what the step has to say besides (the online change engine's account of each
 *                   ALTER TABLE it ran); the listener heard them too. Never written to the history: a
 *                   successful row's {@code error_message} stays empty
 * @param exitCode   0 on success; on failure {@link DbShiftException#LOCKED} when the step could not do its work
 *                   because another process holds a lock it needs (the engine lock of a table that a
 *                   {@code -- dbshift:online} statement alters, held by a live or dying online change), so that
 *                   running again later is the way out; else {@link DbShiftException#FAILED}
 * @param rowsStayed true when the failure's rollback could not undo everything (MySQL's MyISAM rows,
 *                   {@code HistoryRow.ROWS_STAYED}): what {@code --on-failure rollback-run} says after it reverted
 *                   the migration depends on it
 */
public record StepResult(Step step, boolean success, long durationMs, int statements, String error, List<String> notes,
                         int exitCode, boolean rowsStayed) {
    public StepResult {
        notes = List.copyOf(notes);
    }

    /** A result whose rollback, if any, undid everything. */
    public StepResult(Step step, boolean success, long durationMs, int statements, String error, List<String> notes,
                      int exitCode) {
        this(step, success, durationMs, statements, error, notes, exitCode, false);
    }

    /** A result whose failure, if any, is an ordinary one ({@link DbShiftException#FAILED}). */
    public StepResult(Step step, boolean success, long durationMs, int statements, String error, List<String> notes) {
        this(step, success, durationMs, statements, error, notes, success ? 0 : DbShiftException.FAILED);
    }

    /** A result with nothing to note. */
    public StepResult(Step step, boolean success, long durationMs, int statements, String error) {
        this(step, success, durationMs, statements, error, List.of());
    }
}
