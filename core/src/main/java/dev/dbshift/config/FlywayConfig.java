package dev.dbshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway project's own configuration, {@code flyway.conf} (properties) or {@code flyway.toml} (Flyway 10's
 * {@code [flyway]} and {@code [environments.NAME]} tables), read as a settings layer under {@code dbshift.toml},
 * so a Flyway project runs as it is. It says {@code format = "flyway"}, and maps what has a dbshift equivalent:
 * {@code url}, {@code user}, {@code password} (a secret like any password: masked wherever settings are shown),
 * {@code locations} ({@code filesystem:sql} is the folder {@code sql}, an unprefixed or {@code classpath:} one
 * the class path, as Flyway reads them), {@code placeholders.NAME}, {@code defaultSchema} and {@code schemas},
 * {@code outOfOrder}, {@code encoding}, {@code placeholderReplacement}, and {@code table}, which is the value of
 * {@code ${flyway:table}} (the table Flyway keeps its history in; dbshift keeps its own and never writes
 * Flyway's, so it is not dbshift's {@code history_table}).
 *
 * <p>Every other key is refused, naming it and the file: a key read and ignored would be a setting the user
 * believes in and dbshift does not follow. The exception is a key whose value asks for what dbshift does anyway
 * (the default prefixes and separators, {@code validateOnMigrate=true}, {@code cleanDisabled=true},
 * {@code baselineOnMigrate=false}). {@code baselineVersion} is refused with its equivalents: the baseline Flyway
 * recorded is in its history table, which {@code dbshift adopt} reads; a new one is {@code dbshift init --baseline
 * VERSION}. Flyway's placeholders replace inside string literals, so {@code placeholder_literals} is on.
 */
