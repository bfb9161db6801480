package dev.dbshift.migration;

import java.sql.Connection;

/**
 * A migration written in Java, for changes SQL cannot express (data transformations that call
 * application code). Register instances with {@code DbShift.configure().javaMigrations(...)} or
 * list the classes in {@code META-INF/services/dev.dbshift.migration.JavaMigration}.
 *
 * <p>The connection is in the migration's transaction where the database supports transactional
 * DDL; do not commit or close it. It is a wrapper that sees the statements run through it, so that a migration
 * that fails part way is never run again over what it committed ({@code unwrap} gives the driver's connection, whose
 * statements it does not see). It is also the driver's own public interfaces, so a cast
 * ({@code (BaseConnection) connection}) works; a call of their methods counts as a statement whose text is unknown.
 */
public interface JavaMigration {
    /** The version, e.g. {@code "1.4"}. */
    String version();

    String description();

    void up(Connection connection) throws Exception;

    /** True when {@link #down(Connection)} reverts {@link #up(Connection)}. */
    default boolean reversible() {
        return false;
    }

    default void down(Connection connection) throws Exception {
        throw new IllegalStateException(getClass().getName() + " has no down migration");
    }

    /**
     * Why {@link #reversible()} is false, for the refusal of {@code down} (e.g. the change that has no
     * known reverse); null for the default message.
     */
    default String irreversibleBecause() {
        return null;
    }

    /**
     * The statements {@link #up(Connection)} (with {@code down}: {@link #down(Connection)}) would run on
     * this connection's database, without running them: for dry runs, and so the executor decides the
     * transaction as it does for a script (a statement the server refuses in a transaction block, such
     * as PostgreSQL's CREATE INDEX CONCURRENTLY, runs the migration in autocommit). Empty (the default)
     * for a migration whose Java code cannot say before it runs.
     */
    default java.util.Optional<java.util.List<String>> statements(Connection connection, boolean down) throws Exception {
        return java.util.Optional.empty();
    }

    /** A checksum to detect edits (e.g. of a bundled resource); null means none is recorded. */
    default String checksum() {
        return null;
    }
}
