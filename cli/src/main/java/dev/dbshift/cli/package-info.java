/**
 * The {@code dbshift} command line: picocli commands that parse flags into the settings' flag layer,
 * call the {@link dev.dbshift.DbShift} facade, and render the result as a table for people or JSON
 * for programs ({@code --json}). No command has behaviour of its own beyond presentation, so an
 * application calling the library gets exactly what the CLI does.
 *
 * <p>Picocli was chosen for inherited global options (usable before or after the command name),
 * aliases ({@code migrate}, {@code rollback}, …) and generated help with examples; exit codes come
 * from {@link dev.dbshift.DbShiftException#exitCode()}, usage errors exit 2.
 */
package dev.dbshift.cli;
