package dev.dbshift.cli;

import dev.dbshift.DbShift;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Option(names = "--connect-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            description = "How long connecting to the server may take, login included; 0: as long as the driver waits"
                    + " (default 30s).")
    String connectTimeout;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
    boolean quiet;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain output without colours.")
    boolean noColor;

    /**
     * Each global option that takes a value, by every spelling; written out, with {@link #set} and {@link #flag},
     * rather than read from the annotations above, because the first annotation read of a process costs ~30 ms (the
     * annotation parser's and its proxies' set-up), which picocli pays anyway, but which must not come before the
     * connection opened ahead ({@link Main#connectAhead}); plain strings and switches, not a table of lambdas (15
     * lambdas were 10 ms of linking). MainTest holds these to the annotations and the values to what picocli reads.
     */
    static final Set<String> VALUED = Set.of("-C", "--project", "-e", "--env", "--url", "--user", "--password", "--dsn",
            "--schemas", "--locations", "-p", "--placeholder", "--lock-timeout",
            "--connect-timeout");
    /** Each global flag, by every spelling. */
    static final Set<String> FLAGS = Set.of("--json", "-q", "--quiet", "--no-color");

    /** Keeps {@code value} of the option {@code name} (one of {@link #VALUED}) as picocli would. */
    private void set(String name, String value) {
        switch (name) {
            case "-C", "--project" -> project = Path.of(value);
            case "-e", "--env" -> environment = value;
            case "--url" -> url = value;
            case "--user" -> user = value;
            case "--password" -> password = value;
            case "--dsn" -> dsn = value;
            case "--schemas" -> schemas = appended(schemas, value);
            case "--locations" -> locations = appended(locations, value);
            case "-p", "--placeholder" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("NAME=VALUE expected");
                }
                placeholders.put(value.substring(0, eq), value.substring(eq + 1));
            }
            case "--lock-timeout" -> lockTimeout = value;
            case "--connect-timeout" -> connectTimeout = value;
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** Sets the flag {@code name} (one of {@link #FLAGS}). */
    private void flag(String name) {
        switch (name) {
            case "--json" -> json = true;
            case "-q", "--quiet" -> quiet = true;
            case "--no-color" -> noColor = true;
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static List<String> appended(List<String> list, String value) {
        List<String> all = list == null ? new ArrayList<>() : list;
        all.addAll(List.of(value.split(",")));
        return all;
    }

    /**
     * The options {@code args[0..end)} give, read without picocli, for a guess made before picocli has built its
     * model ({@link Main#connectAhead}); null when one of them is anything but a global option with its value in the
     * next argument or after {@code =}. A wrong guess costs time, never the result: the connection opened by it is
     * used only for the settings picocli's parse gives.
     */
    static GlobalOptions readBefore(String[] args, int end) {
        GlobalOptions g = new GlobalOptions();
        try {
            for (int i = 0; i < end; i++) {
                String a = args[i];
                int eq = a.startsWith("--") ? a.indexOf('=') : -1;
                String name = eq > 2 ? a.substring(0, eq) : a;
                if (FLAGS.contains(name) && eq < 0) {
                    g.flag(name);
                } else if (VALUED.contains(name) && eq > 2) {
                    g.set(name, a.substring(eq + 1));
                } else if (VALUED.contains(name) && i + 1 < end) {
                    g.set(name, args[++i]);
                } else {
                    return null;
                }
            }
        } catch (RuntimeException unreadable) {
            return null;
        }
        return g;
    }

    /**
     * The environment variables commands read on this thread instead of the process's, or null for the process's
     * ({@link #withEnvironmentVariables}).
     */
    private static final ThreadLocal<Map<String, String>> VARIABLES = new ThreadLocal<>();

    /**
     * Runs {@code commands} with {@code variables} as the environment variables every command line of this thread
     * reads: the launcher's training runs commands on a throw-away project, which must not take the user's
     * {@code DBSHIFT_URL}, {@code DBSHIFT_LOCATIONS} or {@code FLYWAY_URL} for its own (its up applied its migration to
     * the database DBSHIFT_URL named).
     */
    static <T> T withEnvironmentVariables(Map<String, String> variables, java.util.function.Supplier<T> commands) {
        Map<String, String> before = VARIABLES.get();
        VARIABLES.set(Map.copyOf(variables));
        try {
            return commands.get();
        } finally {
            VARIABLES.set(before);
        }
    }

    /** Builds the library facade from these options and the process environment (or {@link #withEnvironmentVariables}'). */
    DbShift.Builder builder() {
        DbShift.Builder b = DbShift.configure();
        Map<String, String> variables = VARIABLES.get();
        if (variables != null) {
            b.environmentVariables(variables);
        }
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
        if (connectTimeout != null) {
            b.set("connect_timeout", connectTimeout);
        }
        return b;
    }

}
