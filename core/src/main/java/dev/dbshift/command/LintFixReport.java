package dev.dbshift.command;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintReport;

import java.util.List;

/**
 * What {@code lint --fix} did: the scripts it rewrote, the findings it fixed, the ones it left (each with why), the
 * follow-up migrations it wrote, and the lint of the pending migrations afterwards.
 *
 * @param rewritten scripts written back, as the project names them
 * @param fixed     findings a rewrite removed
 * @param left      findings with a mechanical rewrite that was not safe here, with the reason
 * @param written   new migration files (a VALIDATE CONSTRAINT in a migration of its own), relative to the project
 * @param after     the lint of the pending migrations after the rewrites (its exit code is the command's)
 */
public record LintFixReport(List<String> rewritten, List<Finding> fixed, List<Left> left, List<String> written,
                            LintReport after) {
    public LintFixReport {
        rewritten = List.copyOf(rewritten);
        fixed = List.copyOf(fixed);
        left = List.copyOf(left);
        written = List.copyOf(written);
    }

    /** A finding {@code lint --fix} did not rewrite, and why. */
    public record Left(Finding finding, String reason) {
    }
}
