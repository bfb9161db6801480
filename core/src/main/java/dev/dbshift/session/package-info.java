/**
 * What every command does around its work, written once: {@link dev.dbshift.session.Project} (settings,
 * migrations, listener) opens a {@link dev.dbshift.session.Session} (one connection, the
 * {@link dev.dbshift.db.Database} its URL names, the schema, the {@link dev.dbshift.history.HistoryStore},
 * the lock), and a command that writes goes through {@link dev.dbshift.session.Run}: connect, lock, create
 * the history tables, take over interrupted runs ({@link dev.dbshift.session.Takeover}), then one run row
 * per piece of work.
 *
 * <p>Why a bracket object and not a callback ({@code session(write, work -> ...)}, the shape this replaced):
 * the callback had to carry a record of everything a command might want (connection, database, schema,
 * store, user, the session itself) and a flag per variation (take over or not), and the facade and the
 * toolbox called into each other through it. A {@code try (Run run = Run.open(...))} block reads top to
 * bottom, and each variation is a named way to open it. A run row left open by an exception is not closed
 * by the bracket: an unfinished run is how the next run learns this one died, and where it resumes.
 *
 * <p>A writing session first asks the {@link dev.dbshift.db.Database} whether the server is read-only (a
 * replica: {@code read_only}, {@code pg_is_in_recovery()}), and stops with exit 2 before any statement, the
 * schema, the lock or the history tables included. It asks rather than lets the write fail, because on
 * MariaDB {@code read_only} does not stop a user with SUPER: a migration run on a replica by root would
 * succeed there and break replication. In the same question ({@code Database.writeRefusal}, one query on MySQL) it
 * asks whether DDL run here would stay on this server while the history replicates (a Galera node in RSU). Reading
 * sessions do not ask: status and check work on a replica.
 *
 * <p>A reading session on a schema {@code up} has not created yet sees it empty (no history, everything pending) on
 * every vendor. PostgreSQL's search_path takes a schema that does not exist; H2's {@code SET SCHEMA} and MySQL's
 * {@code USE} refuse it, and only their own "does not exist" ({@link dev.dbshift.db.Database#schemaMissing}) makes the
 * session empty. Any other refusal stays an error, and the session does not ask the catalog whether the schema
 * exists instead: MySQL's {@code information_schema} hides a database the user may not use, which would then read as
 * empty. An embedded database (H2, SQLite) whose file is not there is read the same way: a reading session, and any
 * other connection a command only reads through ({@link dev.dbshift.session.Project#connectToRead}: diff's, beside
 * its scratch), connects to an empty one of the same kind in memory ({@link dev.dbshift.db.Database#absentFileStandIn})
 * instead of letting the driver make the file, so a read-only command makes nothing, and says so. A writing command
 * that finds nothing to write there ({@code down} and {@code repair} with nothing applied, {@code adopt} with no other
 * tool's history) reads it so first ({@link dev.dbshift.session.Project#absentFile}) and makes nothing either: the
 * file is made only for a row to write.
 *
 * <p>Every read of the live schema goes through the session's one reader wrapper, so a read that took over a second
 * is said once per command with the database's word on why ({@link dev.dbshift.db.Database#slowSchemaRead}: on
 * MariaDB a {@code table_definition_cache} or {@code table_open_cache} smaller than the schema's tables), whichever
 * command read it (status, check, the checksum after a run, diff).
 *
 * <p>{@link dev.dbshift.session.ConnectionAhead} lets the command line open a command's connection before the command
 * asks for it (connecting is a read-only command's longest wait, and picocli's model and the settings can be built
 * meanwhile). It is handed over only inside {@link dev.dbshift.session.Project#connect}, and only for the same driver URL
 * and credentials, so what a session is connected to is decided where it always was; the guess can cost time, never
 * the target.
 *
 * <p>Every connect to a server is bounded by {@code connect_timeout} (30 s), passed to the vendor's driver as its own
 * limit on the connect and the login ({@link dev.dbshift.db.Database#connectTimeout}): PostgreSQL's driver otherwise waits
 * for ever on a server that takes the connection and never answers, and a CI job or an application start would hang
 * with it. The limit is the driver's, not a timer around the call, so a connect given up on is the driver's to clean up
 * (pgjdbc's connect thread closes a connection that completes after its caller gave up; MariaDB's fails the socket).
 *
 * <p>Connections borrowed from an application's pool ({@link dev.dbshift.session.PooledConnections}) go back with the
 * session they were lent: the capture that sets a session back after each migration ({@code Database.sessionState})
 * is taken when the connection is lent and set back when it is closed. A run changes more of its session than a
 * migration does (psql's time zone and the run's statement timeout, MariaDB's sql_mode, a callback's settings), and a
 * pool lends the connection to the application's next query as it comes back; what cannot be set back is aborted
 * rather than lent again.
 *
 * <p>This package knows no command: it depends on history/, execute/ (the executor decides interrupted
 * statements), db/, config/ and migration/, and commands depend on it.
 */
package dev.dbshift.session;
