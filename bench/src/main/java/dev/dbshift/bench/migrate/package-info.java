/**
 * The migrate benchmark's Java side: Flyway run as its own process ({@code FlywayMain}, default JVM
 * flags, as its command line would run), the per-run correctness check over JDBC, and a plain-JDBC
 * replay of dbshift's per-migration round trips for profiling. The driver script is
 * {@code bench/migrate/run.sh}.
 *
 * <p>Whole processes, measured with {@code /usr/bin/time}, rather than JMH: what a user waits for is
 * JVM start, class loading, the file scan and the round trips together, and peak RSS is a property
 * of the process. Both tools run in the same invocation, interleaved run by run, so a change in the
 * machine's load hits both, and results are reported as ratios. Every run is checked (tables, history
 * rows) so that a broken run is never reported as a fast one.
 */
package dev.dbshift.bench.migrate;
