package dev.dbshift.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** Reads the canonical schema model of one schema from the catalog, in bulk. */
public interface SchemaReader {
    /**
     * @param schema       the schema (database, on MySQL) to read
     * @param excludeTables tables left out of the model (the history tables)
     */
    SchemaModel read(Connection connection, String schema, Set<String> excludeTables) throws SQLException;
}
