package dev.dbshift.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective settings of one command, after every source was merged (file &lt; environment
 * variables &lt; flags). Immutable; {@link #toString()} never shows the password. The value of every
 * setting of the {@link Setting#ALL} table is {@link #get(Setting)}; the named accessors are the same
 * values under the names the rest of dbshift reads them by.
 *
 * @param environment the environment ({@code --env}, {@code DBSHIFT_ENV} or the file's {@code environment}), or null
 * @param values      every setting's value, by setting (none is null: a setting without a value is absent)
 * @param criticalTargets where each critical environment points, from dbshift.toml: {@code reset} refuses them
 *                        whatever the environment of this command is called
 * @param declaredEnvironments the names of {@code [environments.NAME]} in dbshift.toml (empty when none is declared):
 *                 a version directory's {@code <env>.sql} must name one of them
 * @param defaultTarget the version the {@code VERSION} file names, or null
 * @param origins for every setting that has a value, where it came from
 *                (e.g. {@code dbshift.toml [environments.dev]}, {@code env DBSHIFT_URL}, {@code --url})
 */
public record Settings(Path projectDir, String environment, Map<Setting<?>, Object> values,
                       List<CriticalTarget> criticalTargets, List<String> declaredEnvironments, String defaultTarget,
                       Map<String, String> origins) {

    public Settings {
        Map<Setting<?>, Object> present = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        values = Map.copyOf(present);
        criticalTargets = List.copyOf(criticalTargets);
        declaredEnvironments = List.copyOf(declaredEnvironments);
        origins = Map.copyOf(origins);
    }

    /** The value of {@code setting}, or null when it has none. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    public String url() {
        return get(Setting.URL);
    }

    public String user() {
        return get(Setting.USER);
    }

    public Secret password() {
        Secret p = get(Setting.PASSWORD);
        return p == null ? Secret.NONE : p;
    }

    public List<String> schemas() {
        return list(Setting.SCHEMAS);
    }

    public List<String> locations() {
        return list(Setting.LOCATIONS);
    }

    public Map<String, String> placeholders() {
        Map<String, String> p = get(Setting.PLACEHOLDERS);
        return p == null ? Map.of() : p;
    }

    public boolean placeholderReplacement() {
        return get(Setting.PLACEHOLDER_REPLACEMENT);
    }

    /** Also replace placeholders inside string literals. */
    /** The three placeholder settings as the SQL scanner takes them. */
    public dev.dbshift.sql.ScriptOptions.Placeholders placeholderOptions() {
        // Flyway's built-in placeholders as far as the settings know them (a session gives the live values when it runs)
        Map<String, String> values = new java.util.LinkedHashMap<>(
                dev.dbshift.migration.format.FlywayFormat.placeholders(schema(), user(), null));
        values.putAll(placeholders());
        return new dev.dbshift.sql.ScriptOptions.Placeholders(values, placeholderReplacement(), placeholderLiterals());
    }

    public boolean placeholderLiterals() {
        return get(Setting.PLACEHOLDER_LITERALS);
    }

    public List<String> criticalEnvironments() {
        return list(Setting.CRITICAL_ENVIRONMENTS);
    }

    public String historyTable() {
        return get(Setting.HISTORY_TABLE);
    }

    public String runsTable() {
        return get(Setting.RUNS_TABLE);
    }

    public Duration lockTimeout() {
        return get(Setting.LOCK_TIMEOUT);
    }

    public Duration connectTimeout() {
        return get(Setting.CONNECT_TIMEOUT);
    }

    public boolean outOfOrder() {
        return get(Setting.OUT_OF_ORDER);
    }

    public OnFailure onFailure() {
        return get(Setting.ON_FAILURE);
    }

    /** Which history rows record the schema's checksum after them. */
    public SchemaChecksums schemaChecksums() {
        return get(Setting.SCHEMA_CHECKSUM);
    }

    /** The character set scripts are written in (default UTF-8), decoded strictly. */
    public Charset encoding() {
        return get(Setting.ENCODING);
    }

    /** The {@code format} setting: {@code auto}, {@code dbshift} or another tool's layout by name. */
    public String format() {
        return get(Setting.FORMAT);
    }

    /** Whether DDL statements run with a short lock timeout and are tried again (PostgreSQL). */
    public boolean safeDdl() {
        return get(Setting.SAFE_DDL);
    }

    /** How long one try of a DDL statement waits for its lock. */
    public Duration ddlLockTimeout() {
        return get(Setting.DDL_LOCK_TIMEOUT);
    }

    /** How many times a DDL statement (or its migration's transaction) is tried before the migration fails. */
    public int ddlLockTries() {
        return get(Setting.DDL_LOCK_TRIES);
    }

    /** Whether the sessions holding locks a DDL statement needs are named before it runs. */
    public boolean waitForBlockers() {
        return get(Setting.WAIT_FOR_BLOCKERS);
    }

    /** The statement timeout a migration's session runs with (zero: none). */
    public Duration statementTimeout() {
        return get(Setting.STATEMENT_TIMEOUT);
    }

    /** The {@code [lint]} table of dbshift.toml (none: no levels changed, no declared server version). */
    public LintSettings lint() {
        LintSettings l = get(Setting.LINT);
        return l == null ? LintSettings.NONE : l;
    }

    /** The {@code [fleet]} table of dbshift.toml (none: no targets declared). */
    public FleetSettings fleet() {
        FleetSettings f = get(Setting.FLEET);
        return f == null ? FleetSettings.NONE : f;
    }

    /** A list setting's values; none when it has no value. */
    public List<String> list(Setting<List<String>> setting) {
        List<String> l = get(setting);
        return l == null ? List.of() : l;
    }

    /** The schema dbshift works in (first of {@code schemas}), or null for the connection's default. */
    public String schema() {
        return schemas().isEmpty() ? null : schemas().get(0);
    }

    public boolean critical() {
        return environment != null && criticalEnvironments().contains(environment);
    }

    /**
     * Every secret of these settings (the password, and the values of placeholders named like
     * {@code *password*}, {@code *secret*}, {@code *token*}, {@code *key*}): what scrubs messages, printed
     * statements and stored history rows.
     */
    public Secrets secrets() {
        return Secrets.of(password(), placeholders());
    }

    /** The JDBC sub-protocol of the URL (what follows {@code jdbc:}). */
    public String dbType() {
        return ConnectionUrls.subProtocol(url());
    }

    /** The URL with any password in it masked, safe to print. */
    public String maskedUrl() {
        return Secret.maskUrl(url());
    }

    /**
     * What {@code dbshift env} shows, by setting name, in the order of {@link Setting#ALL}: the environment first,
     * the default target last; secrets masked; a setting without a value as null.
     */
    public Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("environment", environment);
        for (Setting<?> s : Setting.ALL) {
            if (s.isShown()) {
                shown.put(s.name(), s.shown(this));
            }
        }
        shown.put("default_target", defaultTarget);
        return shown;
    }

    @Override
    public String toString() {
        return "Settings[url=" + maskedUrl() + ", user=" + user() + ", password=" + password()
                + ", environment=" + environment + ", schemas=" + schemas() + ", locations=" + locations() + "]";
    }

    /** The same settings aimed at another database or schema (a scratch copy, a reference database). */
    public Settings withTarget(String url, String user, Secret password, List<String> schemas,
                               SchemaChecksums schemaChecksums) {
        Map<Setting<?>, Object> v = new HashMap<>(values);
        v.put(Setting.URL, url);
        v.put(Setting.USER, user);
        v.put(Setting.PASSWORD, password);
        v.put(Setting.SCHEMAS, List.copyOf(schemas));
        v.put(Setting.SCHEMA_CHECKSUM, schemaChecksums);
        return new Settings(projectDir, environment, v, criticalTargets, declaredEnvironments, defaultTarget, origins);
    }
}
