package dev.dbshift.command;

import java.util.List;

/** What {@code reset --dry-run} would do. */
public record ResetPlan(String schema, List<String> initScripts, DryRun up) {
}
