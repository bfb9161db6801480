package dev.dbshift.db.h2;

import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** H2 dumps with the built-in {@link JdbcSchemaDump}; the file also loads with H2's RUNSCRIPT. */
public final class H2SchemaDump implements SchemaDump {
    public H2SchemaDump() {
    }

    @Override
    public Result dump(Connection connection, Request request) throws SQLException, IOException {
        return builtIn().orElseThrow().dump(connection, request);
    }

    @Override
    public java.util.Optional<JdbcSchemaDump> builtIn() {
        return java.util.Optional.of(new JdbcSchemaDump(new H2SchemaReader(), new H2DdlWriter(), new H2DumpExtras()));
    }
}
