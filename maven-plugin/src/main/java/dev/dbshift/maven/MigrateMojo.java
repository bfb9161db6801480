package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.command.DryRun;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.execute.StepResult;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.SqlStatement;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** What {@code up} and {@code down} share: run or dry-run a plan, log each step, fail the build when one fails. */
abstract class MigrateMojo extends DbShiftMojo {
    /** Log the plan and every statement; execute nothing. */
    @Parameter(property = "dbshift.dryRun", defaultValue = "false")
    boolean dryRun;

    /** up: {@code head} (default, or the VERSION file's version), a version or {@code +N}; down: {@code -N} (default -1), a version or {@code base}. */
    @Parameter(property = "dbshift.target")
    String target;

    /** Runs the command to {@link #target}; a failed migration throws. */
    abstract Report migrate(DbShift db);

    /** The plan of {@link #migrate}, with every statement, executing nothing. */
    abstract DryRun plan(DbShift db);

    @Override
    final void run(DbShift.Builder builder) throws MojoFailureException {
        DbShift db = builder.listener(progress()).load();
        if (dryRun) {
            dryRun(plan(db));
            return;
        }
        Report r;
        try {
            r = migrate(db);
        } catch (MigrationFailedException e) {
            List<String> reverted = e.report().rolledBack().stream().filter(StepResult::success)
                    .map(s -> s.step().migration().label()).toList();
            if (!reverted.isEmpty()) {
                getLog().error("dbshift: the run was rolled back: reverted " + String.join(", ", reverted));
            }
            throw e;
        }
        int n = r.results().size();
        String at = r.toVersion() == null ? "base" : r.toVersion();
        boolean down = n > 0 && r.results().get(0).step().action() == Step.Action.REVERT;
        getLog().info(n == 0 ? "Nothing to do: the database is at " + at + "."
                : (down ? "Reverted " : "Applied ") + n + " migration" + (n == 1 ? "" : "s") + "; the database is now at " + at + ".");
    }

    /** One line per finished step. */
    private ExecutionListener progress() {
        Log log = getLog();
        return new ExecutionListener() {
            @Override
            public void stepFinished(StepResult r, int index, int total) {
                String line = "[" + index + "/" + total + "] " + (r.step().action() == Step.Action.REVERT ? "reverted " : "applied ")
                        + r.step().migration().label();
                if (r.success()) {
                    log.info(line + " (" + r.durationMs() + " ms)");
                } else {
                    log.error(line + ": FAILED");
                }
            }

            @Override
            public void notice(String message) {
                log.info("note: " + message);
            }
        };
    }

    private void dryRun(DryRun d) throws MojoFailureException {
        Log log = getLog();
        var p = d.plan();
        log.info("dry run: " + p.command() + " to " + p.target() + ", " + p.steps().size() + " step(s); nothing is executed");
        p.warnings().forEach(w -> log.warn(w));
        int refused = 0;
        for (PlannedStep ps : d.steps()) {
            log.info("-- " + ps.step().action().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + ps.step().migration().label() + " [" + ps.mode() + "]");
            if (ps.error() != null) {
                refused++;
                log.error("   cannot run: " + ps.error());
            }
            for (PlannedStep.Script s : ps.scripts()) {
                for (SqlStatement q : s.statements()) {
                    log.info("-- " + s.name() + ":" + q.line());
                    q.sql().lines().forEach(log::info);
                }
            }
        }
        if (refused > 0) {
            throw new MojoFailureException("dbshift:" + mojoExecution.getGoal() + ": the plan has " + refused
                    + " step(s) that cannot run (see above)");
        }
    }
}
