package dev.dbshift.db.mysql.online;

import dev.dbshift.online.ColumnMapping;
import dev.dbshift.online.CopiedColumn;
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

/** A table {@code t (id, v)}, its shadow as the engine's own {@code _t_new}, and what the engine reads of them. */
final class OnlineFixture {

    final OnlineChange engine = new MySqlOnlineChange();
    final OnlineNames names;
    final TableShape source;
    final CopyLayout layout;

    OnlineFixture(Connection c, String schema) throws SQLException {
        names = OnlineNames.of(schema, "t");
        sql(c, "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(20) NULL) ENGINE=InnoDB");
        sql(c, "CREATE TABLE " + names.shadow() + " LIKE t");
        source = engine.inspector(c).shape(schema, "t").orElseThrow();
        TableShape shadow = engine.inspector(c).shape(schema, names.shadow()).orElseThrow();
        ColumnMapping mapping = ColumnMapping.derive(source, shadow, Map.of());
        List<String> readAs = new ArrayList<>();
        for (CopiedColumn col : mapping.copied()) {
            readAs.add(engine.readAs(source.column(col.source()).orElseThrow(), shadow.column(col.shadow()).orElseThrow()));
        }
        layout = new CopyLayout(names, "PRIMARY", List.of("id"), List.of("id"), mapping, readAs);
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
