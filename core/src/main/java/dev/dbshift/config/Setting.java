package dev.dbshift.config;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One setting: its name (the same in {@code dbshift.toml}, as {@code DBSHIFT_<NAME>} and as {@code --<name>}),
 * its default, how a value from any source is read, and how {@code dbshift env} shows it. {@link #ALL} is the
 * table of every setting: adding one is a line here (and, to give it a flag, an option in the command line),
 * read back with {@link Settings#get(Setting)}.
 *
 * @param defaultValue the value before any source, as a source would write it; null for none
 * @param read         turns a source's value (text, boolean or list; null when no source gave one) into the
 *                     setting's value; an {@link IllegalArgumentException} says why a value is bad, and the
 *                     loader names the setting and the source that gave it
 * @param shown        what {@code dbshift env} shows, secrets masked; null for an input that is not shown
 *                     (a {@code dsn} is shown as the URL, user and password it became)
 * @param scope        which sources may give it
 */
public record Setting<T>(String name, Object defaultValue, Function<Object, T> read, Function<Settings, Object> shown,
                         Scope scope) {

    /**
     * Each setting is one constant of this table, so a setting is equal only to itself. A record's own hashCode goes
     * through a bootstrap method on its first call (4 ms of every command's start) and hashes the functions too.
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Which sources may give a setting. */
    public enum Scope {
        /** every source: defaults, the file's top level, its environment's table, environment variables, flags */
        LAYERED,
        /** the top level of {@code dbshift.toml} only (it says which environments are protected, so no
         * environment, variable or flag may change it); the loader reads it itself */
        FILE_TOP_LEVEL
    }

    /**
     * The embedded default: an H2 file database in the project, so that a new project runs with no settings at
     * all. Written here, once, because it is the one URL that no source gives; everything else about it (that
     * its path is relative to the project) is the database's own knowledge.
     */
    static final String DEFAULT_URL = "jdbc:h2:file:./db/dbshift";

    public static final Setting<String> URL = layered("url", DEFAULT_URL, SettingValues::str, Settings::maskedUrl);
    public static final Setting<String> USER = layered("user", null, SettingValues::str, Settings::user);
    public static final Setting<Secret> PASSWORD = layered("password", null, o -> Secret.of(SettingValues.str(o)),
            s -> s.password().toString());
    public static final Setting<String> DSN = layered("dsn", null, SettingValues::str, null);
    public static final Setting<List<String>> SCHEMAS = layered("schemas", null, SettingValues::stringList,
            s -> String.join(",", s.schemas()));
    public static final Setting<List<String>> LOCATIONS = layered("locations", List.of("migrations"),
            SettingValues::stringList, s -> String.join(",", s.locations()));
    /** Shown as the URL's JDBC sub-protocol: what the URL reaches, whether or not {@code db_type} was set. */
    public static final Setting<String> DB_TYPE = layered("db_type", null, SettingValues::str, Settings::dbType);
    /** Merged name by name across the sources; the values of secret-looking names are masked when shown. */
    public static final Setting<Map<String, String>> PLACEHOLDERS = layered("placeholders", null, SettingValues::stringMap,
            s -> {
                Map<String, String> shown = new TreeMap<>();
                s.placeholders().forEach((k, v) -> shown.put(k, Secrets.shown(k, v)));
                return shown.toString();
            });
    public static final Setting<Boolean> PLACEHOLDER_REPLACEMENT = layered("placeholder_replacement", true,
            SettingValues::bool, Settings::placeholderReplacement);
    public static final Setting<Boolean> PLACEHOLDER_LITERALS = layered("placeholder_literals", false,
            SettingValues::bool, Settings::placeholderLiterals);
    public static final Setting<List<String>> CRITICAL_ENVIRONMENTS = new Setting<>("critical_environments", null,
            SettingValues::stringList, s -> String.join(",", s.criticalEnvironments()), Scope.FILE_TOP_LEVEL);
    public static final Setting<String> HISTORY_TABLE = layered("history_table", "dbshift_history",
            SettingValues::identifier, Settings::historyTable);
    public static final Setting<String> RUNS_TABLE = layered("runs_table", "dbshift_runs",
            SettingValues::identifier, Settings::runsTable);
    public static final Setting<Duration> LOCK_TIMEOUT = layered("lock_timeout", "5m", SettingValues::duration,
            s -> s.lockTimeout().toString().substring(2).toLowerCase(Locale.ROOT));
    /**
     * How long connecting to a server may take, its greeting and login included ({@code 0}: as long as the driver
     * waits, which for PostgreSQL's is for ever): a server that accepts the connection and then never answers (stopped,
     * or behind a proxy whose backend is gone) stops the command with exit 5 instead of holding it.
     */
    public static final Setting<Duration> CONNECT_TIMEOUT = layered("connect_timeout", "30s", SettingValues::duration,
            s -> SettingValues.shown(s.connectTimeout()));
    public static final Setting<Boolean> OUT_OF_ORDER = layered("out_of_order", false, SettingValues::bool,
            Settings::outOfOrder);
    public static final Setting<OnFailure> ON_FAILURE = layered("on_failure", "stop", o -> OnFailure.parse(SettingValues.str(o)),
            s -> s.onFailure().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    public static final Setting<SchemaChecksums> SCHEMA_CHECKSUM = layered("schema_checksum", "last",
            o -> SchemaChecksums.parse(SettingValues.str(o)), s -> s.schemaChecksums().name().toLowerCase(Locale.ROOT));
    /** The {@code [lint]} table: rule levels and the declared server version (top level of the file only). */
    public static final Setting<LintSettings> LINT = new Setting<>("lint", null, LintSettings::read,
            s -> s.lint().toString(), Scope.FILE_TOP_LEVEL);
    /** The {@code [fleet]} table: where a fleet's targets come from, how many run at once (top level of the file only). */
    public static final Setting<FleetSettings> FLEET = new Setting<>("fleet", null, FleetSettings::read,
            s -> s.fleet().toString(), Scope.FILE_TOP_LEVEL);
    public static final Setting<Charset> ENCODING = layered("encoding", "UTF-8", SettingValues::encoding,
            s -> s.encoding().name());

    /**
     * Which layout the migration folders are in: {@code auto} (each location detected: another tool's layout when
     * its files say so, else dbshift's), {@code dbshift}, or a tool's name ({@code golang-migrate}, {@code goose},
     * {@code flyway}, {@code liquibase}...); an unknown name is refused when the folders are read.
     */
    public static final Setting<String> FORMAT = layered("format", "auto", SettingValues::str, Settings::format);

    /**
     * Safe DDL (PostgreSQL): each DDL statement waits at most {@code ddl_lock_timeout} for its lock and is tried
     * again, up to {@code ddl_lock_tries} times, instead of queueing every later reader and writer behind it.
     */
    public static final Setting<Boolean> SAFE_DDL = layered("safe_ddl", true, SettingValues::bool, Settings::safeDdl);
    public static final Setting<Duration> DDL_LOCK_TIMEOUT = layered("ddl_lock_timeout", "2s", SettingValues::duration,
            s -> SettingValues.shown(s.ddlLockTimeout()));
    public static final Setting<Integer> DDL_LOCK_TRIES = layered("ddl_lock_tries", 10, SettingValues::positive,
            Settings::ddlLockTries);
    /** Before each DDL statement, name the sessions that hold locks on its tables (and would make it wait). */
    public static final Setting<Boolean> WAIT_FOR_BLOCKERS = layered("wait_for_blockers", false, SettingValues::bool,
            Settings::waitForBlockers);
    /** The server's statement timeout for a migration's session, set explicitly ({@code 0}: none), never inherited. */
    public static final Setting<Duration> STATEMENT_TIMEOUT = layered("statement_timeout", "0", SettingValues::duration,
            s -> SettingValues.shown(s.statementTimeout()));

    /**
     * {@code -- dbshift:online} migrations: the copy waits while a replica lags more than {@code online_max_lag}
     * ({@code 0}: lag is not looked at), measured on {@code online_replicas} (JDBC URLs; none: the replicas the
     * primary lists), and stops when a replica's lag cannot be measured for {@code online_lag_timeout}.
     */
    public static final Setting<Duration> ONLINE_MAX_LAG = layered("online_max_lag", "0", SettingValues::duration,
            s -> SettingValues.shown(s.get(Setting.ONLINE_MAX_LAG)));
    public static final Setting<List<String>> ONLINE_REPLICAS = layered("online_replicas", null, SettingValues::stringList,
            s -> String.join(",", s.list(Setting.ONLINE_REPLICAS)));
    public static final Setting<Duration> ONLINE_LAG_TIMEOUT = layered("online_lag_timeout", "5m", SettingValues::duration,
            s -> SettingValues.shown(s.get(Setting.ONLINE_LAG_TIMEOUT)));
    /**
     * {@code -- dbshift:online} migrations: how long, in all, the checksum's re-copy waits for rows the application
     * holds before the change stops (kept for {@code online resume}), as {@code online alter --row-lock-wait}.
     */
    public static final Setting<Duration> ONLINE_ROW_LOCK_WAIT = layered("online_row_lock_wait", "5m", SettingValues::duration,
            s -> SettingValues.shown(s.get(Setting.ONLINE_ROW_LOCK_WAIT)));

    /** Every setting, in the order {@code dbshift env} shows them. */
    public static final List<Setting<?>> ALL = List.of(URL, USER, PASSWORD, DSN, SCHEMAS, LOCATIONS, DB_TYPE, PLACEHOLDERS,
            PLACEHOLDER_REPLACEMENT, PLACEHOLDER_LITERALS, CRITICAL_ENVIRONMENTS, HISTORY_TABLE, RUNS_TABLE, LOCK_TIMEOUT,
            CONNECT_TIMEOUT, OUT_OF_ORDER, ON_FAILURE, SCHEMA_CHECKSUM, ENCODING, FORMAT, SAFE_DDL, DDL_LOCK_TIMEOUT, DDL_LOCK_TRIES,
            WAIT_FOR_BLOCKERS, STATEMENT_TIMEOUT, ONLINE_MAX_LAG, ONLINE_REPLICAS, ONLINE_LAG_TIMEOUT, ONLINE_ROW_LOCK_WAIT, LINT, FLEET);

    private static <T> Setting<T> layered(String name, Object defaultValue, Function<Object, T> read,
                                          Function<Settings, Object> shown) {
        return new Setting<>(name, defaultValue, read, shown, Scope.LAYERED);
    }

    /** The names of the settings {@code scope} allows, in table order. */
    static List<String> names(Scope scope) {
        return ALL.stream().filter(s -> s.scope == scope).map(Setting::name).toList();
    }

    /** The setting called {@code name}. */
    static Setting<?> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}
