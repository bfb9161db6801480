package dev.dbshift.fleet;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.ConnectionUrls;
import dev.dbshift.config.FleetSettings;
import dev.dbshift.config.Secret;
import dev.dbshift.config.Setting;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Databases;
import dev.dbshift.db.NetworkTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a fleet's targets come from, all of them read and checked before any target is touched: {@code [fleet]
 * targets} and {@code targets_file} of dbshift.toml, a targets file and targets given by the caller, the rows of
 * {@code [fleet] query} on the directory database (through {@code url_template}), and the schemas (databases on
 * MySQL/MariaDB) of the configured server whose name matches a {@code schemas} entry with a {@code %} in it (SQL
 * {@code LIKE}: {@code _} matches any one character). A target named twice is run once.
 */
public final class FleetTargets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final DbShift base;
    private final Settings settings;

    private FleetTargets(DbShift base) {
        this.base = base;
        this.settings = base.settings();
    }

    /**
     * Every target of the fleet of {@code base}'s project.
     *
     * @param given       targets given by the caller (each a URL, {@code URL SCHEMA} or an environment name)
     * @param targetsFile a file of targets given by the caller, or null
     */
    public static List<FleetTarget> resolve(DbShift base, List<String> given, Path targetsFile) {
        return new FleetTargets(base).all(given, targetsFile);
    }

    private List<FleetTarget> all(List<String> given, Path targetsFile) {
        FleetSettings fleet = settings.fleet();
        Map<String, FleetTarget> found = new LinkedHashMap<>();
        int i = 0;
        for (FleetSettings.Entry e : fleet.targets()) {
            i++;
            add(found, target(e.target(), e.schema(), "dbshift.toml [fleet] targets[" + i + "]"));
        }
        if (fleet.targetsFile().isPresent()) {
            Path f = settings.projectDir().resolve(fleet.targetsFile().get());
            file(found, f, "dbshift.toml [fleet] targets_file");
        }
        if (targetsFile != null) {
            file(found, targetsFile, "--targets-file");
        }
        for (String g : given) {
            String[] parts = g.strip().split("\\s+");
            add(found, target(parts[0], parts.length > 1 ? parts[1] : null, "--target " + g));
        }
        if (fleet.query().isPresent()) {
            query(found, fleet);
        }
        List<String> patterns = settings.schemas().stream().filter(s -> s.contains("%")).toList();
        if (!patterns.isEmpty()) {
            pattern(found, patterns);
        }
        if (found.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "the fleet has no target: list them in dbshift.toml"
                    + " ([fleet] targets, targets_file or query), give --targets-file or --target, or --schemas with a"
                    + " pattern such as 'tenant_%'" + (patterns.isEmpty() ? "" : " (the pattern " + String.join(", ", patterns)
                    + " matches no schema on " + settings.maskedUrl() + ")"));
        }
        return List.copyOf(found.values());
    }

    private static void add(Map<String, FleetTarget> found, FleetTarget t) {
        found.putIfAbsent(t.name(), t);
    }

    /** One line per target, {@code URL [SCHEMA]} or an environment name; {@code #} starts a comment line. */
    private void file(Map<String, FleetTarget> found, Path f, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, what + ": cannot read " + f + ": " + e.getMessage(), e);
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length > 2) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, f + ":" + (n + 1) + ": expected a URL, 'URL SCHEMA'"
                        + " or an environment name, not " + parts.length + " words");
            }
            add(found, target(parts[0], parts.length > 1 ? parts[1] : null, f + ":" + (n + 1)));
        }
    }

    /** A URL (with a schema) or an environment name; {@code where} names the source in errors. */
    private FleetTarget target(String text, String schema, String where) {
        if (!text.contains(":") && !text.contains("/")) {
            if (!settings.declaredEnvironments().contains(text)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": unknown target '" + text + "': not an"
                        + " environment of dbshift.toml (" + (settings.declaredEnvironments().isEmpty() ? "none is declared"
                        : "declared: " + String.join(", ", settings.declaredEnvironments())) + ") and not a URL");
            }
            Settings env = base.forTarget(text, null, schema, null).settings();
            return new FleetTarget(schema == null ? text : text + "#" + schema, text, null, schema, server(env.url()));
        }
        String jdbc;
        try {
            jdbc = ConnectionUrls.parse(text, settings.get(Setting.DB_TYPE), where).jdbcUrl();
        } catch (DbShiftException | IllegalArgumentException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": " + Secret.maskUrl(e.getMessage()));
        }
        if (Databases.find(jdbc).isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": unknown target '" + Secret.maskUrl(text)
                    + "': no database dbshift knows has URLs of this form");
        }
        return new FleetTarget(name(jdbc, schema), null, text, schema, server(jdbc));
    }

    /** The URL without {@code jdbc:} and credentials, and {@code #schema}. */
    static String name(String jdbcUrl, String schema) {
        String shown = Secret.maskUrl(jdbcUrl);
        shown = shown.startsWith("jdbc:") ? shown.substring(5) : shown;
        return schema == null ? shown : shown + "#" + schema;
    }

    /** {@code host:port} of a server URL (every host of it); a file database is its own server. */
    static String server(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.contains("//")) {
            return String.valueOf(jdbcUrl);
        }
        return String.join(",", NetworkTarget.parse(jdbcUrl, 0).hosts());
    }

    /** The rows of {@code [fleet] query} on the directory database, each a target through {@code url_template}. */
    private void query(Map<String, FleetTarget> found, FleetSettings fleet) {
        String sql = fleet.query().get();
        String template = fleet.urlTemplate().orElse(null);
        try (Connection c = directory(base).connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int row = 0;
            while (rs.next()) {
                row++;
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                }
                String where = "dbshift.toml [fleet] query, row " + row;
                String url = template == null ? columns.get("url") : fill(template, columns);
                if (url == null || url.isBlank()) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, where + ": no URL: the query returns no 'url' column"
                            + " (columns: " + String.join(", ", columns.keySet()) + "); give [fleet] url_template");
                }
                String schema = columns.containsKey("schema") ? columns.get("schema") : columns.get("schema_name");
                add(found, target(url, schema, where));
            }
        } catch (SQLException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "dbshift.toml [fleet] query on the directory database "
                    + directory(base).settings().maskedUrl() + ": " + settings.secrets().scrub(e.getMessage()), e);
        }
    }

    private static String fill(String template, Map<String, String> columns) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = columns.containsKey(key) ? columns.get(key)
                    : key.equals("schema") ? columns.get("schema_name") : key.equals("database") ? columns.get("database_name") : null;
            if (value == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "dbshift.toml [fleet] url_template: {" + m.group(1)
                        + "} is no column of the query (columns: " + String.join(", ", columns.keySet()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The schemas of the configured server whose names match a pattern, each a target on the configured URL. */
    private void pattern(Map<String, FleetTarget> found, List<String> patterns) {
        String url = settings.url();
        try (Connection c = base.connect();
             PreparedStatement ps = c.prepareStatement("SELECT schema_name FROM information_schema.schemata"
                     + " WHERE schema_name LIKE ? ORDER BY schema_name")) {
            for (String p : patterns) {
                ps.setString(1, p);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String schema = rs.getString(1);
                        // the configured URL itself (null), so credentials that came inside it stay with it
                        found.putIfAbsent(name(url, schema), new FleetTarget(name(url, schema), null, null, schema, server(url)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DbShiftException(DbShiftException.UNREACHABLE, "schemas " + String.join(", ", patterns) + ": cannot list the"
                    + " schemas of " + settings.maskedUrl() + ": " + settings.secrets().scrub(e.getMessage()), e);
        }
    }

    /** The directory database: {@code [fleet] directory}, else the project's own URL. */
    static DbShift directory(DbShift base) {
        return base.settings().fleet().directory().map(u -> base.forTarget(null, u, null, null)).orElse(base);
    }
}
