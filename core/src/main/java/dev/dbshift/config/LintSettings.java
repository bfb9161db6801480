package dev.dbshift.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code [lint]} table of {@code dbshift.toml}: a level per rule id ({@code RULE = "error"|"warn"|"info"|"off"})
 * and {@code server_version}, the server version rules assume when no database is connected. Read here for its
 * form only (a level must be one of the four); whether a rule id exists is the linter's to say, because only it
 * knows the rules of the configured database (it names the key when one does not).
 *
 * @param levels        level by rule id, lower case, in file order
 * @param serverVersion the declared server version ({@code 16}, {@code 10.11}), when given
 */
public record LintSettings(Map<String, String> levels, Optional<String> serverVersion) {
    public static final LintSettings NONE = new LintSettings(Map.of(), Optional.empty());
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "off");
    private static final String SERVER_VERSION = "server_version";

    public LintSettings {
        levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** The table as the file gives it ({@code null}: none). */
    static LintSettings read(Object o) {
        if (o == null) {
            return NONE;
        }
        if (!(o instanceof JsonNode node) || !node.isObject()) {
            throw new IllegalArgumentException("expected a table, e.g. [lint] server_version = \"16\"");
        }
        Map<String, String> levels = new LinkedHashMap<>();
        String version = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String text = e.getValue().isValueNode() ? e.getValue().asText() : null;
            if (e.getKey().equals(SERVER_VERSION)) {
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException(SERVER_VERSION + ": expected a version, e.g. \"16\" or \"10.11\"");
                }
                version = text.strip();
            } else if (text == null || !LEVELS.contains(text.strip().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(e.getKey() + ": expected \"error\", \"warn\", \"info\" or \"off\", not "
                        + e.getValue());
            } else {
                levels.put(e.getKey(), text.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new LintSettings(levels, Optional.ofNullable(version));
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(levels);
        serverVersion.ifPresent(v -> shown.put(SERVER_VERSION, v));
        return shown.toString();
    }
}
