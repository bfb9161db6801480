/**
 * dbshift as Maven goals ({@code mvn dbshift:up}, {@code status}, {@code check}, {@code down}, {@code sql},
 * {@code new}, {@code diff}, {@code lint}): each goal is a thin layer over the {@link dev.dbshift.DbShift} facade,
 * as each CLI command is, so a build gets exactly what the command line does.
 *
 * <p>Settings come from the same sources as the CLI's, in the same order: dbshift.toml in the project folder
 * ({@code ${project.basedir}} or {@code projectDir}), then environment variables, then the flag layer, which here is
 * the plugin's {@code <configuration>} with the command line's {@code -Ddbshift.*} over it
 * ({@link dev.dbshift.maven.CommandLineSettings}). Maven would let the pom win over {@code -D}; a command line that
 * could not override the pom would be a flag silently ignored, so for settings the command line wins. A
 * {@code -Ddbshift.} property that is neither a setting nor a goal parameter is an error, not a no-op.
 *
 * <p>Output is the Maven log, in plain lines: rendering through the CLI would bring picocli (compiled into the CLI
 * jar) into every build's plugin realm, and a build log is read by people, not parsed (use the CLI's {@code --json}
 * for that). Failures map to Maven's two kinds: what the CLI exits 1 or 3 for (a failed migration, with its file and
 * line; a check or lint problem) is a {@code MojoFailureException}, a failed build; bad input, a held lock or an
 * unreachable database is a {@code MojoExecutionException}. No goal binds to a phase: migrating a database is a
 * decision, not a side effect of {@code mvn package}.
 *
 * <p>Passwords: Maven's debug output ({@code mvn -X}) lists every parameter it injects with its value; a masking
 * type does not help, as Maven logs the text it hands to the type's setter. So the parameters that may hold a password
 * ({@code password}, {@code dsn}, {@code toPassword}) are injected as their configuration element, unevaluated
 * ({@code ${dbshift.password}}), and evaluated by the goal; dbshift's own messages never hold one.
 *
 * <p>The plugin carries every JDBC driver the CLI ships, so no {@code <dependencies>} are needed; the project's
 * runtime class path (its compiled classes: Java migrations, {@code classpath:} locations) is put over the plugin's,
 * so run {@code mvn compile dbshift:up} when migrations are Java classes. Rejected: Maven's plugin testing harness
 * (it mocks the session and project); the samples in {@code src/it} run a real Maven against real databases.
 */
package dev.dbshift.maven;
