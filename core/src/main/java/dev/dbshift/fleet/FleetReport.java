package dev.dbshift.fleet;

import dev.dbshift.DbShiftException;

import java.time.Duration;
import java.util.List;

/**
 * What a fleet did: one outcome per target, in the fleet's order.
 *
 * @param goal      the goal and the migrations it was reached with (what a rerun compares to skip done targets)
 * @param stopped   why the rollout stopped before the end, or null
 * @param peakRunning the most targets that ran at once
 */
public record FleetReport(FleetCommand command, String goal, List<TargetOutcome> outcomes, String stopped, Duration elapsed,
                          int peakRunning) {
    public FleetReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(TargetOutcome.State state) {
        return outcomes.stream().filter(o -> o.state() == state).count();
    }

    public boolean allDone() {
        return outcomes.stream().allMatch(TargetOutcome::done);
    }

    /**
     * 0: every target at the goal; 3: some target's state cannot be known, or a check or lint found problems
     * (the exit code the single command gave there); else 1.
     */
    public int exitCode() {
        if (allDone()) {
            return 0;
        }
        return outcomes.stream().anyMatch(o -> o.exitCode() == DbShiftException.VALIDATION) ? DbShiftException.VALIDATION
                : DbShiftException.FAILED;
    }
}