final class FlywayConfig {
    static final String CONF = "flyway.conf";
    static final String TOML = "flyway.toml";
    private static final Pattern CONF_ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOML_ENV = Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)}");
    /** Keys whose value must be the one given: what dbshift does. */
    private static final Map<String, String> AS_DBSHIFT_DOES = Map.ofEntries(
            Map.entry("sqlMigrationPrefix", "V"), Map.entry("undoSqlMigrationPrefix", "U"),
            Map.entry("repeatableSqlMigrationPrefix", "R"), Map.entry("baselineMigrationPrefix", "B"),
            Map.entry("sqlMigrationSeparator", "__"), Map.entry("sqlMigrationSuffixes", ".sql"),
            Map.entry("placeholderPrefix", "${"), Map.entry("placeholderSuffix", "}"),
            Map.entry("validateOnMigrate", "true"), Map.entry("cleanDisabled", "true"),
            Map.entry("baselineOnMigrate", "false"));

    private FlywayConfig() {
    }

    /** The layer of the project's Flyway configuration, or null when it has none. */
    static SettingSource layer(Path dir, String environment, Map<String, String> env) {
        Path conf = dir.resolve(CONF);
        Path toml = dir.resolve(TOML);
        if (Files.isRegularFile(conf) && Files.isRegularFile(toml)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, dir + ": holds both " + CONF + " and " + TOML
                    + "; keep the one Flyway reads");
        }
        if (Files.isRegularFile(conf)) {
            return SettingSource.file(CONF, fromConf(conf, env));
        }
        if (Files.isRegularFile(toml)) {
            return SettingSource.file(TOML, fromToml(toml, environment, env));
        }
        return null;
    }

    private static Map<String, Object> fromConf(Path file, Map<String, String> env) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, CONF + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (!key.startsWith("flyway.")) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, CONF + ": '" + key + "' is not a Flyway setting"
                        + " (they start with 'flyway.')");
            }
            flat.put(key.substring("flyway.".length()), interpolate(p.getProperty(key).trim(), CONF_ENV, CONF + " " + key, env));
        }
        return settings(flat, CONF, "flyway.");
    }

    private static Map<String, Object> fromToml(Path file, String environment, Map<String, String> env) {
        JsonNode root;
        try {
            root = Toml.readTree(file.toFile());
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, TOML + ": not valid TOML: " + e.getMessage(), e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String top = it.next();
            if (!top.equals("flyway") && !top.equals("environments")) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, TOML + ": [" + top + "] is not read; dbshift reads"
                        + " [flyway] and [environments.NAME]");
            }
        }
        JsonNode flyway = root.path("flyway");
        flatten(flyway, "", flat, env);
        String chosen = flat.remove("environment");
        JsonNode envs = root.path("environments");
        String name = environment != null && envs.has(environment) ? environment : chosen != null ? chosen : "default";
        if (envs.has(name)) {
            Map<String, String> own = new LinkedHashMap<>();
            flatten(envs.get(name), "", own, env);
            own.forEach((k, v) -> {
                if (!List.of("url", "user", "password", "schemas").contains(k)) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, TOML + " [environments." + name + "]: '" + k
                            + "' is not read (dbshift reads url, user, password, schemas there)");
                }
                flat.put(k, v);
            });
        } else if (chosen != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, TOML + " [flyway] environment: '" + chosen
                    + "' has no [environments." + chosen + "] table");
        }
        return settings(flat, TOML, "");
    }

    /** A TOML table's values by dotted key (arrays joined with commas, as flyway.conf writes them). */
    private static void flatten(JsonNode node, String prefix, Map<String, String> out, Map<String, String> env) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(v, key + ".", out, env);
            } else if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                out.put(key, interpolate(String.join(",", parts), TOML_ENV, TOML + " " + key, env));
            } else {
                out.put(key, interpolate(v.asText(), TOML_ENV, TOML + " " + key, env));
            }
        }
    }

    private static String interpolate(String s, Pattern ref, String where, Map<String, String> env) {
        Matcher m = ref.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Flyway's keys (without {@code flyway.}) as dbshift's settings; {@code shown} is how the file writes a key. */
    private static Map<String, Object> settings(Map<String, String> flat, String origin, String shown) {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Object> placeholders = new LinkedHashMap<>();
        List<String> schemas = new ArrayList<>();
        v.put(Setting.FORMAT.name(), "flyway");
        v.put(Setting.PLACEHOLDER_LITERALS.name(), true);
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String named = origin + ": " + shown + key;
            if (key.startsWith("placeholders.")) {
                placeholders.put(key.substring("placeholders.".length()), value);
                continue;
            }
            switch (key) {
                case "url" -> v.put(Setting.URL.name(), value);
                case "user" -> v.put(Setting.USER.name(), value);
                case "password" -> v.put(Setting.PASSWORD.name(), value);
                case "locations" -> v.put(Setting.LOCATIONS.name(), locations(value, named));
                case "defaultSchema" -> schemas.add(0, value);
                case "schemas" -> {
                    for (String s : value.split(",")) {
                        if (!s.isBlank() && !schemas.contains(s.trim())) {
                            schemas.add(s.trim());
                        }
                    }
                }
                case "table" -> placeholders.putIfAbsent("flyway.table", value);
                case "outOfOrder" -> v.put(Setting.OUT_OF_ORDER.name(), value);
                case "encoding" -> v.put(Setting.ENCODING.name(), value);
                case "placeholderReplacement" -> v.put(Setting.PLACEHOLDER_REPLACEMENT.name(), value);
                case "baselineVersion" -> throw new DbShiftException(DbShiftException.BAD_INPUT, named + ": not read. The"
                        + " baseline Flyway recorded is in its history table, which 'dbshift adopt' reads; a new baseline is"
                        + " 'dbshift init --baseline " + value + "'. Remove the key to run this project with dbshift");
                default -> {
                    String expected = AS_DBSHIFT_DOES.get(key);
                    if (expected == null) {
                        throw new DbShiftException(DbShiftException.BAD_INPUT, named + ": not a setting dbshift reads"
                                + " (it reads url, user, password, locations, placeholders.NAME, table, defaultSchema,"
                                + " schemas, outOfOrder, encoding, placeholderReplacement); remove it");
                    }
                    if (!expected.equalsIgnoreCase(value)) {
                        throw new DbShiftException(DbShiftException.BAD_INPUT, named + " = " + value + ": dbshift only"
                                + " does " + expected);
                    }
                }
            }
        }
        if (!placeholders.isEmpty()) {
            v.put(Setting.PLACEHOLDERS.name(), placeholders);
        }
        if (!schemas.isEmpty()) {
            v.put(Setting.SCHEMAS.name(), schemas);
        }
        return v;
    }

    /** Flyway's locations as dbshift's: {@code filesystem:X} is the folder X; unprefixed or {@code classpath:X} the class path. */
    private static List<String> locations(String value, String named) {
        List<String> out = new ArrayList<>();
        for (String l : value.split(",")) {
            String t = l.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("filesystem:")) {
                out.add(t.substring("filesystem:".length()));
            } else if (t.startsWith("classpath:")) {
                out.add(t);
            } else if (t.matches("[a-z0-9]+:.*")) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, named + ": the location '" + t + "' is not a folder"
                        + " or the class path (dbshift reads filesystem: and classpath:)");
            } else {
                out.add("classpath:" + t);
            }
        }
        return out;
    }
}
