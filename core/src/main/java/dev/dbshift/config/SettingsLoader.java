package dev.dbshift.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the sources of settings into {@link Settings}: defaults &lt; {@code dbshift.toml} (top level,
 * then {@code [environments.<name>]}) &lt; environment variables &lt; flags. Each layer is a plain map of
 * setting name to value plus where it came from, so {@code dbshift env} can say for every setting
 * which source won. A bad value is an error that names the setting and its source.
 */
public final class SettingsLoader {
    public static final String FILE_NAME = "dbshift.toml";

    /** Every setting a layer may hold. */
    public static final Set<String> KEYS = Set.of("url", "user", "password", "dsn", "db_type", "schemas", "locations",
            "placeholders", "placeholder_replacement", "placeholder_literals", "history_table", "runs_table", "lock_timeout",
            "out_of_order", "on_failure", "schema_checksum", "encoding");
    private static final Set<String> TOP_ONLY = Set.of("environment", "critical_environments", "environments");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private SettingsLoader() {
    }

    /** One source's values. */
    private record Layer(String origin, Map<String, Object> values) {
    }

    /**
     * @param projectDir the project folder ({@code -C}); holds dbshift.toml, migrations/ and VERSION
     * @param flags      values given on the command line or through the library builder, by setting
     *                   name; {@code environment} picks the environment
     * @param env        the process environment
     */
    public static Settings load(Path projectDir, Map<String, Object> flags, Map<String, String> env) {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        JsonNode toml = Files.isRegularFile(file) ? readToml(file) : null;

        // which environment
        String environment = str(flags.get("environment"));
        String envOrigin = "--env";
        if (environment == null && env.get("DBSHIFT_ENV") != null && !env.get("DBSHIFT_ENV").isBlank()) {
            environment = env.get("DBSHIFT_ENV");
            envOrigin = "env DBSHIFT_ENV";
        }
        if (environment == null && toml != null && toml.has("environment")) {
            environment = toml.get("environment").asText();
            envOrigin = FILE_NAME;
        }
        JsonNode envs = toml == null ? null : toml.get("environments");
        if (environment != null && envs != null && !envs.has(environment)) {
            List<String> names = new ArrayList<>();
            envs.fieldNames().forEachRemaining(names::add);
            throw new DbShiftException(DbShiftException.BAD_INPUT, envOrigin + ": environment '" + environment
                    + "' is not defined in " + FILE_NAME + " (defined: " + String.join(", ", names) + ")");
        }

        List<Layer> layers = new ArrayList<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("url", "jdbc:h2:file:./db/dbshift");
        defaults.put("locations", List.of("migrations"));
        defaults.put("history_table", "dbshift_history");
        defaults.put("runs_table", "dbshift_runs");
        defaults.put("lock_timeout", "5m");
        defaults.put("out_of_order", false);
        defaults.put("on_failure", "stop");
        defaults.put("placeholder_replacement", true);
        defaults.put("placeholder_literals", false);
        defaults.put("schema_checksum", "last");
        defaults.put("encoding", "UTF-8");
        layers.add(new Layer("default", defaults));
        List<String> critical = List.of();
        String criticalOrigin = null;
        if (toml != null) {
            layers.add(new Layer(FILE_NAME, fromToml(toml, FILE_NAME, true, env)));
            if (toml.has("critical_environments")) {
                critical = stringList(toml.get("critical_environments"), FILE_NAME + " critical_environments");
                criticalOrigin = FILE_NAME;
                // a misspelt critical environment would protect nothing
                for (String name : critical) {
                    if (envs != null && !envs.has(name)) {
                        List<String> names = new ArrayList<>();
                        envs.fieldNames().forEachRemaining(names::add);
                        throw new DbShiftException(DbShiftException.BAD_INPUT, FILE_NAME + " critical_environments: environment '"
                                + name + "' is not defined in " + FILE_NAME + " (defined: " + String.join(", ", names) + ")");
                    }
                }
            }
            if (environment != null && envs != null) {
                String origin = FILE_NAME + " [environments." + environment + "]";
                layers.add(new Layer(origin, fromToml(envs.get(environment), origin, false, env)));
            }
        }
        layers.add(fromEnvironment(env));
        Map<String, Object> flagValues = new LinkedHashMap<>(flags);
        flagValues.remove("environment");
        layers.add(new Layer("flag", flagValues));

        // merge
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        String dbType = null;
        for (Layer layer : layers) {
            Object t = layer.values.get("db_type");
            if (t != null) {
                dbType = t.toString();
            }
        }
        // a user or password taken from a URL's user-info belongs to that URL: a later URL without its own drops them
        Set<String> fromUrl = new java.util.HashSet<>();
        for (Layer layer : layers) {
            Expanded x = expandUrls(layer, dbType);
            Map<String, Object> v = x.values();
            if (v.get("url") != null) {
                for (String credential : List.of("user", "password")) {
                    if (fromUrl.remove(credential) && v.get(credential) == null) {
                        values.remove(credential);
                        origins.remove(credential);
                    }
                }
            }
            for (Map.Entry<String, Object> e : v.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                String sourceKey = x.derivedFrom().get(e.getKey());
                if (sourceKey != null && !e.getKey().equals("url")) {
                    fromUrl.add(e.getKey());
                } else {
                    fromUrl.remove(e.getKey());
                }
                if (e.getKey().equals("placeholders")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) e.getValue();
                    p.forEach((k, val) -> placeholders.put(k, String.valueOf(val)));
                    // placeholders merge name by name, so every source that gave some is named
                    String before = origins.get("placeholders");
                    String here = origin(layer, "placeholders");
                    origins.put("placeholders", before == null || before.equals(here) ? here : before + ", " + here);
                    continue;
                }
                values.put(e.getKey(), e.getValue());
                origins.put(e.getKey(), origin(layer, sourceKey != null ? sourceKey : e.getKey()));
            }
        }
        if (environment != null) {
            origins.put("environment", envOrigin);
        }
        if (criticalOrigin != null) {
            origins.put("critical_environments", criticalOrigin);
        }

