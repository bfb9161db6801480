/**
 * JUnit 5 support: {@link dev.dbshift.test.DbShiftTest} migrates a test database before a class's tests,
 * and {@link dev.dbshift.test.MigrationRoundTrip} proves every down script.
 *
 * <p>Why it is built this way. The extension is a thin layer over the public {@link dev.dbshift.DbShift}
 * facade, the same one the command line uses, so a test database is migrated exactly as production is
 * (same settings sources, same history, same lock); it holds no state of its own besides the facade in
 * JUnit's store, so classes running in parallel do not share anything. It migrates in
 * {@code beforeAll} and lets the {@link dev.dbshift.MigrationFailedException} through: JUnit then fails
 * the class with the failed migration's file and line, rather than a later, puzzling test failure.
 * Rejected: a global "migrate once per JVM" cache (static state, and wrong when two classes name two
 * databases); starting database containers (the project's tests run against real servers that
 * {@code .ci/run} starts, and users have their own way).
 *
 * <p>The round trip compares schema checksums from the schema model ({@code dev.dbshift.schema}), the
 * checksum {@code dbshift checksum} prints and the history records, and explains a mismatch with the
 * schema diff ({@code dbshift diff}). Two checks per migration: the down script must give back the
 * schema from before the up, and up, down, up must end where up alone did. The first catches a down that
 * drops too little even when the up is written to tolerate leftovers ({@code IF NOT EXISTS}); the second
 * is the only one possible for the migration that reaches head, because repeatable migrations run then
 * and are not reverted by a down. It reports the first failing migration and stops, because what
 * follows a broken down script is built on a schema nobody meant. Core has no "irreversible" mark on a
 * SQL migration (a Java one says so with {@code reversible()}), so a test declares its irreversible
 * versions; a missing down script otherwise fails, since it is more often forgotten than intended.
 */
package dev.dbshift.test;
