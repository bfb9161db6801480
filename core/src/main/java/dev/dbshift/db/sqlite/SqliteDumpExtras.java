package dev.dbshift.db.sqlite;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the built-in dump of a SQLite database carries beside the model: with the rows, each AUTOINCREMENT table's
 * counter in {@code sqlite_sequence}, the highest key it ever handed out (after the rows it is the highest loaded, and
 * the keys of deleted rows would be handed out again, which AUTOINCREMENT is there to prevent).
 */
final class SqliteDumpExtras implements JdbcSchemaDump.Extras {

    @Override
    public List<String> counters(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        if (CatalogQuery.first(c, "select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'").isEmpty()) {
            return out;
        }
        for (String[] r : CatalogQuery.rows(c, "select name, seq from sqlite_sequence order by name")) {
            String name = writer.literal(r[0]);
            out.add("DELETE FROM sqlite_sequence WHERE name = " + name);
            out.add("INSERT INTO sqlite_sequence (name, seq) VALUES (" + name + ", " + r[1] + ")");
        }
        return out;
    }
}
