/**
 * Runs a plan on one locked connection and records every step.
 *
 * <p>Where DDL is transactional (PostgreSQL, H2, SQLite) a migration's statements and its history
 * row commit together: after a crash the database is either before or after the migration, and
 * the history agrees. Where it is not (MySQL/MariaDB, or a script marked
 * {@code -- dbshift:no-transaction}), statements run in autocommit and the run's row records after
 * each one how many are done and a checksum of their text. A failure (or a crash, found by the next
 * run) becomes a failed history row with that count; the next {@code up} skips the statements
 * that ran, after proving by their checksum that they were not edited, and says so. This is the
 * behaviour Flyway lacks (it asks the user to clean up by hand) and it costs one small UPDATE per
 * statement, only on databases that need it and only for scripts of more than one statement.
 *
 * <p>Each script is split twice: once to decide the transaction mode and surface syntax errors
 * before anything runs, once to execute. Both passes stream, so a huge data script never sits in
 * memory.
 *
 * <p>{@link dev.dbshift.execute.OfflineScript} writes a plan as one script for the vendor's own
 * client instead of running it, for databases dbshift cannot reach: the same splitter, the same
 * placeholders and transaction decision, each statement as the client reads it
 * ({@code Database.clientStatement}: {@code DELIMITER} around MySQL compound statements, inline
 * COPY data for psql), and the history rows {@code up} would have written. Generating the script
 * from a recording of a real run was rejected: it needs a database, which is what is missing.
 */
package dev.dbshift.execute;
