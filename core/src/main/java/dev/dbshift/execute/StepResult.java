package dev.dbshift.execute;

import dev.dbshift.plan.Step;

/**
 * What running one step did.
 *
 * @param durationMs the whole step: statements, history row and commit (the history's own
 *                   {@code duration_ms} is measured before its row is written)
 * @param statements how many statements ran in this step (after any skipped by a resume)
 * @param error      null on success; a message naming the file and line
 */
public record StepResult(Step step, boolean success, long durationMs, int statements, String error) {
}
