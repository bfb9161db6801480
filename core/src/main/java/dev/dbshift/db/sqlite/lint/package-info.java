/**
 * SQLite lint rules. SQLite's ALTER TABLE is small (RENAME, ADD COLUMN, DROP COLUMN since 3.35.0), so what SQLite
 * cannot do fails outright rather than locks: these rules catch it before the migration runs and name the
 * documented twelve-step rebuild. One ALTER TABLE has one action, so {@link dev.dbshift.db.sqlite.lint.SqliteAlterTable}
 * reads the table and that action from the statement's tokens as the sqlite3 shell reads them; no parser is needed.
 */
package dev.dbshift.db.sqlite.lint;
