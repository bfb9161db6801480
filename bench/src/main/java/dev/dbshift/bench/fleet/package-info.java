/**
 * The peer side of {@code bench/fleet/run.sh}: Flyway's Java API looped over a fleet's schemas in one JVM, the
 * way Flyway users migrate tenants today. Sequential on purpose: that is the loop the issue tracker shows users
 * writing; a parallel loop is theirs to build (a pool, a connection bound, a report), which is what
 * {@code dbshift fleet} is.
 */
package dev.dbshift.bench.fleet;
