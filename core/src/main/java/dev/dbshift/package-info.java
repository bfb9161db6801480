/**
 * The facade, {@link dev.dbshift.DbShift}: configure once, then call a command. The command line and
 * applications that migrate at start-up use the same methods, so the CLI has no behaviour of its own.
 *
 * <p>Each command opens its own connection and closes it. A long-lived object holding a connection
 * was rejected: an application calls {@code up()} once at start-up, and the CLI once per process,
 * so there is nothing to keep, and a held connection would outlive the migration lock's purpose.
 * Results are plain records ({@link dev.dbshift.execute.Report}, {@link dev.dbshift.command.StatusReport},
 * {@link dev.dbshift.command.DryRun}); failures are {@link dev.dbshift.DbShiftException}s whose exit code the
 * CLI passes on (1 failed, 2 bad input, 3 validation, 4 locked, 5 unreachable).
 *
 * <p>The facade holds the builder and one-line delegations, nothing else: each command lives in a class of
 * {@link dev.dbshift.command} over a {@link dev.dbshift.session.Session}, and families of commands hang
 * off accessors ({@link dev.dbshift.DbShift#schema()}, {@link dev.dbshift.DbShift#historyCommands()},
 * {@link dev.dbshift.DbShift#tools()}) so the facade never becomes a configuration-and-everything class.
 * Only the facade uses {@code command/}.
 */
package dev.dbshift;
