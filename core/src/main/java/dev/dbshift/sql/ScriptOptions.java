package dev.dbshift.sql;

import java.util.Map;

/**
 * How to read one script.
 *
 * @param source       name used in errors, e.g. {@code migrations/1.2__x.sql}
 * @param placeholders values for {@code ${name}}; replaced outside comments and literals
 * @param replacePlaceholders false leaves {@code ${...}} untouched
 */
public record ScriptOptions(String source, Map<String, String> placeholders, boolean replacePlaceholders) {
    public ScriptOptions {
        placeholders = Map.copyOf(placeholders);
    }

    public static ScriptOptions of(String source) {
        return new ScriptOptions(source, Map.of(), false);
    }
}
