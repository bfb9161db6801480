package dev.dbshift.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code [fleet]} table of {@code dbshift.toml}: where a fleet's targets come from and how many run at once.
 * Read here for its form only (an unknown key, a bad number, a target that is neither text nor a table are refused
 * naming the key); whether a target names a declared environment or a reachable server is the fleet's to say.
 *
 * @param targets     each a URL, an environment name, or (as {@code {url=…, schema=…}}) a URL with its schema
 * @param targetsFile a file of targets, one per line ({@code URL [SCHEMA]} or an environment name)
 * @param query       a query on the directory database whose rows are the targets
 * @param urlTemplate the URL of a row of {@code query}: {@code {column}} replaced by the row's value
 * @param directory   the directory database's URL (default: the project's URL)
 * @param parallel    targets at once in total
 * @param perServer   targets at once on one server
 * @param report      the fleet report file
 * @param reportTable the fleet report table in the directory database
 */
public record FleetSettings(List<Entry> targets, Optional<String> targetsFile, Optional<String> query,
                            Optional<String> urlTemplate, Optional<String> directory, Optional<Integer> parallel,
                            Optional<Integer> perServer, Optional<String> report, Optional<String> reportTable) {
    public static final FleetSettings NONE = new FleetSettings(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    private static final Set<String> KEYS = new TreeSet<>(List.of("targets", "targets_file", "query", "url_template",
            "directory", "parallel", "per_server", "report", "report_table"));

    /** One entry of {@code targets}: a URL or environment name, and the schema when the entry gave one. */
    public record Entry(String target, String schema) {
    }

    public FleetSettings {
        targets = List.copyOf(targets);
    }

    static FleetSettings read(Object o) {
        if (o == null) {
            return NONE;
        }
        if (!(o instanceof JsonNode node) || !node.isObject()) {
            throw new IllegalArgumentException("expected a table, e.g. [fleet] targets = [\"prod-eu\", \"prod-us\"]");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        List<Entry> targets = new ArrayList<>();
        JsonNode t = node.get("targets");
        if (t != null) {
            if (!t.isArray()) {
                throw new IllegalArgumentException("targets: expected a list, e.g. targets = [\"prod-eu\", \"postgres://db2/app\"]");
            }
            int i = 0;
            for (JsonNode e : t) {
                i++;
                if (e.isTextual() && !e.asText().isBlank()) {
                    targets.add(new Entry(e.asText().strip(), null));
                } else if (e.isObject() && e.hasNonNull("url") && e.get("url").isTextual()) {
                    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                        String k = it.next();
                        if (!k.equals("url") && !k.equals("schema")) {
                            throw new IllegalArgumentException("targets[" + i + "]: unknown key '" + k + "' (known: schema, url)");
                        }
                    }
                    targets.add(new Entry(e.get("url").asText().strip(), e.hasNonNull("schema") ? e.get("schema").asText() : null));
                } else {
                    throw new IllegalArgumentException("targets[" + i + "]: expected a URL or an environment name, or"
                            + " { url = \"…\", schema = \"…\" }, not " + e);
                }
            }
        }
        return new FleetSettings(targets, text(node, "targets_file"), text(node, "query"), text(node, "url_template"),
                text(node, "directory"), count(node, "parallel"), count(node, "per_server"), text(node, "report"),
                text(node, "report_table").map(FleetSettings::table));
    }

    private static String table(String name) {
        try {
            return SettingValues.identifier(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("report_table: " + e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(key + ": expected text, not " + v);
        }
        return Optional.of(v.asText());
    }

    private static Optional<Integer> count(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SettingValues.positive(v.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        shown.put("targets", targets.size());
        targetsFile.ifPresent(f -> shown.put("targets_file", f));
        query.ifPresent(q -> shown.put("query", q));
        parallel.ifPresent(n -> shown.put("parallel", n));
        perServer.ifPresent(n -> shown.put("per_server", n));
        return shown.toString();
    }
}
