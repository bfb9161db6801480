package dev.dbshift.db.mysql.online;

import dev.dbshift.online.ColumnMapping;
import dev.dbshift.online.CopyLayout;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.TableShape;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table {@code t (id, v)} (or columns of a test's own, keyed by {@code id}), its shadow as the engine's own
 * {@code _t_new} (changed by an ALTER of the test's when given), and what the engine reads of them.
 */
final class OnlineFixture {

    final OnlineChange engine = new MySqlOnlineChange();
    final OnlineNames names;
    final TableShape source;
    final CopyLayout layout;

    OnlineFixture(Connection c, String schema) throws SQLException {
        this(c, schema, "id INT NOT NULL PRIMARY KEY, v VARCHAR(20) NULL", null);
    }

    /** @param shadowChange what follows {@code ALTER TABLE <shadow>}, or null for a shadow like the table */
    OnlineFixture(Connection c, String schema, String columns, String shadowChange) throws SQLException {
        names = OnlineNames.of(schema, "t");
        sql(c, "CREATE TABLE t (" + columns + ") ENGINE=InnoDB");
        sql(c, "CREATE TABLE " + names.shadow() + " LIKE t");
        if (shadowChange != null) {
            sql(c, "ALTER TABLE " + names.shadow() + " " + shadowChange);
        }
        source = engine.inspector(c).shape(schema, "t").orElseThrow();
        TableShape shadow = engine.inspector(c).shape(schema, names.shadow()).orElseThrow();
        layout = CopyLayout.derive(engine, names, "PRIMARY", List.of("id"), List.of("id"),
                ColumnMapping.derive(source, shadow, Map.of()), source, shadow, column -> java.util.Optional.empty());
    }

    static void sql(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Every row of a table as "id=v", in key order. */
    static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, v FROM `" + table + "` ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
