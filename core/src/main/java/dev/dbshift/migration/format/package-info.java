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
 *
 * <p>Folder and manifest formats (Prisma, Diesel, Sourcegraph, Atlas, Sqitch) follow the same rule with whole
 * files: a manifest setting that changes how a migration runs (Diesel's {@code run_in_transaction = false},
 * Sourcegraph's {@code createIndexConcurrently}) becomes one more script of the migration, the manifest itself with
 * that line turned into {@code -- dbshift:no-transaction} and every other line blank
 * ({@link dev.dbshift.migration.format.EditedLines}), rather than a new field on the migration that every consumer
 * would have to learn; the executor already decides the transaction mode over all of a migration's scripts, and
 * the manifest counts in the checksum, so flipping the setting later shows as an edit. Sqitch's verify scripts
 * are, for the same reason, the last up script of their change rather than a new kind of script: a verify that
 * raises fails the migration in the same transaction as the deploy, with no change to {@code execute/}. A manifest
 * key dbshift cannot honour is refused naming it, never ignored. Integrity files are checked as their tool checks
 * them ({@link dev.dbshift.migration.format.AtlasSum}): a folder the tool would refuse is refused here too.
 */
package dev.dbshift.migration.format;
