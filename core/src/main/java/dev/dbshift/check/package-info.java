/**
 * {@code check} (alias {@code validate}): a CI gate that lists every problem at once and exits 3.
 *
 * <p>Problems come from {@link dev.dbshift.check.ProblemSource}s, each looking at one thing: the
 * built-in {@link dev.dbshift.check.ScriptProblems} compares scripts with the history (through the
 * pure planner, so {@code up} and {@code check} never disagree), {@link dev.dbshift.check.SchemaDrift}
 * compares the live schema's checksum with the latest one the history recorded, {@link dev.dbshift.check.InvalidIndexes}
 * asks the catalog for indexes a failed build left unusable (which the checksum, counting what an index is, not whether
 * it works, cannot see), squashed ranges
 * that a database applied only in part are reported from {@link dev.dbshift.history.SquashedHistory},
 * scripts not applied yet that cannot run as written come from {@link dev.dbshift.check.ScriptPrecheck}
 * (which {@code up} also runs over its plan before the first step: one class, so {@code check} and
 * {@code up} never disagree about a script),
 * the linter's error-level findings in migrations the next {@code up} applies come from
 * {@link dev.dbshift.check.LintProblems} in the same read of each script ({@link dev.dbshift.check.ProjectLinter}
 * builds the project's linter here, above {@code db/} and {@code config/}, which {@code lint/} sits below),
 * and further sources plug in through {@link java.util.ServiceLoader}. A single
 * validation method growing a branch per concern was rejected: drift needs a connection and a
 * schema reader, the script checks need neither, and each is tested on its own.
 */
package dev.dbshift.check;
