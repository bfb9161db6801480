package dev.dbshift.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the URL forms people paste from elsewhere into JDBC URLs: {@code postgres://u:p@h:5432/db}
 * (Heroku, Rails, twelve-factor {@code DATABASE_URL}), {@code mysql://} and {@code mariadb://}, and
 * the seed tools' DSN {@code user:pass@host:port/db}. The user and password inside are split out so
 * that they never travel inside the URL (and can be masked).
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
            return new Parsed(s, null, null);
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

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
