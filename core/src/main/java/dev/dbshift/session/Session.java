package dev.dbshift.session;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Setting;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.db.Locker;
import dev.dbshift.execute.Executor;
import dev.dbshift.db.SafeDdl;
import dev.dbshift.migration.format.FlywayFormat;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One connection to the target: its database, schema and history store, and the migration lock once taken. */
public final class Session implements AutoCloseable {
    private final Project project;
    private final Connection connection;
    private final Database database;
    private final String schema;
    /** false: a read-only command on a schema that {@code up} has not created yet (it holds nothing) */
    private final boolean schemaExists;
    private final HistoryStore store;
    private Locker locker;
    /** true once a slow schema read's hint was said: one per command */
    private boolean slowReadSaid;

    private Session(Project project, Connection connection, Database database, String schema, boolean schemaExists) {
        this.project = project;
        this.connection = connection;
        this.database = database;
        this.schema = schema;
        this.schemaExists = schemaExists;
        Settings s = project.settings();
        this.store = new HistoryStore(connection, database, schema, s.historyTable(), s.runsTable());
    }

    static Session open(Project project, boolean create) {
        return open(project, create, () -> { });
    }

    /**
     * As {@link #open(Project, boolean)}, with {@code first} run once the connection is made and before anything is
     * changed (the schema, the lock, the history tables), or when the connection cannot be made, before that is
     * reported: a command checks its files there while the connection was being made, and a bad file still stops it
     * first.
     */
    static Session open(Project project, boolean create, Runnable first) {
        Settings settings = project.settings();
        Database database = Databases.forUrl(settings.url());
        Connection c;
        try {
            c = create ? project.connect() : project.connectToRead(true);
        } catch (SQLException e) {
            first.run();
            // the database the URL names does not exist yet, and schemas names it: connect to the server to create it
            // (never around an application's pool: its URL and credentials are the pool's)
            String server = create && settings.schema() != null && project.connections() == null
                    ? database.serverUrl(settings.url(), e) : null;
            try {
                if (server == null) {
                    throw e;
                }
                c = project.connect(server);
            } catch (SQLException again) {
                throw new DbShiftException(DbShiftException.UNREACHABLE, "cannot connect to " + settings.maskedUrl()
                        + (settings.user() != null ? " as " + settings.user() : "") + ": "
                        + settings.secrets().scrub(e.getMessage()) + timeoutHint(settings, database, e), e);
            }
        }
        try {
            first.run();
        } catch (RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the file's error is the one to report
            }
            throw e;
        }
        try {
            if (create) {
                refuseReadOnly(settings, database, c);
            }
            String schema = settings.schema();
            if (schema != null) {
                try {
                    database.useSchema(c, schema, create);
                } catch (SQLException e) {
                    // H2's SET SCHEMA and MySQL's USE refuse a schema that does not exist: a read-only command sees it
                    // empty (any other refusal, such as MySQL's access denied, stays an error)
                    if (create || !database.schemaMissing(e)) {
                        throw e;
                    }
                    return new Session(project, c, database, schema, false);
                }
            }
            // a read-only command on a schema up has not created yet sees it empty: PostgreSQL's search_path takes
            // the missing schema, and there is no current schema then
            Optional<String> current = schema != null && !create ? database.currentSchemaIfAny(c) : Optional.of(database.currentSchema(c));
            return new Session(project, c, database, current.orElse(schema), current.isPresent());
        } catch (SQLException e) {
            boolean lost;
            try {
                lost = c.isClosed() || !c.isValid(5);
                c.close();
            } catch (SQLException ignored) {
                lost = true;
            }
            if (lost) {
                throw new DbShiftException(DbShiftException.UNREACHABLE, "lost the connection to " + settings.maskedUrl() + ": "
                        + settings.secrets().scrub(e.getMessage()), e);
            }
            throw new DbShiftException(DbShiftException.BAD_INPUT, "schemas (from " + settings.origins().getOrDefault("schemas", "url")
                    + "): " + settings.secrets().scrub(e.getMessage()), e);
        }
    }

    /**
     * The way out of a connect that timed out: the server took the connection and did not answer within
     * {@code connect_timeout}, or within the limit the URL gives the driver itself; empty for any other failure, and
     * for an embedded database (no server to wait for: a timeout there is a lock's, not a connect's).
     */
    static String timeoutHint(Settings settings, Database database, SQLException e) {
        Duration limit = settings.connectTimeout();
        java.util.Properties given = new java.util.Properties();
        database.connectTimeout(given, "", limit);
        if (given.isEmpty()) {
            return "";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.net.SocketTimeoutException || m.contains("timed out") || m.contains("timeout")) {
                java.util.Properties fromSetting = new java.util.Properties();
                database.connectTimeout(fromSetting, database.connectionUrl(settings.url()), limit);
                String within = fromSetting.isEmpty() ? "the limit the URL sets" : limit.isZero() ? "the driver's own limit"
                        : human(limit);
                return " (the server did not answer within " + within + "; connect_timeout, or --connect-timeout, waits"
                        + " longer, 0 for as long as the driver waits)";
            }
        }
        return "";
    }

    /**
     * A writing command on a read-only server (a replica) stops before its first statement (exit 2):
     * not even the schema, the lock or the history tables are created there.
     */
    private static void refuseReadOnly(Settings settings, Database database, Connection c) throws SQLException {
        Optional<Database.WriteRefusal> refusal = database.writeRefusal(c);
        if (refusal.isEmpty()) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // refusing anyway
        }
        throw new DbShiftException(DbShiftException.BAD_INPUT, refusal.get().replica()
                ? settings.maskedUrl() + " is read-only (" + refusal.get().why() + "): a replica takes its changes from its"
                + " primary. Nothing was written; run this command against the primary (status and check work here)"
                : "nothing was written: " + refusal.get().why());
    }

    public Project project() {
        return project;
    }

    public Settings settings() {
        return project.settings();
    }

    public Connection connection() {
        return connection;
    }

    public Database database() {
        return database;
    }

    public String schema() {
        return schema;
    }

    /** False for a read-only session on a schema {@code up} has not created yet (see the package-info). */
    public boolean schemaExists() {
        return schemaExists;
    }

    public HistoryStore store() {
        return store;
    }

    /** The history rows, oldest first; none when the history table does not exist yet. */
    public List<HistoryRow> rows() throws SQLException {
        return store.exists() ? store.read() : List.of();
    }

    /** The runs that have not finished (still running, or their process died); none without a history table. */
    public List<RunRow> unfinishedRuns() throws SQLException {
        return store.exists() ? store.unfinishedRuns() : List.of();
    }

    /**
     * Reads the live schema's checksum, leaving out the history tables; null where the vendor has no
     * reader, or with {@code schema_checksum = off} (then nothing records or compares a schema).
     */
    public Executor.SchemaChecksumReader schemaChecksumReader() {
        return checksumReader(database.schemaReader());
    }

    private Executor.SchemaChecksumReader checksumReader(Optional<SchemaReader> reader) {
        Settings settings = settings();
        if (settings.schemaChecksums() == SchemaChecksums.OFF) {
            return null;
        }
        return reader.<Executor.SchemaChecksumReader>map(r -> c -> read(r, c).checksum()).orElse(null);
    }

    /** A schema read longer than this gets the database's word on why, if it has one. */
    static final long SLOW_SCHEMA_READ_NANOS = Long.getLong("dbshift.slowSchemaReadMs", 1_000) * 1_000_000;

    /** The schema model, the history tables left out; when the read was slow, what the database says of why, once. */
    private SchemaModel read(SchemaReader reader, Connection c) throws SQLException {
        Settings settings = settings();
        long started = System.nanoTime();
        SchemaModel model = reader.read(c, schema, Set.of(settings.historyTable(), settings.runsTable()));
        long took = System.nanoTime() - started;
        if (!slowReadSaid && took > SLOW_SCHEMA_READ_NANOS) {
            slowReadSaid = true;
            try {
                database.slowSchemaRead(c, model.tables().size())
                        .ifPresent(why -> project.listener().notice("reading the schema took " + took / 1_000_000 + " ms: " + why));
            } catch (SQLException ignored) {
                // a hint, never a failure
            }
        }
        return model;
    }

    /** The live schema's checksum (null where the database has no schema reader, with schema_checksum = off, or when the schema does not exist yet). */
    public String liveSchemaChecksum() throws SQLException {
        dev.dbshift.schema.LiveChecksum live = liveChecksums();
        return live == null ? null : live.current();
    }

    /**
     * {@link #liveSchemaChecksum()} in the versions a recorded checksum may have ({@link LiveChecksum}); null where
     * there is none.
     */
    public dev.dbshift.schema.LiveChecksum liveChecksums() throws SQLException {
        Optional<SchemaReader> reader = readerBeside();
        if (!schemaExists || settings().schemaChecksums() == SchemaChecksums.OFF || reader.isEmpty()) {
            return null;
        }
        return read(reader.get(), connection).liveChecksum();
    }

    /**
     * The reader for a read outside a migration's transaction: it may open helper connections by the settings' URL
     * ({@link Database#schemaReader(dev.dbshift.db.ConnectionFactory)}), never from an application's pool, whose last
     * free connection this session may hold (a helper would wait for the pool's timeout).
     */
    private Optional<SchemaReader> readerBeside() {
        return project.connections() == null ? database.schemaReader(project::connect) : database.schemaReader();
    }

    /** The live schema's model, the history tables left out. */
    public SchemaModel readSchema() throws SQLException {
        return read(readerBeside().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                database.name() + " has no schema reader")), connection);
    }

    /**
     * The model of this session's schema as another server of the same cluster holds it ({@code peer}, a connection to
     * one of {@link Database#clusterPeers}), read on that connection alone, the history tables left out.
     */
    public SchemaModel readSchema(Connection peer) throws SQLException {
        return read(database.schemaReader().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                database.name() + " has no schema reader")), peer);
    }

    /** Who is applying: the configured user, else the one the driver logged in as. */
    public String user() throws SQLException {
        Settings settings = settings();
        if (settings.user() != null && !settings.user().isEmpty()) {
            return settings.user();
        }
        String u = connection.getMetaData().getUserName();
        return u == null || u.isEmpty() ? System.getProperty("user.name") : u;
    }

    /** An executor on this session's connection, recording into run {@code runId} (0: it only describes or decides). */
    public Executor executor(MigrationSource source, long runId) throws SQLException {
        Settings s = settings();
        if (runId > 0) {
            // the migration's statement timeout is the setting's, never one inherited from the role or the server
            database.statementTimeout(connection, s.statementTimeout());
        }
        String user = user();
        // Flyway's built-in placeholders, for scripts read in its layout; the project's own placeholders win
        Map<String, String> placeholders = new java.util.LinkedHashMap<>(
                FlywayFormat.placeholders(schema, user, connection.getCatalog()));
        placeholders.putAll(s.placeholders());
        Executor.Context context = new Executor.Context(runId, s.environment(), user, placeholders,
                s.placeholderReplacement(), s.placeholderLiterals(), s.onFailure(), s.secrets(),
                schemaChecksumReader(), s.schemaChecksums(), schema, project::connect,
                new SafeDdl(s.safeDdl(), s.ddlLockTimeout(), s.ddlLockTries(), s.waitForBlockers()),
                onlineOptions(s), project::connect);
        return new Executor(connection, database, store, source, context, project.listener());
    }

    /** What {@code -- dbshift:online} changes run with: the defaults, the replication lag, row lock wait and nice ratio settings. */
    static OnlineOptions onlineOptions(Settings s) {
        Duration maxLag = s.get(Setting.ONLINE_MAX_LAG);
        return OnlineOptions.defaults().withLag(new LagLimit(maxLag.isZero() ? null : maxLag,
                s.list(Setting.ONLINE_REPLICAS), s.get(Setting.ONLINE_LAG_TIMEOUT)))
                .withRowLockWait(s.get(Setting.ONLINE_ROW_LOCK_WAIT)).withNiceRatio(s.get(Setting.ONLINE_NICE_RATIO));
    }

    /** Takes the migration lock, or throws (exit 4) when another run holds it past the lock timeout. */
    void lock() throws SQLException {
        Settings settings = settings();
        locker = database.locker(connection, project::connect, "dbshift:" + schema + "." + settings.historyTable(), Project.lease());
        if (!locker.lock(settings.lockTimeout())) {
            locker = null;
            throw new DbShiftException(DbShiftException.LOCKED, "another dbshift run holds the migration lock on "
                    + schema + " (waited " + human(settings.lockTimeout()) + "; set --lock-timeout to wait longer)");
        }
        store.fence(locker.fence().orElse(null));
        store.heldCheck(locker.heldCheck().orElse(null));
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.getSeconds() % 60 != 0 ? d.getSeconds() + "s" : d.toMinutes() + "m";
    }

    @Override
    public void close() {
        try {
            if (locker != null) {
                locker.unlock();
            }
        } catch (SQLException ignored) {
            // the session ends below, and with it any session lock
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
        }
    }
}
