package dev.dbshift.cli;

import dev.dbshift.DbShift;
import dev.dbshift.execute.Report;
import dev.dbshift.execute.StepResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What {@code up} and {@code down} share: their common options, run or dry-run, then report. */
abstract class MigrateCommand {
    @ParentCommand
    Main main;

    @Option(names = "--dry-run", description = "Print the plan and every statement; execute nothing.")
    boolean dryRun;

    @Option(names = "--sql", description = "Print the offline SQL script of this plan (history rows included) instead of running it;"
            + " with TARGET as FROM:TO no connection is made.")
    boolean sql;

    @Option(names = "--wait-for-blockers", description = "Before each DDL statement, name the sessions holding locks on its"
            + " tables (PostgreSQL safe DDL).")
    boolean waitForBlockers;

    @Option(names = "--no-safe-ddl", description = "Let DDL wait for its locks as long as the server allows (setting safe_ddl).")
    boolean noSafeDdl;

    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", description = "How long one try of a DDL statement waits"
            + " for its lock (default 2s; setting ddl_lock_timeout).")
    String ddlLockTimeout;

    @Option(names = "--ddl-lock-tries", paramLabel = "N", description = "Tries of a DDL statement (or its migration's"
            + " transaction) before the migration fails (default 10; setting ddl_lock_tries).")
    String ddlLockTries;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "The migration session's statement timeout"
            + " (default 0: none; setting statement_timeout).")
    String statementTimeout;

    @Option(names = "--online-max-lag", paramLabel = "DURATION", description = "-- dbshift:online migrations: pause the"
            + " copy while a replica lags more than this (default 0: lag not looked at; setting online_max_lag).")
    String onlineMaxLag;

    @Option(names = "--online-replica", paramLabel = "URL", description = "A replica --online-max-lag watches (repeatable;"
            + " default: those the primary lists; setting online_replicas).")
    java.util.List<String> onlineReplicas;

    @Option(names = "--online-lag-timeout", paramLabel = "DURATION", description = "Stop the change when a replica's lag"
            + " cannot be measured for this long (default 5m; setting online_lag_timeout).")
    String onlineLagTimeout;

    @Option(names = "--online-row-lock-wait", paramLabel = "DURATION", description = "How long, in all, the checksum of an"
            + " online change waits for rows the application holds before the change stops, kept for online resume"
            + " (default 5m; setting online_row_lock_wait).")
    String onlineRowLockWait;

    @Option(names = "--online-nice-ratio", paramLabel = "RATIO", description = "After each copy chunk of an online change,"
            + " rest this many times its time, 0 to 100 (default 0: no rest; setting online_nice_ratio).")
    String onlineNiceRatio;

    Main main() {
        return main;
    }

    /** The safe DDL options given on the command line, over the settings. */
    private void safeDdl(DbShift.Builder b) {
        if (waitForBlockers) {
            b.set("wait_for_blockers", true);
        }
        if (noSafeDdl) {
            b.set("safe_ddl", false);
        }
        if (ddlLockTimeout != null) {
            b.set("ddl_lock_timeout", ddlLockTimeout);
        }
        if (ddlLockTries != null) {
            b.set("ddl_lock_tries", ddlLockTries);
        }
        if (statementTimeout != null) {
            b.set("statement_timeout", statementTimeout);
        }
        if (onlineMaxLag != null) {
            b.set("online_max_lag", onlineMaxLag);
        }
        if (onlineReplicas != null) {
            b.set("online_replicas", onlineReplicas);
        }
        if (onlineRowLockWait != null) {
            b.set("online_row_lock_wait", onlineRowLockWait);
        }
        if (onlineLagTimeout != null) {
            b.set("online_lag_timeout", onlineLagTimeout);
        }
        if (onlineNiceRatio != null) {
            b.set("online_nice_ratio", onlineNiceRatio);
        }
    }

    int migrate(boolean down, String target, boolean dryRun, DbShift.Builder extra) {
        return migrate(down, target, dryRun, extra, null);
    }

    int migrate(boolean down, String target, boolean dryRun, DbShift.Builder extra, java.nio.file.Path backup) {
        Output o = main().output();
        safeDdl(extra);
        DbShift db = extra.load().withListener(Render.progress(o));
        if (dryRun) {
            return Render.dryRun(o, down ? db.planDown(target) : db.planUp(target));
        }
        Report r = Render.ran(o, () -> down ? db.down(target) : db.up(target, backup));
        if (!r.success()) {
            if (r.rolledBack().stream().anyMatch(StepResult::success)) {
                o.error("dbshift: the run was rolled back: reverted " + String.join(", ",
                        r.rolledBack().stream().filter(StepResult::success).map(s -> s.step().migration().label()).toList()));
            }
            return r.exitCode();
        }
        int n = r.results().size();
        if (n == 0) {
            o.say("Nothing to do: the database is at " + (r.toVersion() == null ? "base" : r.toVersion()) + ".");
        } else {
            o.say((down ? "Reverted " : "Applied ") + n + " migration" + (n == 1 ? "" : "s") + "; the database is now at "
                    + (r.toVersion() == null ? "base" : r.toVersion()) + ".");
        }
        return 0;
    }
}
