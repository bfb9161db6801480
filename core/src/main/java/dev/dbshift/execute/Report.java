package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.plan.Plan;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param results   one per step that was started, in order (a failed step is the last one)
 * @param rolledBack the steps reverted by {@code --on-failure rollback-run}, in the order reverted
 * @param toVersion the applied version afterwards
 */
public record Report(long runId, Plan plan, List<StepResult> results, List<StepResult> rolledBack, boolean success,
                     String fromVersion, String toVersion, String error) {
    public Report {
        results = List.copyOf(results);
        rolledBack = List.copyOf(rolledBack);
    }

    /**
     * What the command line exits with: 0 on success; {@link DbShiftException#LOCKED} when the step that failed
     * could not start for a lock another process holds (see {@link StepResult#exitCode()}); else
     * {@link DbShiftException#FAILED}.
     */
    public int exitCode() {
        if (success) {
            return 0;
        }
        return !results.isEmpty() && results.get(results.size() - 1).exitCode() == DbShiftException.LOCKED
                ? DbShiftException.LOCKED : DbShiftException.FAILED;
    }
}
