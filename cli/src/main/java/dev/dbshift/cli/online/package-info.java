/**
 * {@code dbshift online ...} commands. They parse flags into {@code OnlineOptions}, call
 * {@code OnlineCommands} in core, and render: a progress bar on a terminal,
 * one status line every 10 s otherwise (CI logs stay readable), JSON with {@code --json}. No engine
 * logic lives here, so the library entry point and the CLI cannot drift apart.
 *
 * <p>{@link dev.dbshift.cli.online.OnlineCommand} is a subcommand of the main {@code dbshift}
 * command and takes its connections from the same settings as every other command
 * ({@code dbshift.toml}, {@code -e}, {@code DBSHIFT_*}, {@code --url}), so an online change needs no
 * second way of saying where the database is. Pause, cut-over and abort are requests
 * written to the state table rather than signals to a process, so they work from another host and
 * after the engine's process is gone.
 *
 * <p>The commands reach the engine only through the facade ({@code DbShift.online()}, i.e.
 * {@code OnlineCommands}). Defaults of the flags come from {@code OnlineOptions.defaults()} through
 * {@link dev.dbshift.cli.online.OnlineDefaults}, not numbers of their own, so the command line and
 * the library cannot disagree. A database without an online engine ({@code Database.online()} empty)
 * is refused before any SQL is sent (exit 2), and a run that ends aborted exits 1: an abort is never
 * reported as success.
 */
package dev.dbshift.cli.online;
