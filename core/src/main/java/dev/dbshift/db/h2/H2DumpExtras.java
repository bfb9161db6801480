package dev.dbshift.db.h2;

import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the built-in dump of an H2 schema carries beside the model: the comments (remarks) of its tables, views and columns. */
final class H2DumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> after(Connection c, String schema, DdlWriter writer) throws SQLException {
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
        return out;
    }
}