        String url = absolutiseFileUrl(str(values.get("url")), dir);
        Duration lockTimeout = duration(values.get("lock_timeout"), "lock_timeout", origins.get("lock_timeout"));
        OnFailure onFailure;
        try {
            onFailure = OnFailure.parse(str(values.get("on_failure")));
        } catch (IllegalArgumentException e) {
            throw bad("on_failure", origins, e.getMessage());
        }
        SchemaChecksums schemaChecksums;
        try {
            schemaChecksums = SchemaChecksums.parse(str(values.get("schema_checksum")));
        } catch (IllegalArgumentException e) {
            throw bad("schema_checksum", origins, e.getMessage());
        }
        List<CriticalTarget> criticalTargets = new ArrayList<>();
        for (String name : critical) {
            criticalTargets.add(criticalTarget(name, toml, envs, env, dir));
        }
        Charset encoding = encoding(str(values.get("encoding")), origins);
        List<String> declared = new ArrayList<>();
        if (envs != null) {
            envs.fieldNames().forEachRemaining(declared::add);
        }
        return new Settings(dir, environment, url, str(values.get("user")), Secret.of(str(values.get("password"))),
                stringList(values.get("schemas"), "schemas"), stringList(values.get("locations"), "locations"),
                placeholders, bool(values.get("placeholder_replacement"), "placeholder_replacement", origins),
                bool(values.get("placeholder_literals"), "placeholder_literals", origins),
                critical, criticalTargets, identifier(values, "history_table", origins), identifier(values, "runs_table", origins),
                lockTimeout, bool(values.get("out_of_order"), "out_of_order", origins), onFailure,
                readVersionFile(dir), schemaChecksums, encoding, declared, origins);
    }

    /**
     * Where critical environment {@code name} points, from the file alone: the top level, then its
     * {@code [environments.NAME]} table (the default URL when neither names one). Only the settings that
     * say which database are read, so a password variable that is not set here does not matter.
     */
    private static CriticalTarget criticalTarget(String name, JsonNode toml, JsonNode envs, Map<String, String> env, Path dir) {
        JsonNode own = envs == null ? null : envs.get(name);
        String origin = FILE_NAME + (own == null ? "" : " [environments." + name + "]");
        try {
            String dbType = null;
            String url = null;
            List<String> schemas = List.of();
            List<JsonNode> tables = new ArrayList<>();
            tables.add(toml);
            if (own != null && own.isObject()) {
                tables.add(own);
            }
            for (JsonNode t : tables) {
                if (t.hasNonNull("db_type")) {
                    dbType = interpolate(t.get("db_type").asText(), origin + " db_type", env);
                }
            }
            for (JsonNode t : tables) {
                String key = t.hasNonNull("dsn") ? "dsn" : t.hasNonNull("url") ? "url" : null;
                if (key != null) {
                    String raw = interpolate(t.get(key).asText(), origin + " " + key, env);
                    url = ConnectionUrls.parse(raw, dbType, origin + " " + key).jdbcUrl();
                }
                if (t.has("schemas")) {
                    List<String> list = new ArrayList<>();
                    if (t.get("schemas").isArray()) {
                        t.get("schemas").forEach(x -> list.add(x.asText()));
                    } else {
                        list.addAll(splitList(t.get("schemas").asText()));
                    }
                    schemas = list;
                }
            }
            if (url == null) {
                url = "jdbc:h2:file:./db/dbshift";
            }
            return new CriticalTarget(name, absolutiseFileUrl(url, dir), schemas.isEmpty() ? null : schemas.get(0), origin, null);
        } catch (DbShiftException | IllegalArgumentException e) {
            return new CriticalTarget(name, null, null, origin, e.getMessage());
        }
    }

    private static String origin(Layer layer, String key) {
        if (layer.origin.equals("flag")) {
            return key.equals("placeholders") ? "-p/--placeholder" : "--" + key.replace('_', '-');
        }
        if (layer.origin.equals("env")) {
            @SuppressWarnings("unchecked")
            Map<String, String> names = (Map<String, String>) layer.values.get("$names");
            return "env " + names.getOrDefault(key, "DBSHIFT_" + key.toUpperCase(Locale.ROOT));
        }
        return layer.origin;
    }

    /** A layer's values with URL forms split, and for each value split out of one, the setting it came from. */
    private record Expanded(Map<String, Object> values, Map<String, String> derivedFrom) {
    }

    /**
     * Splits URL forms ({@code postgres://u:p@h/db}, a DSN, a JDBC URL's user-info) into a JDBC URL, user and
     * password of the same layer; an explicit {@code user} or {@code password} of the layer wins.
     */
    private static Expanded expandUrls(Layer layer, String dbType) {
        Map<String, Object> v = new LinkedHashMap<>(layer.values);
        Map<String, String> derivedFrom = new LinkedHashMap<>();
        v.remove("$names");
        for (String key : List.of("dsn", "url")) {
            Object raw = v.get(key);
            if (raw == null || (key.equals("url") && derivedFrom.containsKey("url"))) {
                continue;
            }
            ConnectionUrls.Parsed p;
            try {
                p = ConnectionUrls.parse(raw.toString(), dbType, origin(layer, key));
            } catch (IllegalArgumentException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, e.getMessage());
            }
            v.remove("dsn");
            v.put("url", p.jdbcUrl());
            if (key.equals("dsn")) {
                derivedFrom.put("url", "dsn");
            }
            if (p.user() != null && !layer.values.containsKey("user")) {
                v.put("user", p.user());
                derivedFrom.put("user", key);
            }
            if (p.password() != null && !layer.values.containsKey("password")) {
                v.put("password", p.password());
                derivedFrom.put("password", key);
            }
        }
        return new Expanded(v, derivedFrom);
    }

    private static Layer fromEnvironment(Map<String, String> env) {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String generic : List.of("DB_URL", "DATABASE_URL")) {
            String s = env.get(generic);
            if (s != null && !s.isBlank()) {
                v.put("url", s);
                names.put("url", generic);
            }
        }
        for (String key : KEYS) {
            if (key.equals("placeholders")) {
                continue;
            }
            String name = "DBSHIFT_" + key.toUpperCase(Locale.ROOT);
            String s = env.get(name);
            if (s != null && !s.isEmpty()) {
                v.put(key, s);
                names.put(key, name);
            }
        }
        Map<String, Object> placeholders = new LinkedHashMap<>();
        env.forEach((k, s) -> {
            if (k.startsWith("DBSHIFT_PLACEHOLDER_")) {
                placeholders.put(k.substring("DBSHIFT_PLACEHOLDER_".length()).toLowerCase(Locale.ROOT), s);
            }
        });
        if (!placeholders.isEmpty()) {
            v.put("placeholders", placeholders);
            names.put("placeholders", "DBSHIFT_PLACEHOLDER_*");
        }
        v.put("$names", names);
        return new Layer("env", v);
    }

    private static JsonNode readToml(Path file) {
        try {
            return new TomlMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new DbShiftException(DbShiftException.BAD_INPUT, file.getFileName() + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> fromToml(JsonNode node, String origin, boolean top, Map<String, String> env) {
        if (!node.isObject()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, origin + ": expected a table of settings");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (top && TOP_ONLY.contains(key)) {
                continue;
            }
            if (!KEYS.contains(key)) {
                Set<String> known = new TreeSet<>(KEYS);
                if (top) {
                    known.addAll(TOP_ONLY);
                }
                throw new DbShiftException(DbShiftException.BAD_INPUT, origin + ": unknown setting '" + key
                        + "' (known: " + String.join(", ", known) + ")");
            }
            JsonNode val = e.getValue();
            String where = origin + " " + key;
            if (key.equals("placeholders")) {
                if (!val.isObject()) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": expected a table, e.g. placeholders = { owner = \"app\" }");
                }
                Map<String, Object> p = new LinkedHashMap<>();
                val.fields().forEachRemaining(f -> p.put(f.getKey(), interpolate(f.getValue().asText(), where + "." + f.getKey(), env)));
                v.put(key, p);
            } else if (val.isArray()) {
                List<String> list = new ArrayList<>();
                val.forEach(x -> list.add(interpolate(x.asText(), where, env)));
                v.put(key, list);
            } else if (val.isBoolean()) {
                v.put(key, val.booleanValue());
            } else if (val.isValueNode()) {
                v.put(key, interpolate(val.asText(), where, env));
            } else {
                throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": expected a value, not a table");
            }
        }
        return v;
    }

    /** Replaces {@code ${env:NAME}} with the environment variable; a missing one is an error naming both. */
    static String interpolate(String s, String where, Map<String, String> env) {
        Matcher m = ENV_REF.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": environment variable "
                        + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code jdbc:h2:file:./x} and {@code jdbc:sqlite:x} are relative to the project, not to where the JVM started. */
    static String absolutiseFileUrl(String url, Path dir) {
        if (url == null) {
            return null;
        }
        for (String prefix : List.of("jdbc:h2:file:", "jdbc:h2:", "jdbc:sqlite:")) {
            if (url.startsWith(prefix)) {
                String rest = url.substring(prefix.length());
                if (rest.startsWith("./") || rest.startsWith("../")
                        || (prefix.equals("jdbc:sqlite:") && !rest.startsWith("/") && !rest.startsWith(":") && !rest.isEmpty())) {
                    String path = rest;
                    String tail = "";
                    int cut = indexOfAny(rest, ";?");
                    if (cut >= 0) {
                        path = rest.substring(0, cut);
                        tail = rest.substring(cut);
                    }
                    return prefix + dir.resolve(path).normalize() + tail;
                }
                return url;
            }
        }
        return url;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The scripts' character set, by any name Java knows ({@code UTF-8}, {@code ISO-8859-1}, {@code windows-1252}). */
    private static Charset encoding(String name, Map<String, String> origins) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw bad("encoding", origins, "'" + name + "' is not a character set this Java knows"
                    + " (e.g. UTF-8, ISO-8859-1, windows-1252)");
        }
    }

    private static String readVersionFile(Path dir) {
        Path f = dir.resolve("VERSION");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            String raw = Files.readString(f).trim();
            String v = raw.endsWith("-SNAPSHOT") ? raw.substring(0, raw.length() - "-SNAPSHOT".length()) : raw;
            if (v.isEmpty()) {
                return null;
            }
            if (!dev.dbshift.migration.Version.isVersion(v)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, f + ": '" + raw + "' is not a version; the VERSION file"
                        + " holds the software version (e.g. 1.4.0 or 1.4.0-SNAPSHOT), and up goes to the highest migration"
                        + " at or below it");
            }
            return v;
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, f + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static DbShiftException bad(String key, Map<String, String> origins, String why) {
        return new DbShiftException(DbShiftException.BAD_INPUT, key + " (from " + origins.get(key) + "): " + why);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static boolean bool(Object o, String key, Map<String, String> origins) {
        if (o instanceof Boolean) {
            return (Boolean) o;
        }
        String s = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "true": case "yes": case "1": case "on": return true;
            case "false": case "no": case "0": case "off": return false;
            default: throw bad(key, origins, "expected true or false, not '" + o + "'");
        }
    }

    private static String identifier(Map<String, Object> values, String key, Map<String, String> origins) {
        String s = str(values.get(key));
        if (s == null || !s.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw bad(key, origins, "expected a table name of letters, digits and underscores, not '" + s + "'");
        }
        return s;
    }

    private static List<String> stringList(Object o, String what) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof JsonNode) {
            JsonNode n = (JsonNode) o;
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(x -> out.add(x.asText()));
            } else {
                out.addAll(splitList(n.asText()));
            }
            return out;
        }
        if (o instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object x : (List<?>) o) {
                out.add(String.valueOf(x));
            }
            return out;
        }
        return splitList(o.toString());
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, a number of seconds, or ISO-8601 {@code PT30S}. */
    public static Duration duration(Object o, String key, String origin) {
        String s = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(s);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                switch (unit) {
                    case "ms": return Duration.ofMillis(n);
                    case "m": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: return Duration.ofSeconds(n);
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // fall through to the error below
        }
        throw new DbShiftException(DbShiftException.BAD_INPUT, key + " (from " + origin + "): expected a duration like 30s, 5m or 250ms, not '" + o + "'");
    }
}
