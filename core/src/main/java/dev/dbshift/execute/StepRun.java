package dev.dbshift.execute;

import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Step;

import java.time.Instant;
import java.util.List;

/**
 * One step as it starts: what it runs and records, and when it started. A value made per step
 * (instead of per-step fields on the executor), so nothing of one step can leak into the next.
 *
 * @param scripts        the scripts it runs: the up scripts, or the down scripts of a revert
 * @param scriptName     the history's {@code script}
 * @param checksum       the history's {@code checksum} (the up script's; null for a revert)
 * @param recordsSchema  whether its history row records the schema's checksum ({@code schema_checksum})
 */
record StepRun(Step step, Operation operation, List<ScriptRef> scripts, String scriptName, String checksum,
               Instant started, long startNanos, boolean recordsSchema) {

    static StepRun start(Step step, boolean recordsSchema) {
        return start(step, recordsSchema, List.of(), List.of());
    }

    /** A step that runs {@code before} and {@code after} (callback scripts) around the migration's up scripts. */
    static StepRun start(Step step, boolean recordsSchema, List<ScriptRef> before, List<ScriptRef> after) {
        MigrationRef m = step.migration();
        boolean revert = step.action() == Step.Action.REVERT;
        Operation op = revert ? Operation.ROLLBACK
                : step.action() == Step.Action.RESUME ? Operation.APPLY_PARTIAL : Operation.APPLY;
        List<ScriptRef> scripts = revert ? m.down() : m.up();
        if (!revert && (!before.isEmpty() || !after.isEmpty()) && m.java() == null) {
            List<ScriptRef> around = new java.util.ArrayList<>(before);
            around.addAll(scripts);
            around.addAll(after);
            scripts = List.copyOf(around);
        }
        return new StepRun(step, op, scripts, revert ? m.downScriptName() : m.scriptName(),
                revert ? null : m.checksum(), Instant.now(), System.nanoTime(), recordsSchema);
    }

    MigrationRef migration() {
        return step.migration();
    }

    /** The migration's version as the history writes it (null for a repeatable one; its marks use {@link #key()}). */
    String version() {
        return migration().version() == null ? null : migration().version().toString();
    }

    /**
     * What its progress marks name it by ({@link MigrationRef#key()}): the version, or a repeatable's {@code R:} and
     * description; null for an init script, which writes none.
     */
    String key() {
        return migration().key();
    }

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    HistoryRow.Subject subject() {
        MigrationRef m = migration();
        return new HistoryRow.Subject(version(), m.description(), m.kind().code(), operation, scriptName, checksum);
    }

    /** The step's timing for its history row, taking {@code ms} as its duration and now as its end. */
    HistoryRow.Timing timing(long ms, Integer done, String doneChecksum) {
        return new HistoryRow.Timing(started, Instant.now(), ms, done, doneChecksum);
    }

    StepResult succeeded(int ran, List<String> notes) {
        return new StepResult(step, true, elapsedMs(), ran, null, notes);
    }
}
