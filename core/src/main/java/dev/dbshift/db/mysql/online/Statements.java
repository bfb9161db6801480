package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.online.MySqlOnlineSql.Statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the builders' {@link Statement}s: binds parameters in order, reads key tuples back. */
final class Statements {

    private Statements() {
    }

    static int update(Connection c, Statement s) throws SQLException {
        try (PreparedStatement ps = prepare(c, s)) {
            return ps.executeUpdate();
        }
    }

    /** Runs {@code sql} (one parameter) once per value, as one batch; returns the rows changed. */
    static int batch(Connection c, String sql, List<?> values) throws SQLException {
        if (values.isEmpty()) {
            return 0;
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object v : values) {
                ps.setObject(1, v);
                ps.addBatch();
            }
            for (int r : ps.executeBatch()) {
                n += Math.max(0, r);
            }
        }
        return n;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static List<List<Object>> rows(Connection c, Statement s, int columns) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, s); ResultSet rs = ps.executeQuery()) {
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

    static PreparedStatement prepare(Connection c, Statement s) throws SQLException {
        PreparedStatement ps = c.prepareStatement(s.sql());
        int i = 1;
        for (Object p : s.params()) {
            ps.setObject(i++, p);
        }
        return ps;
    }
}
