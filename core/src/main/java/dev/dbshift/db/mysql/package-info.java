/**
 * MySQL and MariaDB (one implementation: the dialects agree on everything dbshift touches; the
 * MariaDB driver serves both). DDL commits implicitly, so the executor runs statements one by one and
 * records progress. GET_LOCK is the session lock, except on a Galera node, where it is node-local and the lock is a
 * replicated lease row ({@link dev.dbshift.db.mysql.GaleraLocking}); a schema is a database. Identifiers are quoted in
 * one place ({@link dev.dbshift.db.mysql.MySqlIdentifiers}); the online change engine is {@code online/}.
 *
 * <p>Catalog reads ask {@code information_schema} one table at a time with a constant database (and table) condition,
 * the only condition MariaDB pushes down: any other (a join on columns, the referenced side of a foreign key) makes
 * it open every table on the server. Some tables open every table of the database anyway ({@code STATISTICS} for
 * collation and index type, {@code CHECK_CONSTRAINTS}, {@code REFERENTIAL_CONSTRAINTS}); for foreign keys InnoDB's own
 * dictionary is asked first whether there can be any ({@link dev.dbshift.db.mysql.InnoDbForeignKeys}).
 */
package dev.dbshift.db.mysql;
