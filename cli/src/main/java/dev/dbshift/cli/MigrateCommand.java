package dev.dbshift.cli;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
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

    Main main() {
        return main;
    }

    int migrate(boolean down, String target, boolean dryRun, DbShift.Builder extra) {
        return migrate(down, target, dryRun, extra, null);
    }

    int migrate(boolean down, String target, boolean dryRun, DbShift.Builder extra, java.nio.file.Path backup) {
        Output o = main().output();
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
            return DbShiftException.FAILED;
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
