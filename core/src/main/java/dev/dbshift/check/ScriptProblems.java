package dev.dbshift.check;

import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in problems: the scripts against the history. Applied scripts edited since
 * ({@code checksum_changed}), applied migrations whose scripts are gone ({@code script_missing}),
 * versions defined twice ({@code duplicate_version}), pending versions below the highest applied
 * one, which is what a history forked by two branches looks like ({@code out_of_order}, unless
 * {@code out_of_order} is allowed), migrations whose last try left what its rollback could not undo, or that an
 * offline script began and stopped inside ({@code rows_stayed}: {@code up} stops at them), and, when asked, migrations
 * not applied yet ({@code pending}).
 */
public final class ScriptProblems implements ProblemSource {
    private final boolean noPending;

    public ScriptProblems(boolean noPending) {
        this.noPending = noPending;
    }

    @Override
    public List<Problem> problems(CheckInput input) {
        Planner planner = new Planner(input.migrations(), input.state());
        List<Problem> problems = new ArrayList<>(planner.validate(input.settings().outOfOrder()));
        problems.addAll(planner.missingScripts());
        // what up stops at whatever else is pending: a migration whose last try left statements that stay
        problems.addAll(planner.rowsStayed());
        if (noPending) {
            for (MigrationStatus m : planner.status()) {
                if (m.state().toApply()) {
                    problems.add(new Problem("pending", m.version(), (m.version() == null ? "repeatable migration '"
                            + m.description() + "'" : "version " + m.version() + " (" + m.description() + ")")
                            + " is not applied (" + m.state().label() + ")"));
                }
            }
        }
        return problems;
    }
}
