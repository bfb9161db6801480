package dev.dbshift.command;

import dev.dbshift.MigrationFailedException;
import dev.dbshift.execute.Report;

/** What {@code reset} did: the init scripts' run, then {@code up}'s (a failure of either throws {@link MigrationFailedException}). */
public record ResetReport(String schema, Report init, Report up) {
    public boolean success() {
        return init.success() && (up != null && up.success());
    }
}
