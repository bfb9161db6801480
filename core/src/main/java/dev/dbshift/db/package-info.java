/**
 * The {@link dev.dbshift.db.Database} SPI: everything vendor-specific, behind one small interface
 * per concern, found through {@link java.util.ServiceLoader} by JDBC URL prefix (as golang-migrate
 * drivers are found by URL scheme). Core code never tests for a vendor.
 *
 * <p>Locks: a session-level lock where the server has one (PostgreSQL advisory lock, MySQL
 * {@code GET_LOCK}): the server frees it when the session dies, so a killed process never blocks
 * the next run. The session's own statements can free it too ({@code DISCARD ALL}, {@code pg_advisory_unlock_all()},
 * {@code RELEASE_ALL_LOCKS()}): refused where they are read, and, inside a function the scan cannot read, caught by
 * {@link dev.dbshift.db.Locker#heldCheck()}, which the history store passes before each write of a step that calls
 * anything. H2 and SQLite have no lock function, so {@link dev.dbshift.db.LeaseLocker} keeps a
 * lease row (owner, expiry), resting on the database's own locking where there is some:
 * <ul>
 *   <li>A lease alone is not a lock: a holder stalled longer than the lease (SIGSTOP, a GC pause) comes back
 *       after another run took over, and used to apply the migrations a second time. So the lease is a
 *       <em>fencing token</em>: {@link dev.dbshift.db.Locker#fence()} is checked by every write of the run,
 *       in the write's own transaction ({@link dev.dbshift.history.HistoryStore} does it, so the executor
 *       need not know), and a run that lost its lease stops with {@link dev.dbshift.db.LockLost} (exit 4)
 *       before writing anything more.</li>
 *   <li>H2 has row locks that die with their session: a row of the lock table held {@code FOR UPDATE} in an
 *       open transaction on a connection of the locker's own is the lock (embedded, AUTO_SERVER and TCP
 *       server URLs alike). A stalled holder keeps it, a killed one loses it at once; the lease row is then
 *       only the token the fence checks.</li>
 *   <li>SQLite has only its database-wide write lock. Every transaction of the run takes it at BEGIN
 *       (BEGIN IMMEDIATE, through the driver's transaction mode), so the fence's check and the migration it
 *       guards are one serialised write, and a run cannot take the lease over while the holder is inside a
 *       migration. A heartbeat renews the lease between transactions; a run takes an expired lease over only
 *       after seeing it unchanged for a whole lease, so a holder that was merely slow (a commit that waited,
 *       a heartbeat that found the database busy) renews it in time.</li>
 *   <li>Waiting: every attempt waits in the database for a bounded slice (SQLite's busy timeout, H2's
 *       LOCK_TIMEOUT) and a "busy" answer means "try again" until {@code --lock-timeout}, then exit 4:
 *       never SQLITE_BUSY, which used to end a waiting run with exit 1 after the driver's 3 s.</li>
 *   <li>H2 AUTO_SERVER: the driver reconnects an autocommit session whose serving process exited and sends
 *       the statement again, so a lease INSERT can meet its own committed row (a row naming this run is this
 *       run's), and an attempt can meet a session ending under it (tried again, a few times in a row).</li>
 * </ul>
 * A Galera node (MariaDB with {@code wsrep_on}) has {@code GET_LOCK}, but node-local: two runs on two nodes both got it
 * and applied the same migration (GaleraIT, with the plain lock: "Table 't1' already exists"). Its row locks are
 * node-local too, so it takes SQLite's path: the lease row (an InnoDB table the cluster replicates), its heartbeat
 * and its fence, with Galera's certification as the arbiter (of two writes of the row on two nodes, the later one
 * fails with a deadlock error, read as "busy"), and causal reads ({@code wsrep_sync_wait}) so a run sees the history
 * of the run that released the lock on another node. The lock table is looked for before it is created: there even
 * {@code CREATE TABLE IF NOT EXISTS} of a table that exists runs in TOI, and aborted the holder's transaction.
 * A lock row without expiry (Liquibase's DATABASECHANGELOGLOCK, which needs a manual release after a
 * crash) was rejected; so was holding SQLite's write lock for the whole run (it would block every
 * application write for the run's length, and a stopped holder would block them indefinitely).
 *
 * <p>The session lock is also what makes crash recovery sound: the server finishes (commits or rolls
 * back) a dead client's running statement before it ends the session and frees the lock, so the next
 * run, once it holds the lock, sees the statement's final outcome (tested by killing a run during a
 * long CREATE TABLE ... SELECT on MariaDB and a blocked CREATE INDEX CONCURRENTLY on PostgreSQL).
 * What each vendor knows for that recovery lives here too: which statements can share a transaction
 * with the progress mark ({@code sharesTransactionWithMark}: row changes on MariaDB/InnoDB and H2,
 * and by default, where DDL rolls back, anything allowed in a transaction that is not transaction control:
 * SQLite, and PostgreSQL but CALL and DO; on MySQL none while a table keeps its rows through a rollback,
 * {@code rowsKeptThroughRollback} and {@code mayMakeTableThatKeepsRows}: a MyISAM row in a failed group stayed and
 * was written again; the schema's triggers, views and routines are read too, since a trigger may write into another
 * database's such table; where {@code mayKeepRowsThroughRollback}, another database a row change names is asked the same;
 * on PostgreSQL what writes outside the transaction, {@code writesOutsideTransaction} from a statement's text and
 * {@code outsideWrites} with the functions and triggers of the database that do, read once per run),
 * how to roll back a transaction the server may have ended itself ({@code rollback}: SQLite's
 * driver refuses to once a trigger's RAISE(ROLLBACK) has), MySQL's table locks, and catalog lookups
 * ({@code presence}, with {@link dev.dbshift.db.CatalogQuery}: tables, views, indexes, sequences, columns, and on
 * MySQL, PostgreSQL and H2 a table's primary key and named constraints, a foreign key and a check told apart; PostgreSQL
 * reports an index left by an interrupted CREATE INDEX CONCURRENTLY as INVALID), and what a statement refused outside a
 * transaction left that the server does not undo ({@code leftByFailure}: PostgreSQL drops the invalid index of a failed
 * CREATE INDEX CONCURRENTLY, which would refuse the statement run again, and {@code invalidIndexes} lists such indexes
 * for {@code check}). SQLite has no lookup yet: its answer is "cannot tell", which
 * only what runs alone (VACUUM, a journal mode) can still need.
 *
 * <p>Connections: {@link dev.dbshift.db.Database#driverClass()} names the vendor's driver, which the
 * facade calls directly; {@code DriverManager} would first initialise every driver on the class path,
 * a visible share of a short command's time.
 *
 * <p>{@code dropAll} (for {@code reset}) is vendor knowledge too: PostgreSQL drops the tables one by one
 * (one CASCADE over thousands of tables runs out of lock slots), then every other object the catalog
 * lists in the schema by its identity, and never the schema itself: dropping and recreating it lost its
 * ACL and comment, and made pg_dump write {@code CREATE SCHEMA public}, which no new database loads.
 * MySQL/MariaDB, H2 and SQLite drop objects listed from the catalog too, where dropping the database or
 * schema would lose its options or be refused.
 *
 * <p>{@code target(url, schema)} says which database a URL reaches, each vendor normalising its own URL
 * form (default ports, loopback names, PostgreSQL's {@code currentSchema}): the {@code reset} guard compares
 * the command's target with every critical environment's, so another name for prod is still prod.
 * {@code serverUrl} lets MySQL/MariaDB connect without the database a URL names when it does not exist
 * yet and {@code schemas} asks for it to be created.
 *
 * <p>URL facts are vendor knowledge too, so {@code config/} asks for them here: {@code urlForm} says which
 * schemes of other tools' URLs ({@code postgres://}, {@code mysql://}, {@code sqlite:path}) and which default
 * port (5432, 3306: what tells a DSN without scheme) mean this database, and the JDBC URL they become;
 * {@code inProject} resolves an embedded database's relative file against the project folder (H2 only
 * {@code ./} and {@code ../} paths, SQLite any path that is not absolute). {@link dev.dbshift.db.Databases} finds
 * a database by URL, scheme or port among the service-loaded ones, so a new vendor brings its URL forms with it. H2 and SQLite keep their lease table, so the lock held through
 * a reset stays held.
 *
 * <p>Besides locks and recovery, a {@code Database} states its URL facts ({@code urlForm}, {@code inProject},
 * {@code connectionUrl}), its lint rules and the server facts they read ({@code lintRules}, {@code lintFacts}), and
 * its online change engine ({@code online}): so {@code config/}, {@code lint/} and {@code online/} stay free of
 * vendor names, and this package sits above {@code lint/} and {@code online/} (their SPIs are what it returns).
 * Likewise its DDL lock timeout ({@code ddlLocks}, {@link dev.dbshift.db.DdlLocks}: a vendor-neutral role the
 * executor drives, so the retry policy is written once and a vendor only says how to limit, recognise and explain
 * a lock wait), its statement timeout ({@code statementTimeout}) and how a Unix socket reaches it ({@code socketUrl}).
 * Two cluster questions are the vendor's too: whether a write here must be refused ({@code writeRefusal}: a replica,
 * or DDL that would stay on this node), and the other nodes of a multi-primary cluster whose schema a run that
 * changed it compares with its own ({@code clusterPeers}, {@code preparePeer}).
 *
 * <p>Replays and sessions are the vendor's as well, because only the vendor knows what in its SQL reaches past a
 * place. A scratch replay of committed migrations ({@code scratch}, {@code createScratch}, {@code scratchInPlace})
 * runs in a database of its own where the vendor has one to spare, since then nothing a migration names can reach the
 * live schema; where it has not, {@code replayGuard} refuses before anything runs a script that would. A text guard
 * is the fallback and not the rule: it reads lines, not statements, and dynamic SQL escapes it. A run's migrations
 * share one connection, so {@code sessionState} sets back what a migration changed in it before the next, {@code keep}
 * does the same by name for what the server lists nowhere (user variables, PostgreSQL's custom settings), and
 * {@code readyForScripts} takes off what the driver added that the vendor's own client would not have. The same
 * capture sets back a connection borrowed from an application's pool before it goes back.
 */
package dev.dbshift.db;
