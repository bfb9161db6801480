package dev.dbshift.db.sqlite;

import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQLite dumps with the built-in {@link JdbcSchemaDump}; the file also loads with the sqlite3 shell.
 * Rejected: the sqlite3 shell's {@code .dump}, often not installed next to an embedded database.
 */
public final class SqliteSchemaDump implements SchemaDump {
    public SqliteSchemaDump() {
    }

    @Override
    public Result dump(Connection connection, Request request) throws SQLException, IOException {
        return builtIn().orElseThrow().dump(connection, request);
    }

    @Override
    public java.util.Optional<JdbcSchemaDump> builtIn() {
        return java.util.Optional.of(JdbcSchemaDump.valuesAsStored(new SqliteSchemaReader(), new SqliteDdlWriter(), new SqliteDumpExtras()));
    }
}
