package dev.dbshift;

import dev.dbshift.execute.Report;

/**
 * A migration (or an init script, or a down script) failed: what {@code up()}, {@code down()},
 * {@code rebuild} and {@code reset} throw, so that an application migrating at start-up cannot go on
 * with a half-migrated database by forgetting to look at a flag. The run's {@link Report} (which
 * steps ran, the failed one, what {@code --on-failure rollback-run} reverted) stays reachable through
 * {@link #report()}; the message is the report's error. The failure is already in the history. Its exit code is
 * {@link Report#exitCode()}: {@link #LOCKED} when the step could not start for a lock another process holds.
 */
public class MigrationFailedException extends DbShiftException {
    private static final long serialVersionUID = 1L;

    private final transient Report report;

    public MigrationFailedException(Report report) {
        super(report.exitCode(), report.error());
        this.report = report;
    }

    /** The run that failed, as {@code up()} used to return it. */
    public Report report() {
        return report;
    }
}
