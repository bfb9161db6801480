/**
 * MySQL and MariaDB (one implementation: the dialects agree on everything dbshift touches; the
 * MariaDB driver serves both). DDL commits implicitly, so the executor runs statements one by one and
 * records progress. GET_LOCK is the session lock; a schema is a database. Identifiers are quoted in
 * one place ({@link dev.dbshift.db.mysql.MySqlIdentifiers}); the online change engine is {@code online/}.
 */
package dev.dbshift.db.mysql;
