package dev.dbshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbshift.DbShiftException;
import dev.dbshift.db.Databases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the sources of settings into {@link Settings}: defaults &lt; a Flyway project's {@code flyway.conf} or
 * {@code flyway.toml} ({@link FlywayConfig}) &lt; {@code dbshift.toml} (top level,
 * then {@code [environments.<name>]}) &lt; environment variables &lt; flags. Each layer is a plain map of
 * setting name to value plus where it came from ({@link SettingSource}), so {@code dbshift env} can say for
 * every setting which source won; the {@link Setting} table says how each value is read. A bad value is an
 * error that names the setting and its source.
 */
public final class SettingsLoader {
    public static final String FILE_NAME = SettingsFile.FILE_NAME;

    private SettingsLoader() {
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
        JsonNode toml = Files.isRegularFile(file) ? SettingsFile.read(file) : null;

        // which environment
        String environment = SettingValues.str(flags.get("environment"));
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
        List<String> declared = SettingsFile.environmentNames(envs);
        if (environment != null && envs != null && !envs.has(environment)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, envOrigin + ": environment '" + environment
                    + "' is not defined in " + FILE_NAME + " (defined: " + String.join(", ", declared) + ")");
        }

        List<SettingSource> layers = new ArrayList<>();
        layers.add(SettingSource.defaults());
        // a Flyway project's flyway.conf / flyway.toml, under dbshift.toml
        SettingSource flyway = FlywayConfig.layer(dir, environment, env);
        if (flyway != null) {
            layers.add(flyway);
        }
        List<String> critical = List.of();
        Map<String, String> origins = new LinkedHashMap<>();
        if (toml != null) {
            layers.add(SettingSource.file(FILE_NAME, SettingsFile.layer(toml, FILE_NAME, true, env)));
            if (toml.has(Setting.CRITICAL_ENVIRONMENTS.name())) {
                critical = SettingValues.stringList(toml.get(Setting.CRITICAL_ENVIRONMENTS.name()));
                origins.put(Setting.CRITICAL_ENVIRONMENTS.name(), FILE_NAME);
                // a misspelt critical environment would protect nothing
                for (String name : critical) {
                    if (envs != null && !envs.has(name)) {
                        throw new DbShiftException(DbShiftException.BAD_INPUT, FILE_NAME + " critical_environments: environment '"
                                + name + "' is not defined in " + FILE_NAME + " (defined: " + String.join(", ", declared) + ")");
                    }
                }
            }
            if (environment != null && envs != null) {
                String origin = FILE_NAME + " [environments." + environment + "]";
                layers.add(SettingSource.file(origin, SettingsFile.layer(envs.get(environment), origin, false, env)));
            }
        }
        layers.add(SettingSource.environment(env));
        Map<String, Object> flagValues = new LinkedHashMap<>(flags);
        flagValues.remove("environment");
        layers.add(SettingSource.flags(flagValues));

