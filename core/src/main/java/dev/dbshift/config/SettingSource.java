package dev.dbshift.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One source's values, by setting name, and how to name the source of each of them in messages and in
 * {@code dbshift env}: {@code default}, {@code dbshift.toml [environments.dev]}, {@code env DATABASE_URL},
 * {@code --lock-timeout}.
 *
 * @param origin    the source: {@code default}, the file and table, {@code env} or {@code flag}
 * @param values    the values it gives
 * @param variables for the environment: the variable each value came from
 */
record SettingSource(String origin, Map<String, Object> values, Map<String, String> variables) {
    private static final String ENV = "env";
    private static final String FLAG = "flag";
    private static final String PLACEHOLDER_VARIABLE = "DBSHIFT_PLACEHOLDER_";

    SettingSource {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        variables = Map.copyOf(variables);
    }

    /** The defaults of the {@link Setting#ALL} table. */
    static SettingSource defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Setting<?> s : Setting.ALL) {
            if (s.defaultValue() != null) {
                v.put(s.name(), s.defaultValue());
            }
        }
        return new SettingSource("default", v, Map.of());
    }

    static SettingSource file(String origin, Map<String, Object> values) {
        return new SettingSource(origin, values, Map.of());
    }

    static SettingSource flags(Map<String, Object> values) {
        return new SettingSource(FLAG, values, Map.of());
    }

    /**
     * {@code DBSHIFT_<SETTING>} for every setting, {@code DB_URL} and {@code DATABASE_URL} (what platforms set)
     * for the URL, {@code DBSHIFT_PLACEHOLDER_<NAME>} for placeholders. An empty variable is no value.
     */
    static SettingSource environment(Map<String, String> env) {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String generic : java.util.List.of("DB_URL", "DATABASE_URL")) {
            String s = env.get(generic);
            if (s != null && !s.isBlank()) {
                v.put(Setting.URL.name(), s);
                names.put(Setting.URL.name(), generic);
            }
        }
        for (String key : Setting.names(Setting.Scope.LAYERED)) {
            if (key.equals(Setting.PLACEHOLDERS.name())) {
                continue;
            }
            String name = variable(key);
            String s = env.get(name);
            if (s != null && !s.isEmpty()) {
                v.put(key, s);
                names.put(key, name);
            }
        }
        Map<String, Object> placeholders = new LinkedHashMap<>();
        env.forEach((k, s) -> {
            if (k.startsWith(PLACEHOLDER_VARIABLE)) {
                placeholders.put(k.substring(PLACEHOLDER_VARIABLE.length()).toLowerCase(Locale.ROOT), s);
            }
        });
        if (!placeholders.isEmpty()) {
            v.put(Setting.PLACEHOLDERS.name(), placeholders);
            names.put(Setting.PLACEHOLDERS.name(), PLACEHOLDER_VARIABLE + "*");
        }
        return new SettingSource(ENV, v, names);
    }

    /** Where this source's value of {@code key} comes from, as messages name it. */
    String origin(String key) {
        if (origin.equals(FLAG)) {
            return key.equals(Setting.PLACEHOLDERS.name()) ? "-p/--placeholder" : "--" + key.replace('_', '-');
        }
        if (origin.equals(ENV)) {
            return "env " + variables.getOrDefault(key, variable(key));
        }
        return origin;
    }

    private static String variable(String key) {
        return "DBSHIFT_" + key.toUpperCase(Locale.ROOT);
    }
}
