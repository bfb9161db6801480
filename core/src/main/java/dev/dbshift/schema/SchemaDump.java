package dev.dbshift.schema;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

        /** {@link #jdbcUrl} as a URI ({@code jdbc:} removed): host, port and database for a dump program. */
        public URI server() {
            return URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        }

        /** The user, when one is given (not null, not empty). */
        public Optional<String> givenUser() {
            return user == null || user.isEmpty() ? Optional.empty() : Optional.of(user);
        }

        /** The environment that hands a given password to a dump program in {@code variable}; empty without one. */
        public Map<String, String> passwordIn(String variable) {
            Map<String, String> env = new HashMap<>();
            if (password != null && !password.isEmpty()) {
                env.put(variable, password);
            }
            return env;
        }
    }

    /** How a dump was made: by which tool, or {@code jdbc}. */
    record Result(String method, Path file) {
    }

    Result dump(Connection connection, Request request) throws SQLException, IOException;

    /** The built-in dump of this vendor, whatever tool {@link #dump} uses, for {@link JdbcSchemaDump#statements}; empty where there is none. */
    default Optional<JdbcSchemaDump> builtIn() {
        return Optional.empty();
    }
}
