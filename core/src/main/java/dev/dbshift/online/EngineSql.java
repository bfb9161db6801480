package dev.dbshift.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC plumbing both online engines use: statements with parameters bound in order, rows read back as lists,
 * and the engine transaction that is rolled back and run again when it lost a lock conflict. What counts as a
 * conflict is the vendor's (SQLStates on PostgreSQL; codes and messages on MySQL/MariaDB), so the engines hand it
 * in; the loop, the commit and the rollback are the same everywhere.
 */
public final class EngineSql {

    /** One engine transaction's work, run again after a conflict. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Whether a failed try of an engine transaction is run again ({@code attempt} counts from 1). */
    public interface Retry {
        boolean again(SQLException error, int attempt);
    }

    private EngineSql() {
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public static int update(Connection c, String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** The first {@code columns} columns of every row, as JDBC gives them. */
    public static List<List<Object>> rows(Connection c, String sql, List<?> params, int columns) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    public static PreparedStatement prepare(Connection c, String sql, List<?> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return ps;
    }

    /**
     * Runs one engine transaction and commits it (when the connection is not in autocommit); when it fails, rolls it
     * back, and when {@code retry} says so, runs it again after a pause that grows with the attempts (at most 1 s).
     */
    public static <T> T retrying(Connection c, Retry retry, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.run();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return result;
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone; the original error says more
                    }
                }
                if (!retry.again(e, attempt)) {
                    throw e;
                }
                Pause.millis(Math.min(1000, 10L * attempt * attempt));
            }
        }
    }

    /**
     * A server session for a person: {@code who} (e.g. "connection 12"), from where, what it runs and for how long, and
     * how to end it. {@code row} is host, command ("Query" while it runs a statement, else e.g. "Sleep" or "idle"),
     * seconds in that state, statement; null when the session is gone.
     */
    public static String session(String who, List<Object> row, String end) {
        if (row == null) {
            return who + " (gone)";
        }
        String host = row.get(0) == null ? "" : " from " + row.get(0);
        boolean running = "Query".equals(String.valueOf(row.get(1)));
        return who + host + (running ? ", running for " + row.get(2) + " s: " + row.get(3) : ", idle (" + row.get(1) + ")")
                + "; ended by " + end;
    }
}
