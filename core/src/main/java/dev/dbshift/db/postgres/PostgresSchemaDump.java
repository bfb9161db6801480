package dev.dbshift.db.postgres;

import dev.dbshift.schema.CommandOnPath;
import dev.dbshift.schema.ExternalCommand;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dumps one PostgreSQL schema with {@code pg_dump} when it is on the PATH (plain SQL, no owners or
 * privileges, so it loads under another role; the extensions installed in the schema named, which {@code --schema}
 * alone leaves out, pg_dump 14 and later; it creates the schema if it does not exist, so it loads
 * into a new database, {@code public} included, or where the schema was emptied), else, or when pg_dump refuses (a server newer than the client),
 * with the built-in {@link JdbcSchemaDump}.
 */
public final class PostgresSchemaDump implements SchemaDump {
    private final Optional<Path> pgDump;

    public PostgresSchemaDump() {
        this(CommandOnPath.find("pg_dump"));
    }

    /** @param pgDump the pg_dump to use; empty for the built-in dump */
    public PostgresSchemaDump(Optional<Path> pgDump) {
        this.pgDump = pgDump;
    }

    @Override
    public Result dump(Connection connection, Request request) throws SQLException, IOException {
        if (pgDump.isPresent()) {
            URI uri = request.server();
            List<String> command = new ArrayList<>(List.of(pgDump.get().toString(), "--format=plain", "--no-owner",
                    "--no-privileges", "--schema=" + exactly(request.schema()), "--file=" + request.file().toAbsolutePath()));
            if (!request.withData()) {
                command.add("--schema-only");
            }
            // --schema leaves out the extensions installed in the schema (and their tables' rows that are the
            // database's), so the dump did not load: "type geometry does not exist"; each is named, as a pattern that
            // matches its name alone
            for (String extension : PostgresDumpExtras.extensions(connection, request.schema())) {
                command.add("--extension=" + exactly(extension));
            }
            if (uri.getHost() != null) {
                command.add("--host=" + uri.getHost());
            }
            if (uri.getPort() > 0) {
                command.add("--port=" + uri.getPort());
            }
            request.givenUser().ifPresent(user -> command.add("--username=" + user));
            command.add("--no-password");
            command.add(uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1));
            ExternalCommand.Outcome outcome = new ExternalCommand(command, request.passwordIn("PGPASSWORD")).run();
            if (!outcome.succeeded()) {
                return jdbc().insteadOf("pg_dump", outcome.errors(), connection, request);
            }
            createSchemaIfNotExists(request.file());
            return new Result("pg_dump", request.file());
        }
        return jdbc().dump(connection, request);
    }

    /**
     * A pg_dump pattern that matches {@code name} alone: a pattern is folded to lower case and takes {@code *}, {@code ?}
     * and {@code .} as wildcards and a separator, but not within double quotes. A schema named {@code "Ten ant"}, given
     * bare, matched no schema, and the dump fell back to the built-in one.
     */
    static String exactly(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code pg_dump --schema=X} writes {@code CREATE SCHEMA X;}, which fails where X exists: always for
     * {@code public} in a new database. The dump says {@code CREATE SCHEMA IF NOT EXISTS} instead, so it loads
     * into a new database and into one where the schema was emptied. The file is copied line by line (the
     * statement is near the top, but a plain dump has no index to patch it in place).
     */
    static void createSchemaIfNotExists(Path file) throws IOException {
        Path fixed = Files.createTempFile(file.toAbsolutePath().getParent(), ".dbshift-dump", ".sql");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(fixed, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (header && line.startsWith("CREATE SCHEMA ") && !line.startsWith("CREATE SCHEMA IF NOT EXISTS ")) {
                    line = "CREATE SCHEMA IF NOT EXISTS " + line.substring("CREATE SCHEMA ".length());
                } else if (line.startsWith("COPY ") || line.startsWith("CREATE TABLE ")) {
                    header = false;
                }
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(fixed);
            throw e;
        }
        Files.move(fixed, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<JdbcSchemaDump> builtIn() {
        return Optional.of(jdbc());
    }

    private static JdbcSchemaDump jdbc() {
        return new JdbcSchemaDump(new PostgresSchemaReader(), new PostgresDdlWriter(), new PostgresDumpExtras());
    }
}
