package dev.dbshift.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes a schema (and with {@code withData}, its rows) to a file the same database can load back.
 * Vendors implement it in {@code db/<vendor>/}: with the vendor's own dump tool when it is on the
 * PATH ({@code pg_dump}, {@code mariadb-dump}), else with {@link JdbcSchemaDump}.
 */
public interface SchemaDump {

    /**
     * What to dump and where.
     *
     * @param jdbcUrl  the URL the connection was opened with (the external tools need host, port, database)
     * @param password may be null; handed to tools through their environment, never their command line
     */
    record Request(String jdbcUrl, String user, String password, String schema, boolean withData, Path file) {
    }

    /** How a dump was made: by which tool, or {@code jdbc}. */
    record Result(String method, Path file) {
    }

    Result dump(Connection connection, Request request) throws SQLException, IOException;
}
