package dev.dbshift.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code dbshift.toml} source: reads the file (syntax errors name line and column) and turns its top level
 * or one {@code [environments.NAME]} table into a layer of settings, with {@code ${env:NAME}} replaced by the
 * environment variable. An unknown key is an error listing the known ones: a misspelt setting silently ignored
 * would be a setting silently not applied.
 */
final class SettingsFile {
    static final String FILE_NAME = "dbshift.toml";
    /** Keys of the top level that are no layered setting: they say which environment, and which are protected. */
    private static final Set<String> TOP_ONLY;
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    static {
        Set<String> top = new TreeSet<>(Setting.names(Setting.Scope.FILE_TOP_LEVEL));
        top.add("environment");
        top.add("environments");
        TOP_ONLY = Set.copyOf(top);
    }

    private SettingsFile() {
    }

    static JsonNode read(Path file) {
        try {
            return Toml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new DbShiftException(DbShiftException.BAD_INPUT, file.getFileName() + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The names of the {@code [environments.NAME]} tables, in file order. */
    static List<String> environmentNames(JsonNode envs) {
        List<String> names = new ArrayList<>();
        if (envs != null) {
            envs.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /**
     * One table's settings.
     *
     * @param top whether it is the file's top level (which also holds {@code environment}, {@code environments}
     *            and the file-only settings, read elsewhere)
     */
    static Map<String, Object> layer(JsonNode node, String origin, boolean top, Map<String, String> env) {
        if (!node.isObject()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, origin + ": expected a table of settings");
        }
        List<String> keys = Setting.names(Setting.Scope.LAYERED);
        Map<String, Object> v = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (top && TOP_ONLY.contains(key)) {
                continue;
            }
            if (!keys.contains(key)) {
                Set<String> known = new TreeSet<>(keys);
                if (top) {
                    known.addAll(TOP_ONLY);
                }
                throw new DbShiftException(DbShiftException.BAD_INPUT, origin + ": unknown setting '" + key
                        + "' (known: " + String.join(", ", known) + ")");
            }
            JsonNode val = e.getValue();
            String where = origin + " " + key;
            if (key.equals(Setting.PLACEHOLDERS.name())) {
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
}
