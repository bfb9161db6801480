package dev.dbshift.db.h2;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the built-in dump of an H2 schema carries beside the model: the comments (remarks) of its views and their
 * columns (a table's and its columns' are the model's), and with the rows each identity's and sequence's next value.
 */
final class H2DumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> after(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        // a view's and its columns' (a table's comments and its columns' are the schema model's)
        String views = "(select v.TABLE_NAME from INFORMATION_SCHEMA.TABLES v where v.TABLE_SCHEMA = ? and v.TABLE_TYPE = 'VIEW')";
        for (String[] r : CatalogQuery.rows(c, "select t.TABLE_NAME, t.REMARKS, null, 0 from INFORMATION_SCHEMA.TABLES t"
                + " where t.TABLE_SCHEMA = ? and t.TABLE_TYPE = 'VIEW' and t.REMARKS is not null and t.REMARKS <> ''"
                + " union all select c.TABLE_NAME, c.REMARKS, c.COLUMN_NAME, c.ORDINAL_POSITION from INFORMATION_SCHEMA.COLUMNS c"
                + " where c.TABLE_SCHEMA = ? and c.TABLE_NAME in " + views + " and c.REMARKS is not null and c.REMARKS <> ''"
                + " order by 1, 4", schema, schema, schema)) {
            String view = writer.quote(r[0]);
            out.add(r[2] != null ? "COMMENT ON COLUMN " + view + "." + writer.quote(r[2]) + " IS " + writer.literal(r[1])
                    : "COMMENT ON VIEW " + view + " IS " + writer.literal(r[1]));
        }
        return out;
    }

    /**
     * Each identity column's and each sequence's next value as it stands (after the rows the dump had set an identity to
     * follow the highest key loaded, which handed out again the keys of deleted rows, and left a sequence at its start).
     */
    @Override
    public List<String> counters(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select TABLE_NAME, COLUMN_NAME, IDENTITY_BASE from INFORMATION_SCHEMA.COLUMNS"
                + " where TABLE_SCHEMA = ? and IS_IDENTITY = 'YES' and IDENTITY_BASE is not null"
                + " union all select SEQUENCE_NAME, null, BASE_VALUE from INFORMATION_SCHEMA.SEQUENCES where SEQUENCE_SCHEMA = ?"
                + " and BASE_VALUE is not null order by 1, 2", schema, schema)) {
            out.add(r[1] != null ? "ALTER TABLE " + writer.quote(r[0]) + " ALTER COLUMN " + writer.quote(r[1]) + " RESTART WITH " + r[2]
                    : "ALTER SEQUENCE " + writer.quote(r[0]) + " RESTART WITH " + r[2]);
        }
        return out;
    }
}
