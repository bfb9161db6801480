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
 */
package dev.dbshift.plan;
