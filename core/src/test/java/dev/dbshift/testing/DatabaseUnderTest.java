package dev.dbshift.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One fresh, empty database a test works in, of any {@link dev.dbshift.db.Database} implementation: the
 * in-repository vendors' {@link TestDatabase}, or an outside vendor's own (see {@link
 * dev.dbshift.testing.conformance.DatabaseConformanceKit}). Closing it drops what the test made.
 */
public interface DatabaseUnderTest extends AutoCloseable {
    /** The JDBC URL dbshift is given; it names this database (or schema) only. */
    String url();

    String user();

    String password();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** Runs {@code sql} on a connection of its own, in autocommit. */
    default void exec(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row {@code sql} gives (a {@code COUNT(*)}), on a connection of its own. */
    default long count(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the database (or schema, or file); called once, after the test. */
    @Override
    void close();
}
