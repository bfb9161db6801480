/**
 * Pure planning, as Alembic keeps its revision graph free of I/O: (migrations found, applied
 * state, target) gives a {@link dev.dbshift.plan.Plan}, a list of
 * {@link dev.dbshift.plan.Problem}s, or the status of every migration. Nothing here opens a file or
 * a connection, so every rule (targets, out-of-order, checksum changes, missing down scripts,
 * resumes) is tested with plain values.
 *
 * <p>Validation happens before any change: {@code up} refuses with every problem listed, not the
 * first one, so a CI log shows the whole picture at once. Problems carry stable codes for
 * {@code --json}.
 *
 * <p>The operations toolbox plans here too, as pure functions. {@link dev.dbshift.plan.HistoryEdits}
 * gives the rows {@code stamp}, {@code skip} and {@code repair} append: the history stays
 * append-only, so {@code stamp} down to a version writes successful {@code rollback} rows with no
 * script (the run's command says {@code stamp}) and {@code repair} writes {@code repair} rows that
 * change the recorded checksum or close a failed try, and the one rule "applied = latest successful
 * row is not a rollback" keeps holding. Deleting or updating rows (Flyway's repair) was rejected:
 * {@code errors} and {@code trace} must still find every failure.
 * {@link dev.dbshift.plan.RebuildPlanner} and {@link dev.dbshift.plan.RangePlanner} plan
 * {@code rebuild} and offline scripts; {@link dev.dbshift.history.SquashedHistory} (in history/, pure
 * too, so that {@link dev.dbshift.history.HistoryView} can apply it without history/ depending on plan/) is how the history
 * reads after {@code squash}: a view computed on every read rather than rows rewritten at squash
 * time, because squash is a file operation run once on a developer's machine while the databases
 * that applied the range are many and out of its reach.
 */
package dev.dbshift.plan;
