/**
 * PostgreSQL: transactional DDL, so a migration and its history row share a transaction. The lock
 * is a session advisory lock polled with pg_try_advisory_lock (the blocking form cannot time out
 * without statement_timeout games); COPY FROM stdin blocks go through the driver's copy API as psql
 * sends them. Safe DDL's {@code lock_timeout} ({@link dev.dbshift.db.postgres.PostgresDdlLocks}) names the
 * sessions holding a statement's tables from {@code pg_locks}; the tables are read from the statement's words
 * and resolved by {@code to_regclass}, so a word that is no table costs nothing and needs no SQL parser.
 */
package dev.dbshift.db.postgres;
