/**
 * PostgreSQL: transactional DDL, so a migration and its history row share a transaction. The lock
 * is a session advisory lock polled with pg_try_advisory_lock (the blocking form cannot time out
 * without statement_timeout games); COPY FROM stdin blocks go through the driver's copy API as psql
 * sends them.
 */
package dev.dbshift.db.postgres;
