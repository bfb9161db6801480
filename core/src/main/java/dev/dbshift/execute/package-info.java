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
 */
package dev.dbshift.execute;
