package dev.dbshift.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Reads the canonical schema model of one schema from the catalog, in bulk (a fixed number of
 * queries whatever the number of tables). Implementations live in {@code db/<vendor>/}.
 */
public interface SchemaReader {
    /**
     * The model for checksums, drift and diffs: leaves out {@code excludeTables} and every table
     * named {@code dbshift_*}.
     *
     * @param schema        the schema (database, on MySQL; {@code main} on SQLite) to read
     * @param excludeTables tables left out of the model (the history tables), compared without case
     */
    default SchemaModel read(Connection connection, String schema, Set<String> excludeTables) throws SQLException {
        return read(connection, schema, TableFilter.excluding(excludeTables));
    }

    /** The model of the tables {@code filter} includes ({@link TableFilter#everything()} for a dump). */
    SchemaModel read(Connection connection, String schema, TableFilter filter) throws SQLException;
}
