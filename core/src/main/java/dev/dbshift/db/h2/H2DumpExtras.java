package dev.dbshift.db.h2;

import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the built-in dump of an H2 schema carries beside the model: the comments (remarks) of its tables, views and
 * columns, and with the rows each identity's and sequence's next value.
 */
final class H2DumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> after(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.TABLE_NAME, t.TABLE_TYPE, t.REMARKS, null, 0"
                + " from INFORMATION_SCHEMA.TABLES t where t.TABLE_SCHEMA = ? and t.REMARKS is not null and t.REMARKS <> ''"
                + " union all select c.TABLE_NAME, null, c.REMARKS, c.COLUMN_NAME, c.ORDINAL_POSITION"
                + " from INFORMATION_SCHEMA.COLUMNS c where c.TABLE_SCHEMA = ? and c.REMARKS is not null and c.REMARKS <> ''"
                + " order by 1, 5")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = writer.quote(rs.getString(1));
                    String column = rs.getString(4);
                    out.add(column != null ? "COMMENT ON COLUMN " + table + "." + writer.quote(column) + " IS " + writer.literal(rs.getString(3))
                            : "COMMENT ON " + ("VIEW".equals(rs.getString(2)) ? "VIEW " : "TABLE ") + table + " IS "
                            + writer.literal(rs.getString(3)));
                }
            }
        }
        if (request.withData()) {
            out.addAll(counters(c, schema, writer));
        }
        return out;
    }

    /**
     * Each identity column's and each sequence's next value as it stands (after the rows the dump had set an identity to
     * follow the highest key loaded, which handed out again the keys of deleted rows, and left a sequence at its start).
     */
    private static List<String> counters(Connection c, String schema, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select TABLE_NAME, COLUMN_NAME, IDENTITY_BASE from INFORMATION_SCHEMA.COLUMNS"
                + " where TABLE_SCHEMA = ? and IS_IDENTITY = 'YES' and IDENTITY_BASE is not null"
                + " union all select SEQUENCE_NAME, null, BASE_VALUE from INFORMATION_SCHEMA.SEQUENCES where SEQUENCE_SCHEMA = ?"
                + " and BASE_VALUE is not null order by 1, 2")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(2) != null
                            ? "ALTER TABLE " + writer.quote(rs.getString(1)) + " ALTER COLUMN " + writer.quote(rs.getString(2))
                            + " RESTART WITH " + rs.getString(3)
                            : "ALTER SEQUENCE " + writer.quote(rs.getString(1)) + " RESTART WITH " + rs.getString(3));
                }
            }
        }
        return out;
    }
}
