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
