package dev.dbshift;

import dev.dbshift.execute.PlannedStep;
import dev.dbshift.plan.Plan;

import java.util.List;

/** A plan with every statement it would run, and how: what {@code --dry-run} prints. */
public record DryRun(Plan plan, List<PlannedStep> steps) {
    public DryRun {
        steps = List.copyOf(steps);
    }
}
