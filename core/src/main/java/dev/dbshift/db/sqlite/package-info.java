/**
 * SQLite: transactional DDL and one schema (main). Several processes may open one file; SQLite's
 * write lock serialises them and a lease row keeps runs apart. The schema reader takes what the pragmas do not say from
 * the {@code CREATE} text SQLite keeps ({@code STRICT}, {@code WITHOUT ROWID}, a column's collation), and an index key's
 * collation from {@code pragma_index_xinfo}, counted only where it is not its column's; a change to either is written as
 * a rebuild of the table, the only way SQLite changes them.
 */
package dev.dbshift.db.sqlite;
