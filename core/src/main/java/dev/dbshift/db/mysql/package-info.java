/**
 * MySQL and MariaDB (one implementation: the dialects agree on everything dbshift touches; the
 * MariaDB driver serves both). DDL commits implicitly, so the executor runs statements one by one and
 * records progress. GET_LOCK is the session lock, except on a Galera node, where it is node-local and the lock is a
 * replicated lease row ({@link dev.dbshift.db.mysql.GaleraLocking}); a schema is a database. Identifiers are quoted in
 * one place ({@link dev.dbshift.db.mysql.MySqlIdentifiers}); the online change engine is {@code online/}.
 */
package dev.dbshift.db.mysql;
