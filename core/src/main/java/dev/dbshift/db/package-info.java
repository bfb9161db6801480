/**
 * The {@link dev.dbshift.db.Database} SPI: everything vendor-specific, behind one small interface
 * per concern, found through {@link java.util.ServiceLoader} by JDBC URL prefix (as golang-migrate
 * drivers are found by URL scheme). Core code never tests for a vendor.
 *
 * <p>Locks: a session-level lock where the server has one (PostgreSQL advisory lock, MySQL
 * {@code GET_LOCK}): the server frees it when the session dies, so a killed process never blocks
 * the next run. H2 and SQLite have no such lock, so {@link dev.dbshift.db.LeaseLocker} keeps a row
 * with an expiry renewed by a heartbeat on a second connection: a live holder keeps it, a dead one
 * loses it after one lease, and at once when it ran on this host (the owner names its process). A
 * lock row without expiry (Liquibase's DATABASECHANGELOGLOCK, which needs a manual release after a
 * crash) was rejected.
 *
 * <p>The session lock is also what makes crash recovery sound: the server finishes (commits or rolls
 * back) a dead client's running statement before it ends the session and frees the lock, so the next
 * run, once it holds the lock, sees the statement's final outcome (tested by killing a run during a
 * long CREATE TABLE ... SELECT on MariaDB and a blocked CREATE INDEX CONCURRENTLY on PostgreSQL).
 * What each vendor knows for that recovery lives here too: which statements can share a transaction
 * with the progress mark ({@code sharesTransactionWithMark}: row changes on MariaDB/InnoDB and H2,
 * anything allowed in a transaction block on PostgreSQL), MySQL's table locks, and catalog lookups
 * ({@code presence}, with {@link dev.dbshift.db.CatalogQuery}: PostgreSQL reports an index left by an
 * interrupted CREATE INDEX CONCURRENTLY as INVALID). SQLite has no lookup yet: its answer is "cannot tell".
 *
 * <p>Connections: {@link dev.dbshift.db.Database#driverClass()} names the vendor's driver, which the
 * facade calls directly; {@code DriverManager} would first initialise every driver on the class path,
 * a visible share of a short command's time.
 *
 * <p>{@code dropAll} (for {@code reset}) is vendor knowledge too: PostgreSQL drops the tables one by one
 * (one CASCADE over thousands of tables runs out of lock slots), then drops and recreates the
 * schema with its owner (which catches types, functions and everything else); MySQL/MariaDB,
 * H2 and SQLite drop objects listed from the catalog, where dropping the database or schema would
 * lose its options or be refused. H2 and SQLite keep their lease table, so the lock held through
 * a reset stays held.
 */
package dev.dbshift.db;
