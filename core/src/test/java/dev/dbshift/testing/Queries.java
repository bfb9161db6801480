package dev.dbshift.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What tests read back from a database to check it: a count, one row, a column. */
public final class Queries {
    private Queries() {
    }

    /** The first column of every row of {@code sql}, as text, in order. */
    public static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The first column of the first row of {@code sql}, as a number (a COUNT(*), a MAX(...)). */
    public static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** As {@link #count(Statement, String)}, on a connection of its own. */
    public static long count(DatabaseUnderTest db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            return count(st, sql);
        }
    }

    /** Every column of the first row of {@code sql}. */
    public static List<Object> row(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            List<Object> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getObject(i));
            }
            return out;
        }
    }

    /**
     * Successful {@code apply} rows per version in {@code dbshift_history}; an {@link AssertionError} at a failed row
     * or any other operation (what a run of only {@code up}s on an empty database must leave).
     */
    public static java.util.Map<String, Integer> applies(Statement st) throws SQLException {
        java.util.Map<String, Integer> applies = new java.util.HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT version, operation, success FROM dbshift_history")) {
            while (rs.next()) {
                if (!rs.getBoolean(3) || !"apply".equals(rs.getString(2))) {
                    throw new AssertionError("a history row of version " + rs.getString(1) + " is " + rs.getString(2)
                            + (rs.getBoolean(3) ? "" : ", failed") + ": expected successful applies only");
                }
                applies.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return applies;
    }
}
