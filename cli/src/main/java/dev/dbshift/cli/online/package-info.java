/**
 * {@code dbshift online ...} commands. They parse flags into {@code OnlineOptions}, call
 * {@code OnlineMigrator} / {@code OnlineControl} in core, and render: a progress bar on a terminal,
 * one status line every 10 s otherwise (CI logs stay readable), JSON with {@code --json}. No engine
 * logic lives here, so the library entry point and the CLI cannot drift apart.
 *
 * <p>{@link dev.dbshift.cli.online.OnlineCommand} is self-contained (its own
 * {@code --url/--user/--password}, falling back to {@code DBSHIFT_URL/USER/PASSWORD}) until the main
 * command registers it; it also accepts a {@code Supplier<ConnectionFactory>} so the main command
 * can hand it connections built from its settings instead. Pause, cut-over and abort are requests
 * written to the state table rather than signals to a process, so they work from another host and
 * after the engine's process is gone.
 */
package dev.dbshift.cli.online;
