/**
 * H2, the embedded default for a first run and for tests of applications. Transactional DDL; no
 * session lock function, so the migration lock is a lease row. In embedded file mode H2 itself lets
 * only one process open the file. Its {@code INFORMATION_SCHEMA} tables are read one at a time, never joined: H2
 * joins two of them by scanning one for each row of the other. An array column's element type is in {@code
 * ELEMENT_TYPES}, read only when {@code COLUMNS} lists an array (its DDL needs it); a dump writes an array's value as
 * {@code ARRAY[...]}, since H2 reads its own text of one ({@code [a, b]}) back as a single element.
 *
 * <p>A scratch replay runs in a database in memory with the live URL's compatibility settings, kept while one
 * connection holds it: a name qualified with the live schema names the copy, and a crash leaves nothing behind.
 *
 * <p>H2's row changes roll back with a progress mark, except a linked table's: H2 writes them into the linked database
 * on a connection of its own, where they commit. A schema with a linked table answers as a MySQL schema with a MyISAM
 * table does ({@code rowsKeptThroughRollback}, read from {@code INFORMATION_SCHEMA.TABLES.STORAGE_TYPE}), so its row
 * changes run alone and are in doubt after a crash rather than run twice. A row change into a linked table is also a
 * write outside the transaction ({@code outsideWrites}, {@link dev.dbshift.db.h2.H2LinkedTables}): H2 sends its rows
 * one by one, so a multi-row INSERT that fails part way leaves its first rows there, and H2 gives no warning of it as
 * MariaDB does for MyISAM; the failure is recorded as one whose rollback could not undo everything.
 */
package dev.dbshift.db.h2;
