/**
 * The facade, {@link dev.dbshift.DbShift}: configure once, then call a command. The command line and
 * applications that migrate at start-up use the same methods, so the CLI has no behaviour of its own.
 *
 * <p>Each command opens its own connection and closes it. A long-lived object holding a connection
 * was rejected: an application calls {@code up()} once at start-up, and the CLI once per process,
 * so there is nothing to keep, and a held connection would outlive the migration lock's purpose.
 * Results are plain records ({@link dev.dbshift.execute.Report}, {@link dev.dbshift.StatusReport},
 * {@link dev.dbshift.DryRun}); failures are {@link dev.dbshift.DbShiftException}s whose exit code the
 * CLI passes on (1 failed, 2 bad input, 3 validation, 4 locked, 5 unreachable).
 *
 * <p>The facade keeps the migration commands (up, down, status, history, current, init) and the
 * session machinery; families of commands hang off it as small classes so it never becomes a
 * configuration-and-everything class: {@link dev.dbshift.DbShift#schema()} ({@link
 * dev.dbshift.SchemaCommands}: models, diff, DDL, dump, baseline, new migrations) and {@link
 * dev.dbshift.DbShift#toolbox()} ({@link dev.dbshift.Toolbox}: stamp, skip, rebuild, repair, errors,
 * check, offline SQL, squash, touch, reset).
 */
package dev.dbshift;
