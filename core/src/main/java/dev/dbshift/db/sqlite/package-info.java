/**
 * SQLite: transactional DDL and one schema (main). Several processes may open one file; SQLite's
 * write lock serialises them and a lease row keeps runs apart. The schema reader takes what the pragmas do not say from
 * the {@code CREATE} text SQLite keeps ({@code STRICT}, {@code WITHOUT ROWID}, a column's collation), and an index key's
 * collation from {@code pragma_index_xinfo}, counted only where it is not its column's; a change to either is written as
 * a rebuild of the table, the only way SQLite changes them.
 *
 * <p>{@code PRAGMA foreign_keys} takes effect only outside a transaction, and SQLite ignores it inside one without an
 * error. So a script that sets it runs outside dbshift's transaction or is refused ({@code SqliteScriptDialect}), a
 * rebuild is written with the pragma before its own {@code BEGIN ... COMMIT}, ending, as SQLite's procedure does, with
 * {@code PRAGMA foreign_key_check} of the tables it may have broken keys of, whose rows fail the migration
 * ({@code SqliteDdlWriter}, {@code SqliteDatabase#execute}), and the
 * connection's pragmas are set back after each migration that may have changed them ({@code SqliteDatabase#sessionState}),
 * between migrations, where no transaction is open. {@code case_sensitive_like} cannot be read back, so it is read from
 * what {@code LIKE} does; and since SQLite replaces no function and runs no {@code VACUUM} while a statement is in
 * progress, the query the driver keeps open after an INSERT is closed after each history row
 * ({@code SqliteDatabase#leaveIdle}). A {@code SAVEPOINT} outside a transaction opens the script's own, as SQLite
 * defines it ({@code Database#savepointOpensTransaction}, read by the executor's commit points), and what SQLite
 * refuses in a transaction (that wrote: {@code PRAGMA journal_mode}, {@code PRAGMA wal_checkpoint},
 * {@code PRAGMA synchronous}, {@code DETACH}) runs alone, as {@code VACUUM} does. The connection's pragmas a migration
 * sets end with it ({@code synchronous}, {@code cache_size}, ...), as in the shell's session per file;
 * {@code PRAGMA query_only = ON}, after which the migration could not be recorded, is refused where it is read.
 */
package dev.dbshift.db.sqlite;
