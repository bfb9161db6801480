package dev.dbshift.config;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the URL forms people paste from elsewhere into JDBC URLs: a server's {@code scheme://u:p@host:port/db}
 * (Heroku, Rails, twelve-factor {@code DATABASE_URL}), a file database's {@code scheme:path}, and the seed
 * tools' DSN {@code user:pass@host:port/db}. Which schemes and default ports mean which database, and the
 * JDBC URL each becomes, is each database's {@link Database#urlForm()}; this class only takes the forms
 * apart. The user and password inside (also inside a JDBC URL's user-info) are split out so that they never
 * travel inside the URL (and can be masked).
 */
public final class ConnectionUrls {
    private ConnectionUrls() {
    }

    /** A JDBC URL with the credentials that were inside the original form (either may be null). */
    public record Parsed(String jdbcUrl, String user, String password) {
    }

    /**
     * @param text   a JDBC URL (returned as is) or a URL form
     * @param dbType for a DSN without scheme: a scheme of the database ({@code db_type}); null to tell it by the port
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
        } else {
            int colon = s.indexOf(':');
            Optional<Database.UrlForm> file = colon > 0 ? Databases.forScheme(s.substring(0, colon)).filter(f -> !f.server())
                    : Optional.empty();
            if (file.isPresent()) {
                return new Parsed(file.get().jdbcPrefix() + s.substring(colon + 1), null, null);
            }
            kind = dbType;
            rest = s;
        }
        Authority a = Authority.split(rest, what);
        Database.UrlForm form;
        if (kind == null) {
            form = Databases.forDefaultPort(a.port()).orElseThrow(() -> new IllegalArgumentException(what
                    + ": cannot tell the database from '" + Secret.maskUrl(s) + "'; write "
                    + servers().stream().map(f -> f.schemes().get(0) + "://…").collect(Collectors.joining(" or "))
                    + ", or set db_type (" + String.join(" or ", serverNames()) + ")"));
        } else {
            form = Databases.forScheme(kind).filter(Database.UrlForm::server).orElseThrow(() -> new IllegalArgumentException(
                    what + ": unknown database kind '" + kind + "' (use " + orList(servers().stream()
                            .flatMap(f -> f.schemes().stream()).map(x -> x + "://").toList()) + ")"));
        }
        return new Parsed(form.jdbcPrefix() + "//" + a.host() + (a.port() > 0 ? ":" + a.port() : "") + a.tail(),
                a.user(), a.password());
    }

    /**
     * A server form's {@code [user[:password]@]host[:port]} and what follows it ({@code /db?query}), taken apart as
     * Python's {@code urllib} does (the form SQLAlchemy and Alembic users write): the authority ends at the first
     * {@code /} or {@code ?}, and the user-info at its last {@code @}, so a password may hold {@code @} and {@code :}
     * as they are. {@code java.net.URI} is not used: it reads a host name with {@code _} (Docker Compose's {@code my_db}) or a
     * password with {@code @} as no host at all.
     */
    private record Authority(String user, String password, String host, int port, String tail) {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?\\]");
        private static final String FORM = "expected [scheme://]user:password@host[:port]/database";

        static Authority split(String rest, String what) {
            if (rest.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(what + ": " + FORM + ", without spaces (write a space in a password as %20)");
            }
            int end = 0;
            while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
                end++;
            }
            String authority = rest.substring(0, end);
            String tail = rest.substring(end);
            int at = authority.lastIndexOf('@');
            if (at < 0 && tail.indexOf('@') >= 0) {
                throw new IllegalArgumentException(what + ": " + FORM + " (a user or password with / or ? in it is written"
                        + " with %2F for / and %3F for ?)");
            }
            String user = null;
            String password = null;
            if (at >= 0) {
                String info = authority.substring(0, at);
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            String hostPort = authority.substring(at + 1);
            int portAt = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                    : hostPort.indexOf(':');
            String host = portAt < 0 ? hostPort : hostPort.substring(0, portAt);
            String portText = portAt < 0 ? "" : hostPort.substring(portAt + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException(what + ": " + FORM + " (no host)");
            }
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException(what + ": '" + host + "' is not a host name"
                        + (host.contains(":") ? " (an IPv6 address is written in brackets: [::1]:5432)" : ""));
            }
            int port = -1;
            if (!portText.isEmpty()) {
                port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : 0;
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(what + ": the port after " + host + " is not a number from 1 to 65535");
                }
            }
            return new Authority(user, password, host, port, tail);
        }
    }

    /** A layer's values with URL forms split, and for each value split out of one, the setting it came from. */
    record Expanded(Map<String, Object> values, Map<String, String> derivedFrom) {
    }

    /**
     * Splits the URL forms of one source ({@code dsn}, and {@code url} unless a {@code dsn} gave it) into a JDBC
     * URL, user and password of the same source; an explicit {@code user} or {@code password} of the source wins.
     */
    static Expanded expand(SettingSource layer, String dbType) {
        Map<String, Object> v = new LinkedHashMap<>(layer.values());
        Map<String, String> derivedFrom = new LinkedHashMap<>();
        String url = Setting.URL.name();
        String dsn = Setting.DSN.name();
        for (String key : List.of(dsn, url)) {
            Object raw = v.get(key);
            if (raw == null || (key.equals(url) && derivedFrom.containsKey(url))) {
                continue;
            }
            Parsed p;
            try {
                p = parse(raw.toString(), dbType, layer.origin(key));
            } catch (IllegalArgumentException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, e.getMessage());
            }
            v.remove(dsn);
            v.put(url, p.jdbcUrl());
            if (key.equals(dsn)) {
                derivedFrom.put(url, dsn);
            }
            if (p.user() != null && !layer.values().containsKey(Setting.USER.name())) {
                v.put(Setting.USER.name(), p.user());
                derivedFrom.put(Setting.USER.name(), key);
            }
            if (p.password() != null && !layer.values().containsKey(Setting.PASSWORD.name())) {
                v.put(Setting.PASSWORD.name(), p.password());
                derivedFrom.put(Setting.PASSWORD.name(), key);
            }
        }
        return new Expanded(v, derivedFrom);
    }

    /**
     * {@code jdbc:<db>://user:pw@host/db}: the drivers do not read user-info (one reads
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

    /** The JDBC sub-protocol of a URL: what follows {@code jdbc:} up to the next colon (null for something else). */
    public static String subProtocol(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            return null;
        }
        int colon = jdbcUrl.indexOf(':', 5);
        return colon < 0 ? null : jdbcUrl.substring(5, colon);
    }

    private static List<Database.UrlForm> servers() {
        return Databases.forms().stream().filter(Database.UrlForm::server).toList();
    }

    private static List<String> serverNames() {
        return Databases.all().stream().filter(d -> d.urlForm().filter(Database.UrlForm::server).isPresent())
                .map(Database::name).toList();
    }

    /** {@code a, b or c}. */
    private static String orList(List<String> items) {
        int last = items.size() - 1;
        return last <= 0 ? String.join("", items) : String.join(", ", items.subList(0, last)) + " or " + items.get(last);
    }

    /**
     * A user or password with its {@code %XX} escapes decoded; a {@code %} that starts none is kept as written, as
     * Python's {@code unquote} keeps it (a generated password holds {@code %}: {@link URLDecoder} refused it, echoing the
     * two characters after it in its error), and {@code +} stays {@code +}.
     */
    private static String decode(String s) {
        return s.indexOf('%') < 0 ? s : ESCAPES.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                URLDecoder.decode(m.group(), StandardCharsets.UTF_8)));
    }

    private static final Pattern ESCAPES = Pattern.compile("(?:%[0-9A-Fa-f]{2})+");
}
