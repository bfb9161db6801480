package dev.dbshift.db;

import dev.dbshift.DbShiftException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link Database} for a JDBC URL, or for a URL form's scheme or a DSN's port, among the
 * service-loaded {@link DatabaseProvider}s.
 */
public final class Databases {
    private Databases() {
    }

    public static Database forUrl(String url) {
        return find(url).orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "url: no supported database for '"
                + scheme(url) + "...' (supported: " + String.join(", ", all().stream().map(Database::name).toList())
                + "; JDBC URLs start with jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:sqlite:)"));
    }

    /** The URL's scheme ({@code jdbc:foo:}): enough to say which kind it is, and never a secret. */
    private static String scheme(String url) {
        java.util.regex.Matcher m = SCHEME.matcher(url == null ? "" : url);
        return m.find() ? m.group() : "";
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^(jdbc:)?[A-Za-z0-9+.-]*:");

    /**
     * True when {@code url} names a database on a server (PostgreSQL, MySQL/MariaDB: a host and a port), false for an
     * embedded one (H2, SQLite: connecting may create a file), an unknown URL or none.
     */
    public static boolean isServer(String url) {
        return url != null && find(url).flatMap(Database::urlForm).filter(Database.UrlForm::server).isPresent();
    }

    /** The database serving {@code url}; empty for a URL no provider accepts. */
    public static Optional<Database> find(String url) {
        for (DatabaseProvider p : providers()) {
            if (p.accepts(url)) {
                return Optional.of(p.create());
            }
        }
        return Optional.empty();
    }

    /** Every database on the class path, in service order. */
    public static List<Database> all() {
        List<Database> all = new ArrayList<>();
        for (DatabaseProvider p : providers()) {
            all.add(p.create());
        }
        return all;
    }

    /** The database whose URL form has {@code scheme} (any case), with that form. */
    public static Optional<Database.UrlForm> forScheme(String scheme) {
        String s = scheme.toLowerCase(java.util.Locale.ROOT);
        return forms().stream().filter(f -> f.schemes().contains(s)).findFirst();
    }

    /** The server database that listens on {@code port} by default. */
    public static Optional<Database.UrlForm> forDefaultPort(int port) {
        return forms().stream().filter(f -> f.defaultPort().isPresent() && f.defaultPort().getAsInt() == port).findFirst();
    }

    /** The URL forms of every database that has one, in service order. */
    public static List<Database.UrlForm> forms() {
        List<Database.UrlForm> forms = new ArrayList<>();
        for (Database d : all()) {
            d.urlForm().ifPresent(forms::add);
        }
        return forms;
    }

    private static ServiceLoader<DatabaseProvider> providers() {
        return ServiceLoader.load(DatabaseProvider.class, Databases.class.getClassLoader());
    }
}
