/**
 * The {@code dbshift} command line: picocli commands that parse flags into the settings' flag layer,
 * call the {@link dev.dbshift.DbShift} facade, and render the result as a table for people or JSON
 * for programs ({@code --json}). No command has behaviour of its own beyond presentation, so an
 * application calling the library gets exactly what the CLI does.
 *
 * <p>Picocli was chosen for inherited global options (usable before or after the command name),
 * aliases ({@code migrate}, {@code rollback}, …) and generated help with examples; exit codes come
 * from {@link dev.dbshift.DbShiftException#exitCode()}, usage errors exit 2.
 *
 * <p>A command is a short-lived JVM, so its start is most of an everyday command's time: {@code Main} builds the
 * picocli model of the named command only, and {@code Training} is the launcher's training run, which runs read-only
 * commands on the database the user's command line names (the driver's classes are most of what a command loads) so
 * the start-up cache the JVM writes at its exit fits the commands this user runs; without a server, it runs the
 * everyday commands, an apply among them, on a throw-away project of the same embedded kind, which reads none of the
 * user's environment variables ({@code GlobalOptions.withEnvironmentVariables}): they name the user's database. The launcher's JVM flags suit a
 * server's command; {@code EmbeddedHeap} adjusts the one that hurts when the database lives in the command's heap.
 */
package dev.dbshift.cli;
