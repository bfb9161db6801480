/**
 * Schema introspection speed: dbshift's bulk catalog readers against Liquibase 4's snapshot of the
 * same schema, in the same process, on the same connection, one after the other.
 *
 * <p>A plain program rather than a JMH benchmark: one read of a 1,000-table schema takes from a
 * fraction of a second to minutes, so JIT noise that JMH exists to tame is small next to it, and a
 * JMH fork per peer would double the (slow) schema creation. Each tool gets warm-up runs first, then
 * the median of the timed runs is reported. Rejected: comparing with {@code pg_dump --schema-only}
 * (a different job: it prints DDL, it does not build a model a program can diff).
 */
package dev.dbshift.bench.schema;
