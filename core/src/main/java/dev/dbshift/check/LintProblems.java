package dev.dbshift.check;

import dev.dbshift.DbShiftException;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintReport;
import dev.dbshift.lint.Linter;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.history.AppliedState;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Problem;

import java.sql.SQLException;
import java.util.List;

/**
 * The linter's error-level findings in migrations not applied yet, as problems of code {@value #CODE}: a CI
 * {@code check} fails on the migration that would lock production before anyone runs it. Warnings are the
 * {@code lint} command's to show. A script that cannot be split is {@link ScriptPrecheck}'s problem, not this one's.
 */
public final class LintProblems implements ProblemSource {
    /** The problem code {@code check} reports these under. */
    public static final String CODE = "lint";

    @Override
    public List<Problem> problems(CheckInput input) throws SQLException {
        Linter linter = ProjectLinter.of(input.database(), input.settings(),
                input.database().lintFacts(input.connection(), input.schema()));
        return pending(input.migrations(), input.state()).stream().flatMap(m -> {
            try {
                return linter.lint(input.source(), List.of(m)).stream().filter(f -> f.level() == dev.dbshift.lint.Level.ERROR)
                        .map(f -> problem(m, f));
            } catch (DbShiftException unreadable) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }

    private static Problem problem(MigrationRef m, Finding f) {
        return new Problem(CODE, m.version() == null ? null : m.version().toString(), LintReport.line(f));
    }

    /** The migrations the next {@code up} would apply (out-of-order ones too: allowed, they run), in version order. */
    public static List<MigrationRef> pending(List<MigrationRef> migrations, AppliedState state) {
        return new Planner(migrations, state).status().stream()
                .filter(s -> s.migration() != null && (s.state().toApply() || s.state() == MigrationStatus.State.OUT_OF_ORDER))
                .map(MigrationStatus::migration).toList();
    }
}
