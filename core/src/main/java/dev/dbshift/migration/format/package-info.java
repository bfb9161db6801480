/**
 * Other tools' migration layouts, read as they are: each class is one tool's
 * {@link dev.dbshift.migration.MigrationFormat}, and {@link dev.dbshift.migration.format.MigrationFormats}
 * lists them in detection order.
 *
 * <p>Why formats only translate and never execute: a team switching tools must keep every guarantee
 * dbshift gives its own files (checksums, transactions where the engine allows, progress marks and
 * resume, placeholders, lint), and the cheapest way to be sure of that is that there is one executor.
 * A single-file format (goose, dbmate, sql-migrate, Liquibase formatted SQL) becomes
 * {@link dev.dbshift.migration.Section}s whose text is dbshift's own script text on the file's own
 * line numbers, so errors name the file and line the user wrote; a tool's markers that mean something
 * to dbshift become its {@code -- dbshift:} directives on the same line. Each migration carries the
 * tool's own name for it ({@link dev.dbshift.migration.MigrationRef#foreignId()}), which is how
 * {@code adopt} matches that tool's history rows.
 */
package dev.dbshift.migration.format;
