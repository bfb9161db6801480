package dev.dbshift.cli;

import dev.dbshift.DbShift;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options every command takes, before or after the command name. They feed the flag layer of the
 * settings (file &lt; environment variables &lt; flags).
 */
public final class GlobalOptions {
    @Option(names = {"-C", "--project"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Project folder holding dbshift.toml and migrations/ (default: the working directory).")
    Path project;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Environment from dbshift.toml [environments.NAME]; also picks NAME.sql in version directories.")
    String environment;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "JDBC URL, or postgres://user:pass@host:5432/db, mysql://…, mariadb://….")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, description = "Database user.")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, description = "Database password (prefer DBSHIFT_PASSWORD).")
    String password;

    @Option(names = "--dsn", paramLabel = "USER:PASS@HOST:PORT/DB", scope = ScopeType.INHERIT,
            description = "Connection in one string; the port (5432, 3306) or a scheme tells the database.")
    String dsn;

    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA", scope = ScopeType.INHERIT,
            description = "Schema (PostgreSQL, H2) or database (MySQL/MariaDB) to work in; created when missing.")
    List<String> schemas;

    @Option(names = "--locations", split = ",", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Migration folders, or classpath:path (default: migrations).")
    List<String> locations;

    @Option(names = {"-p", "--placeholder"}, paramLabel = "NAME=VALUE", scope = ScopeType.INHERIT,
            description = "A value for $${NAME} in scripts; repeatable.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    @Option(names = "--lock-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            description = "How long to wait for the migration lock: 30s, 5m… (default 5m).")
    String lockTimeout;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
    boolean quiet;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain output without colours.")
    boolean noColor;

    /** Builds the library facade from these options and the process environment. */
    DbShift.Builder builder() {
        DbShift.Builder b = DbShift.configure();
        if (project != null) {
            b.projectDir(project);
        }
        b.environment(environment).url(url).user(user).password(password).dsn(dsn);
        if (schemas != null) {
            b.set("schemas", schemas);
        }
        if (locations != null) {
            b.set("locations", locations);
        }
        placeholders.forEach(b::placeholder);
        if (lockTimeout != null) {
            b.set("lock_timeout", lockTimeout);
        }
        return b;
    }

}