        Map<String, Object> raw = merge(layers, origins);
        migratoreConnection(raw, origins, env);
        if (environment != null) {
            origins.put("environment", envOrigin);
        }

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : Setting.ALL) {
            if (s.scope() == Setting.Scope.LAYERED) {
                values.put(s, read(s, raw.get(s.name()), origins));
            }
        }
        values.put(Setting.CRITICAL_ENVIRONMENTS, critical);
        if (toml != null && toml.has(Setting.LINT.name())) {
            origins.put(Setting.LINT.name(), FILE_NAME + " [lint]");
        }
        values.put(Setting.LINT, read(Setting.LINT, toml == null ? null : toml.get(Setting.LINT.name()), origins));
        if (toml != null && toml.has(Setting.FLEET.name())) {
            origins.put(Setting.FLEET.name(), FILE_NAME + " [fleet]");
        }
        values.put(Setting.FLEET, read(Setting.FLEET, toml == null ? null : toml.get(Setting.FLEET.name()), origins));
        values.put(Setting.URL, inProject((String) values.get(Setting.URL), dir));
        List<CriticalTarget> criticalTargets = new ArrayList<>();
        for (String name : critical) {
            criticalTargets.add(criticalTarget(name, toml, envs, env, dir));
        }
        return new Settings(dir, environment, values, criticalTargets, declared, readVersionFile(dir), origins);
    }

    /**
     * When no source but the defaults gave the URL: migratore's variables ({@link MigratoreVariables}), if set,
     * give it, and the user and password no dbshift setting gave.
     */
    private static void migratoreConnection(Map<String, Object> raw, Map<String, String> origins, Map<String, String> env) {
        String url = Setting.URL.name();
        if (!"default".equals(origins.get(url))) {
            return;
        }
        Object dbType = raw.get(Setting.DB_TYPE.name());
        MigratoreVariables.read(env, dbType == null ? null : dbType.toString()).ifPresent(c -> {
            raw.put(url, c.url());
            origins.put(url, c.urlOrigin());
            if (c.user() != null && raw.get(Setting.USER.name()) == null) {
                raw.put(Setting.USER.name(), c.user());
                origins.put(Setting.USER.name(), c.userOrigin());
            }
            if (c.password() != null && raw.get(Setting.PASSWORD.name()) == null) {
                raw.put(Setting.PASSWORD.name(), c.password());
                origins.put(Setting.PASSWORD.name(), c.passwordOrigin());
            }
        });
    }

    /** A merged value read by its setting; a bad one names the setting and the source it came from. */
    private static Object read(Setting<?> setting, Object value, Map<String, String> origins) {
        try {
            return setting.read(value);
        } catch (IllegalArgumentException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, setting.name() + " (from " + origins.get(setting.name())
                    + "): " + e.getMessage());
        }
    }

    /**
     * The layers merged, later over earlier: placeholders name by name, anything else whole. Fills in where each
     * winning value came from.
     */
    private static Map<String, Object> merge(List<SettingSource> layers, Map<String, String> origins) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        String dbType = null;
        for (SettingSource layer : layers) {
            Object t = layer.values().get(Setting.DB_TYPE.name());
            if (t != null) {
                dbType = t.toString();
            }
        }
        // a user or password taken from a URL's user-info belongs to that URL: a later URL without its own drops them
        Set<String> fromUrl = new HashSet<>();
        for (SettingSource layer : layers) {
            ConnectionUrls.Expanded x = ConnectionUrls.expand(layer, dbType);
            Map<String, Object> v = x.values();
            if (v.get(Setting.URL.name()) != null) {
                for (String credential : List.of(Setting.USER.name(), Setting.PASSWORD.name())) {
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
                if (sourceKey != null && !e.getKey().equals(Setting.URL.name())) {
                    fromUrl.add(e.getKey());
                } else {
                    fromUrl.remove(e.getKey());
                }
                if (e.getKey().equals(Setting.PLACEHOLDERS.name())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) e.getValue();
                    p.forEach((k, val) -> placeholders.put(k, String.valueOf(val)));
                    // placeholders merge name by name, so every source that gave some is named
                    String before = origins.get(e.getKey());
                    String here = layer.origin(e.getKey());
                    origins.put(e.getKey(), before == null || before.equals(here) ? here : before + ", " + here);
                    continue;
                }
                values.put(e.getKey(), e.getValue());
                origins.put(e.getKey(), layer.origin(sourceKey != null ? sourceKey : e.getKey()));
            }
        }
        values.put(Setting.PLACEHOLDERS.name(), placeholders);
        return values;
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
                if (t.hasNonNull(Setting.DB_TYPE.name())) {
                    dbType = SettingsFile.interpolate(t.get(Setting.DB_TYPE.name()).asText(), origin + " db_type", env);
                }
            }
            for (JsonNode t : tables) {
                String key = t.hasNonNull(Setting.DSN.name()) ? Setting.DSN.name()
                        : t.hasNonNull(Setting.URL.name()) ? Setting.URL.name() : null;
                if (key != null) {
                    String text = SettingsFile.interpolate(t.get(key).asText(), origin + " " + key, env);
                    url = ConnectionUrls.parse(text, dbType, origin + " " + key).jdbcUrl();
                }
                if (t.has(Setting.SCHEMAS.name())) {
                    schemas = SettingValues.stringList(t.get(Setting.SCHEMAS.name()));
                }
            }
            if (url == null) {
                url = (String) Setting.URL.defaultValue();
            }
            return new CriticalTarget(name, inProject(url, dir), schemas.isEmpty() ? null : schemas.get(0), origin, null);
        } catch (DbShiftException | IllegalArgumentException e) {
            return new CriticalTarget(name, null, null, origin, e.getMessage());
        }
    }

    /** An embedded database's relative file is the project's: each database knows which of its URLs name one. */
    static String inProject(String url, Path dir) {
        return url == null ? null : Databases.find(url).map(d -> d.inProject(url, dir)).orElse(url);
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

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, a number of seconds, or ISO-8601 {@code PT30S}. */
    public static Duration duration(Object o, String key, String origin) {
        try {
            return SettingValues.duration(o);
        } catch (IllegalArgumentException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, key + " (from " + origin + "): " + e.getMessage());
        }
    }
}
