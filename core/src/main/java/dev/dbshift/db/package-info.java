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
 * yet and {@code schemas} asks for it to be created. H2 and SQLite keep their lease table, so the lock held through
 * a reset stays held.
 */
package dev.dbshift.db;
