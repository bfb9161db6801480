/**
 * MySQL and MariaDB (one implementation: the dialects agree on everything dbshift touches; the
 * MariaDB driver serves both). DDL commits implicitly, so the executor runs statements one by one and
 * records progress. GET_LOCK is the session lock, except on a Galera node, where it is node-local and the lock is a
 * replicated lease row ({@link dev.dbshift.db.mysql.GaleraLocking}); a schema is a database. A Galera node names the
 * other nodes ({@link dev.dbshift.db.mysql.GaleraAddresses}, the addresses they report), so a run and an online change
 * can see on each that their DDL took effect there: a node's applier goes on without a DDL statement that failed. Identifiers are quoted in
 * one place ({@link dev.dbshift.db.mysql.MySqlIdentifiers}); the online change engine is {@code online/}.
 *
 * <p>Catalog reads ask {@code information_schema} one table at a time with a constant database (and table) condition,
 * the only condition MariaDB pushes down: any other (a join on columns, the referenced side of a foreign key) makes
 * it open every table on the server. Some tables open every table of the database anyway ({@code STATISTICS} for
 * collation and index type, {@code CHECK_CONSTRAINTS}, {@code REFERENTIAL_CONSTRAINTS}, {@code VIEWS}); where a cheaper
 * read can say there is nothing to find, it is asked first: {@code VIEWS} only when {@code TABLES} lists a view, and for
 * foreign keys InnoDB's own dictionary ({@link dev.dbshift.db.mysql.InnoDbForeignKeys}). Opening a table
 * is cheap while its definition is in {@code table_definition_cache}; a schema with more tables than the cache reads
 * every definition from disk in each of those reads (10,000 tables: 5-8 s instead of 1.8 s); one with more tables
 * than {@code table_open_cache} opens every table's handler again in the check constraint and foreign key reads
 * (1.73 s instead of 1.48 s). Those are the server's settings to change, not dbshift's: a slow read says so
 * ({@code MySqlDatabase.slowSchemaRead}). With more tables than {@code table_open_cache}, a read outside a migration's
 * transaction ({@code status}, {@code check}, a dump) runs the check constraint and foreign key column reads on a
 * second connection beside the others, so the server opens the tables on both its cores at once (10,000 tables with
 * the defaults: those reads took 1.3-1.6 s each, one after the other). The command's own connection, which holds its
 * lock and its transaction, stays the only one that writes; the helper only reads the catalog, is opened by URL (never
 * from an application's pool, which the command may have emptied), and if it cannot connect or fails, its reads run on
 * the command's connection as before. A second connection must not add a way to hang: one that does not answer within
 * as long again as the command's connection took for its part (at least 2 s) is aborted and its part read on the
 * command's connection. A read inside a migration's transaction (the checksum after a step) keeps to
 * the command's connection: a helper would read outside that transaction. Events are read from {@code EVENTS}, which
 * reads the server's event table and opens no table of the schema, as the CREATE EVENT that makes each again without
 * its start (a replay elsewhere would start it at another moment). A table's partitioning is the clause its
 * {@code SHOW CREATE TABLE} prints, one statement per partitioned table; which tables are partitioned MySQL 8's
 * {@code TABLES} says from its data dictionary, while MariaDB's opens every table for it ({@code CREATE_OPTIONS}), so
 * MariaDB asks InnoDB's dictionary first ({@link dev.dbshift.db.mysql.InnoDbPartitions}), and {@code TABLES} only where
 * that cannot tell: a table in another engine by its name (up to 20 of them), else, and for a name spelled otherwise on
 * disk or without the PROCESS privilege, the whole database. A system-versioned table
 * ({@code TABLES} types it {@code SYSTEM VERSIONED}) is read as a table that keeps its rows' past versions; the
 * DDL writer turns that on and off with the period columns a table names. A column change on such a table needs
 * {@code system_versioning_alter_history} at {@code KEEP} (the server refuses it otherwise): the writer sets it for that
 * statement alone ({@code SET STATEMENT ... FOR ALTER TABLE ...}), since a {@code SET SESSION} in a migration would
 * change every statement after it; so does an index made or dropped on one, which MariaDB refuses alike. An
 * application-time period ({@code PERIOD FOR p (s, e)}) and a key {@code WITHOUT OVERLAPS} of it have no column in the
 * catalog, which shows the period as a check {@code `s` < `e`} and the key as a plain one: the reader asks {@code SHOW
 * CREATE TABLE} ({@code MySqlSchemaReader.showCreate}, which the partitioning and the dump's commented keys read too) of
 * the tables with a check of that shape alone, none in most schemas. Tables' and columns' comments come in the rows of
 * {@code TABLES} and {@code COLUMNS} the reader reads already (no more tables opened); a column's comment is set only
 * by its whole {@code MODIFY COLUMN}, which also takes it off when written without it.
 *
 * <p>A spatial key is written without the 32-byte prefix MariaDB reads its part back
 * with, which {@code CREATE SPATIAL INDEX} refuses; the model keeps the prefix, so no recorded checksum changes.
 *
 * <p>Scripts run under the server's sql_mode, as the {@code mariadb} client runs them: the driver's handshake asks for
 * {@code IGNORE_SPACE}, which the session that runs a project's scripts takes off again ({@code readyForScripts}).
 * What a migration sets in its session ends with it, as in the client's session per file: {@code MySqlSessionState}
 * reads every settable session variable on MariaDB (a fixed list missed {@code sql_log_bin = 0}, which kept every later
 * migration of the run from the replicas) and sets back what differs, and the user variables a migration's scripts
 * name, which no table lists, are read before it and set back after ({@code keep}: a callback's {@code @tenant} holds
 * for the whole run, a migration's own ends with it); dbshift's own writes and reads in a step run with
 * the run's character sets, time zone, row limit, timeout and read-only default whatever the script set.
 * A scratch replay is a database beside the live one, so it refuses a script naming another database or changing what
 * the whole server shares ({@code replayGuard}).
 */
package dev.dbshift.db.mysql;
