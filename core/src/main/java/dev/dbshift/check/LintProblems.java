package dev.dbshift.check;

import dev.dbshift.history.AppliedState;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintReport;
import dev.dbshift.lint.Linter;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Problem;

import java.util.List;

/**
 * The linter's error-level findings in migrations not applied yet, as problems of code {@value #CODE}: a CI
 * {@code check} fails on the migration that would lock production before anyone runs it. Warnings are the
 * {@code lint} command's to show. {@link ScriptPrecheck} calls it with the texts it read for its own check, so
 * {@code check} still reads each pending script once.
 */
public final class LintProblems {
    /** The problem code {@code check} reports these under. */
    public static final String CODE = "lint";

    private LintProblems() {
    }

    /** The error-level findings of {@code m} (its up scripts' {@code texts} in order) as problems. */
    static List<Problem> of(Linter linter, MigrationRef m, List<String> texts) {
        return linter.lint(m, texts).stream().filter(f -> f.level() == Level.ERROR)
                .map(f -> new Problem(CODE, m.version() == null ? null : m.version().toString(), LintReport.line(f))).toList();
    }

    /** The migrations the next {@code up} would apply (out-of-order ones too: allowed, they run), in version order. */
    public static List<MigrationRef> pending(List<MigrationRef> migrations, AppliedState state) {
        return new Planner(migrations, state).status().stream()
                .filter(s -> s.migration() != null && (s.state().toApply() || s.state() == MigrationStatus.State.OUT_OF_ORDER))
                .map(MigrationStatus::migration).toList();
    }
}
