/**
 * Test support shared by core's and the CLI's tests, published with the conformance kit in core's test-jar
 * ({@code dbshift-core-<version>-tests.jar}). Here and nowhere else: a test class that needs a helper another
 * test class has takes it from this package, never from the other test's statics, so no test depends on how
 * another is written.
 *
 * <p>Real databases only: {@link dev.dbshift.testing.TestDatabase} makes a fresh schema, database or file per
 * test on the servers {@code .ci/run} starts; there is no mock of a database anywhere, because what a migration
 * tool must get right is exactly what a mock would assume (implicit commits, lock semantics, catalog spelling).
 * Every twentieth PostgreSQL schema a JVM drops, it vacuums the catalogs those schemas leave dead rows in: a run
 * creates thousands, and where autovacuum is off the dead rows would slow every catalog read of the runs after it.
 * {@link dev.dbshift.testing.Await} polls for a condition instead of sleeping a fixed time, so a test is as fast
 * as the machine allows and no slower machine makes it flaky; a fixed sleep stays only where the pause is the
 * scenario (a process stalled longer than its lease). {@link dev.dbshift.testing.GaleraCluster} starts a 3-node
 * MariaDB Galera cluster in a temporary folder for the tests that need one, and always kills it. {@link dev.dbshift.testing.Pure} marks the tests that need
 * no server ({@code mvn -Ppure test}). {@link dev.dbshift.testing.Scratch} makes the temporary folders that outlive a
 * test method (projects, launcher homes) and removes them when the JVM exits, so a build leaves {@code /tmp} as it was.
 */
package dev.dbshift.testing;
