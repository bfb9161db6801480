/**
 * What dbshift's watch of a Java migration's statements costs (the wrapper that keeps a migration that fails part way
 * from being run again over what it committed): one Java migration of many single-row INSERTs run by dbshift, by
 * Flyway, and by plain JDBC on one connection, in one JVM, interleaved run by run, reported as ratios. In one JVM
 * rather than whole processes: the cost is per statement, and start-up would hide it.
 */
package dev.dbshift.bench.java;
