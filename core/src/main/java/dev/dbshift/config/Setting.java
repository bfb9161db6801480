package dev.dbshift.config;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One setting: its name (the same in {@code dbshift.toml}, as {@code DBSHIFT_<NAME>} and as {@code --<name>}),
 * its default, how a value from any source is read, and how {@code dbshift env} shows it. {@link #ALL} is the
 * table of every setting: adding one is a line here (and, to give it a flag, an option in the command line),
 * read back with {@link Settings#get(Setting)}.
 *
 * <p>How a value is read and shown is a {@link Kind} and a {@code switch}, not a function per setting: the table is
 * read by every command before it connects (on the connection opened ahead, the path the command waits on), and its
 * 62 lambdas and method references cost ~12 ms of class set-up there (JDK 17, class-data archive in use), linking
 * one call site each.
 *
 * @param defaultValue the value before any source, as a source would write it; null for none
 * @param kind         how a source's value (text, boolean or list; null when no source gave one) becomes the
 *                     setting's value ({@link #read}) and how {@code dbshift env} shows it ({@link #shown})
 * @param scope        which sources may give it
 */
public record Setting<T>(String name, Object defaultValue, Kind kind, Scope scope) {

    /**
     * Each setting is one constant of this table, so a setting is equal only to itself. A record's own hashCode goes
     * through a bootstrap method on its first call (4 ms of every command's start) and hashes every component.
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

    /** What a setting's value is: how a source's value is read into it, and how {@code dbshift env} shows it. */
    public enum Kind {
        TEXT, SECRET, LIST, PLACEHOLDERS, BOOLEAN, IDENTIFIER, DURATION, POSITIVE, ENCODING, ON_FAILURE, SCHEMA_CHECKSUMS,
        LINT, FLEET,
        /** a number from 0 to 100, fractions allowed (a nice ratio) */
        RATIO,
        /** an input that becomes other settings (a {@code dsn} is shown as the URL, user and password it became) */
        INPUT
    }

    /**
     * The embedded default: an H2 file database in the project, so that a new project runs with no settings at
     * all. Written here, once, because it is the one URL that no source gives; everything else about it (that
     * its path is relative to the project) is the database's own knowledge.
     */
    static final String DEFAULT_URL = "jdbc:h2:file:./db/dbshift";

    /** Shown with any password in it masked. */
    public static final Setting<String> URL = layered("url", DEFAULT_URL, Kind.TEXT);
    public static final Setting<String> USER = layered("user", null, Kind.TEXT);
    public static final Setting<Secret> PASSWORD = layered("password", null, Kind.SECRET);
    public static final Setting<String> DSN = layered("dsn", null, Kind.INPUT);
    public static final Setting<List<String>> SCHEMAS = layered("schemas", null, Kind.LIST);
    public static final Setting<List<String>> LOCATIONS = layered("locations", List.of("migrations"), Kind.LIST);
    /** Shown as the URL's JDBC sub-protocol: what the URL reaches, whether or not {@code db_type} was set. */
    public static final Setting<String> DB_TYPE = layered("db_type", null, Kind.TEXT);
    /** Merged name by name across the sources; the values of secret-looking names are masked when shown. */
    public static final Setting<Map<String, String>> PLACEHOLDERS = layered("placeholders", null, Kind.PLACEHOLDERS);
    public static final Setting<Boolean> PLACEHOLDER_REPLACEMENT = layered("placeholder_replacement", true, Kind.BOOLEAN);
    public static final Setting<Boolean> PLACEHOLDER_LITERALS = layered("placeholder_literals", false, Kind.BOOLEAN);
    public static final Setting<List<String>> CRITICAL_ENVIRONMENTS = new Setting<>("critical_environments", null,
            Kind.LIST, Scope.FILE_TOP_LEVEL);
    public static final Setting<String> HISTORY_TABLE = layered("history_table", "dbshift_history", Kind.IDENTIFIER);
    public static final Setting<String> RUNS_TABLE = layered("runs_table", "dbshift_runs", Kind.IDENTIFIER);
    /** Shown as {@link Duration#toString} writes it, lower case and without {@code PT} ({@code 1m30s}). */
    public static final Setting<Duration> LOCK_TIMEOUT = layered("lock_timeout", "5m", Kind.DURATION);
    /**
     * How long connecting to a server may take, its greeting and login included ({@code 0}: as long as the driver
     * waits, which for PostgreSQL's is for ever): a server that accepts the connection and then never answers (stopped,
     * or behind a proxy whose backend is gone) stops the command with exit 5 instead of holding it.
     */
    public static final Setting<Duration> CONNECT_TIMEOUT = layered("connect_timeout", "30s", Kind.DURATION);
    public static final Setting<Boolean> OUT_OF_ORDER = layered("out_of_order", false, Kind.BOOLEAN);
    public static final Setting<OnFailure> ON_FAILURE = layered("on_failure", "stop", Kind.ON_FAILURE);
    public static final Setting<SchemaChecksums> SCHEMA_CHECKSUM = layered("schema_checksum", "last", Kind.SCHEMA_CHECKSUMS);
    /** The {@code [lint]} table: rule levels and the declared server version (top level of the file only). */
    public static final Setting<LintSettings> LINT = new Setting<>("lint", null, Kind.LINT, Scope.FILE_TOP_LEVEL);
    /** The {@code [fleet]} table: where a fleet's targets come from, how many run at once (top level of the file only). */
    public static final Setting<FleetSettings> FLEET = new Setting<>("fleet", null, Kind.FLEET, Scope.FILE_TOP_LEVEL);
    public static final Setting<Charset> ENCODING = layered("encoding", "UTF-8", Kind.ENCODING);

    /**
     * Which layout the migration folders are in: {@code auto} (each location detected: another tool's layout when
     * its files say so, else dbshift's), {@code dbshift}, or a tool's name ({@code golang-migrate}, {@code goose},
     * {@code flyway}, {@code liquibase}...); an unknown name is refused when the folders are read.
     */
    public static final Setting<String> FORMAT = layered("format", "auto", Kind.TEXT);

    /**
     * Safe DDL (PostgreSQL): each DDL statement waits at most {@code ddl_lock_timeout} for its lock and is tried
     * again, up to {@code ddl_lock_tries} times, instead of queueing every later reader and writer behind it.
     */
    public static final Setting<Boolean> SAFE_DDL = layered("safe_ddl", true, Kind.BOOLEAN);
    public static final Setting<Duration> DDL_LOCK_TIMEOUT = layered("ddl_lock_timeout", "2s", Kind.DURATION);
    public static final Setting<Integer> DDL_LOCK_TRIES = layered("ddl_lock_tries", 10, Kind.POSITIVE);
    /** Before each DDL statement, name the sessions that hold locks on its tables (and would make it wait). */
    public static final Setting<Boolean> WAIT_FOR_BLOCKERS = layered("wait_for_blockers", false, Kind.BOOLEAN);
    /** The server's statement timeout for a migration's session, set explicitly ({@code 0}: none), never inherited. */
    public static final Setting<Duration> STATEMENT_TIMEOUT = layered("statement_timeout", "0", Kind.DURATION);

    /**
     * {@code -- dbshift:online} migrations: the copy waits while a replica lags more than {@code online_max_lag}
     * ({@code 0}: lag is not looked at), measured on {@code online_replicas} (JDBC URLs; none: the replicas the
     * primary lists), and stops when a replica's lag cannot be measured for {@code online_lag_timeout}.
     */
    public static final Setting<Duration> ONLINE_MAX_LAG = layered("online_max_lag", "0", Kind.DURATION);
    public static final Setting<List<String>> ONLINE_REPLICAS = layered("online_replicas", null, Kind.LIST);
    public static final Setting<Duration> ONLINE_LAG_TIMEOUT = layered("online_lag_timeout", "5m", Kind.DURATION);
    /**
     * {@code -- dbshift:online} migrations: how long, in all, the checksum's re-copy waits for rows the application
     * holds before the change stops (kept for {@code online resume}), as {@code online alter --row-lock-wait}.
     */
    public static final Setting<Duration> ONLINE_ROW_LOCK_WAIT = layered("online_row_lock_wait", "5m", Kind.DURATION);
    /**
     * {@code -- dbshift:online} migrations: after each copy chunk the copy rests this many times the chunk's time, as
     * {@code online alter --nice-ratio} ({@code 0}: no rest).
     */
    public static final Setting<Double> ONLINE_NICE_RATIO = layered("online_nice_ratio", 0, Kind.RATIO);

    /** Every setting, in the order {@code dbshift env} shows them. */
    public static final List<Setting<?>> ALL = List.of(URL, USER, PASSWORD, DSN, SCHEMAS, LOCATIONS, DB_TYPE, PLACEHOLDERS,
            PLACEHOLDER_REPLACEMENT, PLACEHOLDER_LITERALS, CRITICAL_ENVIRONMENTS, HISTORY_TABLE, RUNS_TABLE, LOCK_TIMEOUT,
            CONNECT_TIMEOUT, OUT_OF_ORDER, ON_FAILURE, SCHEMA_CHECKSUM, ENCODING, FORMAT, SAFE_DDL, DDL_LOCK_TIMEOUT, DDL_LOCK_TRIES,
            WAIT_FOR_BLOCKERS, STATEMENT_TIMEOUT, ONLINE_MAX_LAG, ONLINE_REPLICAS, ONLINE_LAG_TIMEOUT, ONLINE_ROW_LOCK_WAIT, ONLINE_NICE_RATIO,
            LINT, FLEET);

    private static <T> Setting<T> layered(String name, Object defaultValue, Kind kind) {
        return new Setting<>(name, defaultValue, kind, Scope.LAYERED);
    }

    /**
     * A source's value ({@code null} when no source gave one) as this setting's value; an
     * {@link IllegalArgumentException} says why it is bad, and the loader names the setting and the source.
     */
    @SuppressWarnings("unchecked")
    public T read(Object value) {
        Object v = switch (kind) {
            case TEXT, INPUT -> SettingValues.str(value);
            case SECRET -> Secret.of(SettingValues.str(value));
            case LIST -> SettingValues.stringList(value);
            case PLACEHOLDERS -> SettingValues.stringMap(value);
            case BOOLEAN -> SettingValues.bool(value);
            case IDENTIFIER -> SettingValues.identifier(value);
            case DURATION -> SettingValues.duration(value);
            case POSITIVE -> SettingValues.positive(value);
            case RATIO -> SettingValues.ratio(value);
            case ENCODING -> SettingValues.encoding(value);
            case ON_FAILURE -> OnFailure.parse(SettingValues.str(value));
            case SCHEMA_CHECKSUMS -> SchemaChecksums.parse(SettingValues.str(value));
            case LINT -> LintSettings.read(value);
            case FLEET -> FleetSettings.read(value);
        };
        return (T) v;
    }

    /** Whether {@code dbshift env} shows this setting (an {@link Kind#INPUT} is shown as what it became). */
    public boolean isShown() {
        return kind != Kind.INPUT;
    }

    /** What {@code dbshift env} shows for this setting in {@code s}, secrets masked. */
    @SuppressWarnings("unchecked")
    public Object shown(Settings s) {
        if (this == URL) {
            return s.maskedUrl();
        }
        if (this == DB_TYPE) {
            return s.dbType();
        }
        if (this == LOCK_TIMEOUT) {
            return s.lockTimeout().toString().substring(2).toLowerCase(Locale.ROOT);
        }
        Object v = s.get(this);
        return switch (kind) {
            case SECRET -> s.password().toString();
            case LIST -> String.join(",", v == null ? List.of() : (List<String>) v);
            case PLACEHOLDERS -> {
                Map<String, String> shown = new TreeMap<>();
                s.placeholders().forEach((k, value) -> shown.put(k, Secrets.shown(k, value)));
                yield shown.toString();
            }
            case DURATION -> SettingValues.shown((Duration) v);
            case ENCODING -> ((Charset) v).name();
            case ON_FAILURE -> s.onFailure().name().toLowerCase(Locale.ROOT).replace('_', '-');
            case SCHEMA_CHECKSUMS -> s.schemaChecksums().name().toLowerCase(Locale.ROOT);
            case LINT -> s.lint().toString();
            case FLEET -> s.fleet().toString();
            case RATIO -> SettingValues.shown((double) v);
            case TEXT, BOOLEAN, IDENTIFIER, POSITIVE, INPUT -> v;
        };
    }

    /** The names of the settings {@code scope} allows, in table order. */
    static List<String> names(Scope scope) {
        List<String> names = new java.util.ArrayList<>();
        for (Setting<?> s : ALL) {
            if (s.scope == scope) {
                names.add(s.name);
            }
        }
        return List.copyOf(names);
    }

    /** The setting called {@code name}. */
    static Setting<?> named(String name) {
        for (Setting<?> s : ALL) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no setting " + name);
    }

    @Override
    public String toString() {
        return name;
    }
}
