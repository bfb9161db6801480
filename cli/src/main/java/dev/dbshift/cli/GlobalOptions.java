package dev.dbshift.cli;

import dev.dbshift.DbShift;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Each global option's names (every spelling), to its field. */
    static Map<String, Field> byName() {
        Map<String, Field> names = new LinkedHashMap<>();
        for (Field f : GlobalOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                for (String n : o.names()) {
                    names.put(n, f);
                }
            }
        }
        return names;
    }

    /**
     * The options {@code args[0..end)} give, read without picocli, for a guess made before picocli has built its
     * model ({@link Main#connectAhead}); null when one of them is anything but a global option with its value in the
     * next argument or after {@code =}. A wrong guess costs time, never the result: the connection opened by it is
     * used only for the settings picocli's parse gives.
     */
    static GlobalOptions readBefore(String[] args, int end) {
        Map<String, Field> names = byName();
        GlobalOptions g = new GlobalOptions();
        try {
            for (int i = 0; i < end; i++) {
                String a = args[i];
                int eq = a.startsWith("--") ? a.indexOf('=') : -1;
                Field f = names.get(eq > 2 ? a.substring(0, eq) : a);
                if (f == null) {
                    return null;
                }
                if (f.getType() == boolean.class) {
                    if (eq > 2) {
                        return null;
                    }
                    f.setBoolean(g, true);
                    continue;
                }
                String value;
                if (eq > 2) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < end) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (!g.set(f, value)) {
                    return null;
                }
            }
        } catch (IllegalAccessException | RuntimeException unreadable) {
            return null;
        }
        return g;
    }

    @SuppressWarnings("unchecked")
    private boolean set(Field f, String value) throws IllegalAccessException {
        Class<?> type = f.getType();
        if (type == String.class) {
            f.set(this, value);
        } else if (type == Path.class) {
            f.set(this, Path.of(value));
        } else if (type == List.class) {
            List<String> list = (List<String>) f.get(this);
            if (list == null) {
                list = new ArrayList<>();
                f.set(this, list);
            }
            list.addAll(List.of(value.split(f.getAnnotation(Option.class).split())));
        } else if (type == Map.class && value.indexOf('=') > 0) {
            ((Map<String, String>) f.get(this)).put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
        } else {
            return false;
        }
        return true;
    }

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
