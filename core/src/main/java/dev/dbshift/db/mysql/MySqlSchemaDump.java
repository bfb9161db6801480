package dev.dbshift.db.mysql;

import dev.dbshift.schema.CommandOnPath;
import dev.dbshift.schema.ExternalCommand;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dumps one MariaDB/MySQL database with {@code mariadb-dump} (or {@code mysqldump}) when on the
 * PATH: one consistent snapshot ({@code --single-transaction}), routines, triggers and events included (the tool
 * leaves events out unless told, and a backup restored without them silently stops the jobs they ran),
 * no CREATE DATABASE, so it loads into any database. Else, or when the tool fails, the built-in
 * {@link JdbcSchemaDump}.
 */
public final class MySqlSchemaDump implements SchemaDump {
    private final Optional<Path> tool;

    public MySqlSchemaDump() {
        this(CommandOnPath.find("mariadb-dump", "mysqldump"));
    }

    /** @param tool the dump program to use; empty for the built-in dump */
    public MySqlSchemaDump(Optional<Path> tool) {
        this.tool = tool;
    }

    @Override
    public Result dump(Connection connection, Request request) throws SQLException, IOException {
        if (tool.isPresent()) {
            URI uri = request.server();
            List<String> command = new ArrayList<>(List.of(tool.get().toString(), "--single-transaction", "--routines",
                    "--triggers", "--events", "--skip-dump-date", "--result-file=" + request.file().toAbsolutePath()));
            if (!request.withData()) {
                command.add("--no-data");
            }
            if (uri.getHost() != null) {
                command.add("--host=" + uri.getHost());
                command.add("--protocol=tcp");
            }
            if (uri.getPort() > 0) {
                command.add("--port=" + uri.getPort());
            }
            request.givenUser().ifPresent(user -> command.add("--user=" + user));
            command.add(request.schema());
            ExternalCommand.Outcome outcome = new ExternalCommand(command, request.passwordIn("MYSQL_PWD")).run();
            String name = tool.get().getFileName().toString();
            return outcome.succeeded() ? new Result(name, request.file())
                    : jdbc().insteadOf(name, outcome.errors(), connection, request);
        }
        return jdbc().dump(connection, request);
    }

    @Override
    public Optional<JdbcSchemaDump> builtIn() {
        return Optional.of(jdbc());
    }

    private static JdbcSchemaDump jdbc() {
        return new JdbcSchemaDump(new MySqlSchemaReader(), new MySqlDdlWriter(), new MySqlDumpExtras());
    }
}
