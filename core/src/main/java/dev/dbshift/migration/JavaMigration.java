package dev.dbshift.migration;

import java.sql.Connection;

/**
 * A migration written in Java, for changes SQL cannot express (data transformations that call
 * application code). Register instances with {@code DbShift.configure().javaMigrations(...)} or
 * list the classes in {@code META-INF/services/dev.dbshift.migration.JavaMigration}.
 *
 * <p>The connection is in the migration's transaction where the database supports transactional
 * DDL; do not commit or close it.
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

    /** A checksum to detect edits (e.g. of a bundled resource); null means none is recorded. */
    default String checksum() {
        return null;
    }
}
