/**
 * Benchmarks against the peer tools, run side by side in one process run so the machine's state
 * is the same for both, and reported as ratios. Peers (Flyway, Liquibase, pt-online-schema-change, squawk)
 * are dependencies of this module only; it is built with {@code -Pbench} and never by the default
 * build or tests. Speed is measured here and never asserted in a unit test.
 */
package dev.dbshift.bench;
