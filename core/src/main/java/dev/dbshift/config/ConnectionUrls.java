package dev.dbshift.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the URL forms people paste from elsewhere into JDBC URLs: {@code postgres://u:p@h:5432/db}
 * (Heroku, Rails, twelve-factor {@code DATABASE_URL}), {@code mysql://} and {@code mariadb://}, and
 * the seed tools' DSN {@code user:pass@host:port/db}. The user and password inside (also inside a
 * JDBC URL's user-info) are split out so that they never travel inside the URL (and can be masked).
 */
public final class ConnectionUrls {
    private ConnectionUrls() {
    }

    /** A JDBC URL with the credentials that were inside the original form (either may be null). */
    public record Parsed(String jdbcUrl, String user, String password) {
    }

    /**
     * @param text   a JDBC URL (returned as is) or a URL form
     * @param dbType for a DSN without scheme: {@code postgresql} or {@code mariadb}; null to guess from the port
     * @param what   the setting's name, for errors
     */
    public static Parsed parse(String text, String dbType, String what) {
        String s = text.trim();
        if (s.startsWith("jdbc:")) {
            return splitUserInfo(s);
        }
        int scheme = s.indexOf("://");
        String kind;
        String rest;
        if (scheme > 0) {
            kind = s.substring(0, scheme).toLowerCase(Locale.ROOT);
            rest = s.substring(scheme + 3);
        } else if (s.startsWith("sqlite:")) {
            return new Parsed("jdbc:" + s, null, null);
        } else {
            kind = dbType;
            rest = s;
        }
        URI uri;
        try {
            uri = new URI("x://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + ": not a URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException(what + ": expected [scheme://]user:password@host[:port]/database");
        }
        int port = uri.getPort();
        if (kind == null) {
            if (port == 5432) {
                kind = "postgresql";
            } else if (port == 3306) {
                kind = "mariadb";
            } else {
                throw new IllegalArgumentException(what + ": cannot tell the database from '" + Secret.maskUrl(s)
                        + "'; write postgres://… or mysql://…, or set db_type (postgresql or mariadb)");
            }
        }
        String prefix;
        switch (kind) {
            case "postgres": case "postgresql": case "pgsql":
                prefix = "jdbc:postgresql://";
                break;
            case "mysql": case "mariadb":
                prefix = "jdbc:mariadb://";
                break;
            default:
                throw new IllegalArgumentException(what + ": unknown database kind '" + kind
                        + "' (use postgres://, postgresql://, mysql:// or mariadb://)");
        }
        String db = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new Parsed(prefix + hostPart + (port > 0 ? ":" + port : "") + db + query, user, password);
    }

    /**
     * {@code jdbc:mariadb://user:pw@host/db}: the drivers do not read user-info (MariaDB's reads
     * {@code pw@host} as a port and echoes it in its error), so it is split out like a URL form's.
     */
    private static Parsed splitUserInfo(String jdbcUrl) {
        int slashes = jdbcUrl.indexOf("//");
        if (slashes < 0 || jdbcUrl.substring(0, slashes).contains("/")) {
            return new Parsed(jdbcUrl, null, null);
        }
        int start = slashes + 2;
        int end = start;
        while (end < jdbcUrl.length() && jdbcUrl.charAt(end) != '/' && jdbcUrl.charAt(end) != '?') {
            end++;
        }
        int at = jdbcUrl.lastIndexOf('@', end - 1);
        if (at < start) {
            return new Parsed(jdbcUrl, null, null);
        }
        String info = jdbcUrl.substring(start, at);
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? null : decode(info.substring(colon + 1));
        return new Parsed(jdbcUrl.substring(0, start) + jdbcUrl.substring(at + 1), user.isEmpty() ? null : user, password);
    }

    /** The JDBC sub-protocol of a URL: {@code postgresql}, {@code mariadb}, {@code h2}… (null for something else). */
    public static String subProtocol(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            return null;
        }
        int colon = jdbcUrl.indexOf(':', 5);
        return colon < 0 ? null : jdbcUrl.substring(5, colon);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
