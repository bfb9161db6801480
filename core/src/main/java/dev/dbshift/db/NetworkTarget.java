package dev.dbshift.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a server URL ({@code jdbc:x://host[:port][,host2…]/database?k=v&…}) that say which database
 * it reaches, normalised so that two spellings of one target compare equal: host names lower case, the
 * loopback names ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) as one, the default port written out.
 * What {@code reset} compares with the targets of critical environments.
 *
 * @param hosts    {@code host:port} of each server, normalised
 * @param database the database named in the path, or empty
 * @param params   the query parameters, names lower case
 */
public record NetworkTarget(List<String> hosts, String database, Map<String, String> params) {

    /** Parses {@code url}; {@code defaultPort} fills in a missing port. */
    public static NetworkTarget parse(String url, int defaultPort) {
        int slashes = url.indexOf("//");
        String rest = slashes < 0 ? url : url.substring(slashes + 2);
        int q = rest.indexOf('?');
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        List<String> hosts = new ArrayList<>();
        for (String h : authority.split(",")) {
            if (!h.isBlank()) {
                hosts.add(hostPort(h.substring(h.lastIndexOf('@') + 1), defaultPort));
            }
        }
        return new NetworkTarget(hosts, java.net.URLDecoder.decode(database, java.nio.charset.StandardCharsets.UTF_8),
                params(url));
    }

    /**
     * The query parameters of {@code url} (after its {@code ?}, split at {@code &} or {@code ;}), names lower case: what
     * {@link #parse} compares, and what a vendor asks before it gives the driver a property the URL may set itself.
     */
    public static Map<String, String> params(String url) {
        int q = url.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (q < 0) {
            return params;
        }
        for (String p : url.substring(q + 1).split("[&;]")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                params.put(p.substring(0, eq).toLowerCase(Locale.ROOT), decoded(p.substring(eq + 1)));
            }
        }
        return params;
    }

    /** A parameter's value decoded; as written when it is not valid percent-encoding (a password with a bare %). */
    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return value;
        }
    }

    private static String hostPort(String text, int defaultPort) {
        String host = text;
        int port = defaultPort;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            String tail = close < 0 ? "" : host.substring(close + 1);
            host = close < 0 ? host.substring(1) : host.substring(1, close);
            if (tail.startsWith(":") && tail.length() > 1) {
                port = Integer.parseInt(tail.substring(1));
            }
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            String p = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
            if (!p.isEmpty()) {
                port = Integer.parseInt(p);
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1") || host.equals("ip6-localhost")) {
            host = "localhost";
        }
        return host + ":" + port;
    }

    /** The identity of this server's {@code schema} (lower case): equal strings, same target. */
    public String identity(String scheme, String schema) {
        return scheme + "://" + String.join(",", hosts) + "/" + database.toLowerCase(Locale.ROOT) + "#"
                + (schema == null ? "" : schema.toLowerCase(Locale.ROOT));
    }
}
