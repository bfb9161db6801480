package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.online.MySqlOnlineSql.Statement;
import dev.dbshift.online.EngineSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Runs the builders' {@link Statement}s: binds parameters in order, reads key tuples back. */
final class Statements {

    private Statements() {
    }

    static int update(Connection c, Statement s) throws SQLException {
        return EngineSql.update(c, s.sql(), s.params());
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
        EngineSql.execute(c, sql);
    }

    static List<List<Object>> rows(Connection c, Statement s, int columns) throws SQLException {
        return EngineSql.rows(c, s.sql(), s.params(), columns);
    }
}
