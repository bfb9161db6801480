package dev.dbshift.plan;

import dev.dbshift.migration.Version;

import java.util.List;

/**
 * The ordered steps of one command. A dry run prints it; the executor runs it.
 *
 * @param from     the applied version before (null: none)
 * @param to       the applied version after, if every step succeeds (null: none)
 * @param warnings things worth saying that do not stop the command
 */
public record Plan(String command, Target target, Version from, Version to, List<Step> steps, List<String> warnings) {
    public Plan {
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
