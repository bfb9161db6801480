package dev.dbshift.db.mysql;

import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the built-in dump of a MariaDB/MySQL database carries beside the model, as mariadb-dump does: the comments of
 * its tables and columns. A column's comment cannot be set alone: the column is written again whole, as the server's
 * own {@code SHOW CREATE TABLE} defines it, comment included ({@code ALTER TABLE ... MODIFY COLUMN}, which changes no
 * row when only the comment differs).
 */
final class MySqlDumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> after(Connection c, String schema, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> commented = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select c.TABLE_NAME, c.COLUMN_NAME from information_schema.COLUMNS c"
                + " join information_schema.TABLES t on t.TABLE_SCHEMA = c.TABLE_SCHEMA and t.TABLE_NAME = c.TABLE_NAME"
                + " where c.TABLE_SCHEMA = ? and t.TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED') and c.COLUMN_COMMENT <> ''"
                + " order by c.TABLE_NAME, c.ORDINAL_POSITION")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    commented.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        for (Map.Entry<String, List<String>> t : commented.entrySet()) {
            List<String> lines = createTableLines(c, schema, t.getKey(), writer);
            List<String> modify = new ArrayList<>();
            for (String column : t.getValue()) {
                String start = "  " + writer.quote(column) + " ";
                lines.stream().filter(l -> l.startsWith(start)).findFirst().ifPresent(l ->
                        modify.add("MODIFY COLUMN " + strip(l)));
            }
            if (!modify.isEmpty()) {
                out.add("ALTER TABLE " + writer.quote(t.getKey()) + " " + String.join(", ", modify));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select TABLE_NAME, TABLE_COMMENT from information_schema.TABLES"
                + " where TABLE_SCHEMA = ? and TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED') and TABLE_COMMENT <> ''"
                + " order by TABLE_NAME")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("ALTER TABLE " + writer.quote(rs.getString(1)) + " COMMENT = " + writer.literal(rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<String> createTableLines(Connection c, String schema, String table, DdlWriter writer) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + writer.quote(schema) + "." + writer.quote(table))) {
            return rs.next() ? List.of(rs.getString(2).split("\n")) : List.of();
        }
    }

    private static String strip(String line) {
        String l = line.strip();
        return l.endsWith(",") ? l.substring(0, l.length() - 1) : l;
    }
}
