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
 * Only the facade (and {@link dev.dbshift.fleet}, which calls the facade once per target and reads the reports it
 * returns, as the CLI does) uses {@code command/}.
 *
 * <p>{@link dev.dbshift.DbShift#forTarget} is the same project aimed at another database: the facade keeps what its
 * settings were loaded from (the flags and environment variables), and loads them again with the target's URL,
 * schema or environment over them, so a fleet's target is configured exactly as {@code dbshift --url ... up} would
 * be. The migrations can be listed once and shared ({@link dev.dbshift.migration.ListedOnce}).
 */
package dev.dbshift;
