package dev.dbshift.config;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * migratore's connection variables: {@code HOST}, {@code PORT}, {@code UNIX_SOCKET}, {@code DB},
 * {@code USERNAME}, {@code PASSWORD} (and its aliases {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME},
 * {@code DB_USER}/{@code DB_USERNAME}, {@code DB_PASSWORD}, which win over the short names), read only when
 * no dbshift setting names a connection and {@code DB} (or {@code DB_NAME}) is set. {@code HOST} and
 * {@code USERNAME} are set by ordinary shells (zsh, Windows) and mean nothing about a database there; a
 * database name is what says these variables are meant. The server is MariaDB, migratore's own engine
 * (MySQL through MySQLdb), unless {@code db_type} names another ({@code postgresql}); its default port and
 * {@code localhost} fill what is not set. {@code UNIX_SOCKET} replaces host and port where the vendor's
 * driver can use a socket ({@link Database#socketUrl}).
 */
final class MigratoreVariables {
    private static final String DEFAULT_KIND = "mariadb";

    private MigratoreVariables() {
    }

    /** The connection the variables describe: URL, user and password, each with the variables it came from. */
    record Connection(String url, String urlOrigin, String user, String userOrigin, String password, String passwordOrigin) {
    }

    /**
     * The connection of {@code env}, or empty when {@code DB} is not set.
     *
     * @param dbType the {@code db_type} setting, or null
     */
    static Optional<Connection> read(Map<String, String> env, String dbType) {
        Map<String, String> named = new LinkedHashMap<>();
        String db = value(env, named, "DB_NAME", "DB");
        if (db == null) {
            return Optional.empty();
        }
        Map<String, String> used = new LinkedHashMap<>();
        String kind = dbType == null ? DEFAULT_KIND : dbType;
        Database.UrlForm form = Databases.forScheme(kind).filter(Database.UrlForm::server)
                .orElseThrow(() -> bad(used, "db_type '" + kind + "' is no server database; these variables name a server"));
        String socket = value(env, used, "UNIX_SOCKET");
        String url;
        if (socket != null) {
            Database database = Databases.forUrl(form.jdbcPrefix() + "//localhost/");
            try {
                url = database.socketUrl(socket, db).orElseThrow(() -> bad(used, "the " + database.name()
                        + " driver cannot connect through a Unix socket; unset UNIX_SOCKET and set HOST and PORT"));
            } catch (IllegalArgumentException e) {
                throw bad(used, e.getMessage());
            }
        } else {
            String host = value(env, used, "DB_HOST", "HOST");
            String portText = value(env, used, "DB_PORT", "PORT");
            int port = form.defaultPort().getAsInt();
            if (portText != null) {
                try {
                    port = Integer.parseInt(portText.strip());
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw bad(used, "'" + portText + "' is not a port number");
                }
            }
            String h = host == null ? "localhost" : host.strip();
            url = form.jdbcPrefix() + "//" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port + "/" + db;
        }
        used.putAll(named);
        String urlOrigin = origin(used);
        used.clear();
        String user = value(env, used, "DB_USERNAME", "DB_USER", "USERNAME");
        String userOrigin = origin(used);
        used.clear();
        String password = value(env, used, "DB_PASSWORD", "PASSWORD");
        return Optional.of(new Connection(url, urlOrigin, user, userOrigin, password, origin(used)));
    }

    /** The first of {@code names} that is set and not blank, remembered in {@code used}. */
    private static String value(Map<String, String> env, Map<String, String> used, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                used.put(n, v);
                return v;
            }
        }
        return null;
    }

    private static String origin(Map<String, String> used) {
        return used.isEmpty() ? null : "env " + String.join(", ", new ArrayList<>(used.keySet()));
    }

    private static DbShiftException bad(Map<String, String> used, String why) {
        List<String> names = new ArrayList<>(used.keySet());
        if (names.isEmpty()) {
            names.add("DB");
        }
        return new DbShiftException(DbShiftException.BAD_INPUT, "env " + String.join(", ", names) + ": " + why);
    }
}
