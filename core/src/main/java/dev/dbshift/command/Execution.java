package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.check.ScriptPrecheck;
import dev.dbshift.execute.Executor;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.execute.StepResult;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.SquashedHistory;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Problem;
import dev.dbshift.plan.Step;
import dev.dbshift.plan.ValidationException;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What the commands that run or describe a plan share: the run of one plan, its dry run, and reading squashes as problems. */
final class Execution {
    private Execution() {
    }

    /**
     * Runs {@code plan} as one run row of {@code run}: every script it runs is split first (a bad one
     * refuses with nothing run), then the executor runs it and the run row is closed with the version
     * reached. A failed step throws {@link MigrationFailedException} carrying the report; a cluster node whose schema
     * did not follow throws exit 3 ({@link PeerSchemas}).
     *
     * @param before the applied state {@code plan} was made from (the run's version is derived from it, not read again)
     */
    static Report execute(Run run, Plan plan, String command, String target, AppliedState before) throws SQLException {
        Session s = run.session();
        refuseBadScripts(s, plan);
        plan.warnings().forEach(s.project().listener()::notice);
        long runId = run.begin(command, target, plan.from() == null ? null : plan.from().toString());
        Report report = s.executor(s.project().source(), runId).run(plan);
        try {
            String to = report.success() ? report.toVersion() : reached(before, report);
            run.end(to, report.success());
        } catch (SQLException e) {
            if (report.success()) {
                throw e;
            }
            // the connection died with the migration: say what failed, not that the run could not be closed
            throw new DbShiftException(DbShiftException.FAILED, report.error() + "\n  (the run could not be closed: "
                    + s.settings().secrets().scrub(e.getMessage()) + ")", e);
        }
        if (!report.success()) {
            throw new MigrationFailedException(report);
        }
        PeerSchemas.verify(s, report);
        return report;
    }

    /**
     * The version a failed run left the database at: the versions applied before it, with each step that
     * succeeded applied or reverted in order, then what {@code --on-failure rollback-run} reverted (a failed
     * step's row changes nothing: applied is "the latest successful row is not a rollback").
     */
    static String reached(AppliedState before, Report report) {
        TreeSet<Version> applied = new TreeSet<>();
        before.versions().forEach((v, e) -> {
            if (e.applied()) {
                applied.add(v);
            }
        });
        List<StepResult> done = new ArrayList<>(report.results());
        done.addAll(report.rolledBack());
        for (StepResult r : done) {
            Version v = r.step().migration().version();
            if (r.success() && v != null) {
                if (r.step().action() == Step.Action.REVERT) {
                    applied.remove(v);
                } else {
                    applied.add(v);
                }
            }
        }
        return applied.isEmpty() ? null : applied.last().toString();
    }

    /** Every statement {@code plan} would run, and how, secrets masked. */
    static DryRun describe(Session s, Plan plan) throws SQLException {
        Executor ex = s.executor(s.project().source(), 0);
        List<PlannedStep> steps = new ArrayList<>();
        plan.steps().forEach(st -> steps.add(ex.describe(st)));
        return new DryRun(plan, steps).scrubbed(s.settings().secrets());
    }

    /** Refuses bad scripts of {@code plan} (exit 2, nothing run). */
    static void refuseBadScripts(Session s, Plan plan) {
        new ScriptPrecheck(s.database().scriptDialect(), s.project().source(), s.settings()).refuseBadScripts(plan);
    }

    /**
     * The applied state, for a command about to change the database: a squashed migration whose range
     * this database applied only in part cannot be applied, so stop with exit code 3.
     */
    static AppliedState refusingPartlySquashed(HistoryView history) {
        if (!history.partialSquashes().isEmpty()) {
            throw new ValidationException("nothing was changed, because", problems(history.partialSquashes()));
        }
        return history.state();
    }

    static List<Problem> problems(List<SquashedHistory.Partial> partial) {
        return partial.stream().map(p -> new Problem(p.code(), p.version(), p.message())).toList();
    }
}
