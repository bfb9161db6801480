package dev.dbshift;

import dev.dbshift.check.ScriptPrecheck;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.Settings;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.db.Locker;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.execute.Executor;
import dev.dbshift.execute.InterruptedStatement;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationFiles;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.migration.CompositeSource;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.JavaMigration;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.ServiceLoader;

/**
 * The public entry point: configure, then call a command.
 *
 * <pre>{@code
 * DbShift.configure()
 *        .url("jdbc:postgresql://db:5432/app").user("app").password(secret)
 *        .load()
 *        .up();
 * }</pre>
 *
 * Each command opens one connection, does its work and closes it; commands that write take the
 * migration lock first. The command line is a thin layer over these methods.
 */
public final class DbShift {
    /** The lease of the H2/SQLite lock row; the hidden system property {@value #LEASE_PROPERTY} overrides it (tests of a stalled holder). */
    private static final Duration LEASE = Duration.ofSeconds(30);
    static final String LEASE_PROPERTY = "dbshift.lock.lease";

    private final Settings settings;
    private final List<JavaMigration> javaMigrations;
    private final ClassLoader classLoader;
    private final ExecutionListener listener;

    private DbShift(Settings settings, List<JavaMigration> javaMigrations, ClassLoader classLoader, ExecutionListener listener) {
        this.settings = settings;
        this.javaMigrations = javaMigrations;
        this.classLoader = classLoader;
        this.listener = listener;
    }

    public static Builder configure() {
        return new Builder();
    }

    /** Settings from code; anything not set comes from dbshift.toml and environment variables. */
    public static final class Builder {
        private Path projectDir = Path.of("");
        private final Map<String, Object> flags = new LinkedHashMap<>();
        private final Map<String, Object> placeholders = new LinkedHashMap<>();
        private Map<String, String> environment = System.getenv();
        private final List<JavaMigration> java = new ArrayList<>();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private ExecutionListener listener = ExecutionListener.NONE;
        private boolean serviceLoadedJava = true;

        private Builder() {
        }

        /** The folder holding dbshift.toml, migrations/ and VERSION (default: the working directory). */
        public Builder projectDir(Path dir) {
            this.projectDir = dir;
            return this;
        }

        /** The environment ({@code [environments.<name>]} in dbshift.toml, and version directories' {@code <name>.sql}). */
        public Builder environment(String name) {
            return set("environment", name);
        }

        public Builder url(String url) {
            return set("url", url);
        }

        public Builder user(String user) {
            return set("user", user);
        }

        public Builder password(String password) {
            return set("password", password);
        }

        /** {@code user:pass@host:port/db}, or a URL form such as {@code postgres://u:p@h/db}. */
        public Builder dsn(String dsn) {
            return set("dsn", dsn);
        }

        public Builder schemas(String... schemas) {
            return set("schemas", List.of(schemas));
        }

        /** Folders (relative to the project) or {@code classpath:db/migration}. */
        public Builder locations(String... locations) {
            return set("locations", List.of(locations));
        }

        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            return set("lock_timeout", timeout.toMillis() + "ms");
        }

        public Builder outOfOrder(boolean allowed) {
            return set("out_of_order", allowed);
        }

        public Builder onFailure(OnFailure onFailure) {
            return set("on_failure", onFailure == OnFailure.ROLLBACK_RUN ? "rollback-run" : "stop");
        }

        /** Any setting by its dbshift.toml name, e.g. {@code set("history_table", "schema_log")}. */
        public Builder set(String key, Object value) {
            if (value != null) {
                flags.put(key, value);
            }
            return this;
        }

        public Builder javaMigrations(JavaMigration... migrations) {
            java.addAll(List.of(migrations));
            return this;
        }

        /** Do not pick up Java migrations listed in META-INF/services (the default does). */
        public Builder noServiceLoadedJavaMigrations() {
            serviceLoadedJava = false;
            return this;
        }

        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Instead of the process environment (for tests, or to keep it out). */
        public Builder environmentVariables(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        /** Reads and checks every source of settings; a bad one throws {@link DbShiftException} naming it. */
        public DbShift load() {
            Map<String, Object> all = new LinkedHashMap<>(flags);
            if (!placeholders.isEmpty()) {
                all.put("placeholders", placeholders);
            }
            Settings settings = SettingsLoader.load(projectDir, all, environment);
            List<JavaMigration> javaMigrations = new ArrayList<>(java);
            if (serviceLoadedJava) {
                ServiceLoader.load(JavaMigration.class, classLoader).forEach(javaMigrations::add);
            }
            return new DbShift(settings, javaMigrations, classLoader, listener);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The same project and Java migrations with other settings (a scratch schema, a reference database). */
    DbShift withSettings(Settings other, ExecutionListener listener) {
        return new DbShift(other, javaMigrations, classLoader, listener);
    }

    public DbShift withListener(ExecutionListener listener) {
        return new DbShift(settings, javaMigrations, classLoader, listener);
    }

    /** The migrations of this project, as found on disk (and Java ones). */
    public MigrationSource source() {
        return new CompositeSource(new FileMigrationSource(settings.projectDir(), settings.locations(),
                settings.environment(), classLoader, settings.encoding(), settings.declaredEnvironments()), javaMigrations);
    }

    // ---------------------------------------------------------------- commands

    /** Creates the history tables (and the schema) if missing. */
    public void init() {
        try (Session s = open(true)) {
            s.lock();
            s.store.create();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * {@code up} to the default target: the VERSION file's version, else head.
     *
     * @throws MigrationFailedException when a migration fails (its report is in the exception)
     */
    public Report up() {
        return up(null);
    }

    public Report up(String target) {
        return run("up", target, false);
    }

    /** Reverts one migration. */
    public Report down() {
        return down(null);
    }

    public Report down(String target) {
        return run("down", target, true);
    }

    public DryRun planUp(String target) {
        return dryRun("up", target, false);
    }

    public DryRun planDown(String target) {
        return dryRun("down", target, true);
    }

    public StatusReport status() {
        try (Session s = open(false)) {
            boolean exists = s.store.exists();
            List<HistoryRow> rows = exists ? s.store.read() : List.of();
            List<RunRow> unfinished = exists ? unfinishedRuns(s.store.runs()) : List.of();
            MigrationSource source = source();
            List<MigrationRef> migrations = source.list();
            List<InterruptedStatement.Decision> decisions = interruptions(s, rows, unfinished, source, migrations);
            AppliedState state = Toolbox.state(source, migrations, withInterruptedProgress(rows, decisions, migrations));
            Planner planner = new Planner(migrations, state);
            List<String> warnings = new ArrayList<>();
            planner.validate(settings.outOfOrder()).forEach(p -> warnings.add(p.message()));
            planner.missingScripts().forEach(p -> warnings.add(p.message()));
            Toolbox.squashProblems(source, migrations, rows).forEach(p -> warnings.add(p.message()));
            for (RunRow r : unfinished) {
                warnings.add("run #" + r.id() + " (" + r.command() + ", started " + r.startedAt() + " on " + r.host()
                        + ") has not finished: it is still running, or its process died"
                        + (r.progressVersion() != null ? "; it had run " + r.progressStatements() + " statement(s) of "
                        + r.progressVersion() : "")
                        + decisions.stream().filter(d -> d.run().id() == r.id()).map(d -> ". The next 'up': " + d.message())
                        .findFirst().orElse(""));
            }
            SchemaState schema = schemaState(s, rows);
            if (schema.drift()) {
                warnings.add("schema drift: the live schema (" + schema.live() + ") is not the one recorded after "
                        + schema.recordedAfter() + " (" + schema.recorded() + "); 'dbshift diff --live' shows what changed");
            }
            return new StatusReport(s.database.name(), s.schema, state.current().map(Object::toString).orElse(null),
                    exists, planner.status(), unfinished, warnings, schema);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The live schema's checksum next to the latest one the history recorded. */
    private SchemaState schemaState(Session s, List<HistoryRow> rows) throws SQLException {
        Executor.SchemaChecksumReader reader = s.schemaChecksumReader();
        String live = reader == null ? null : reader.read(s.connection);
        HistoryRow recorded = null;
        for (HistoryRow r : rows) {
            if (r.schemaChecksum() != null) {
                recorded = r;
            }
        }
        return new SchemaState(live, recorded == null ? null : recorded.schemaChecksum(),
                recorded == null ? null : (recorded.version() == null ? "R " + recorded.description() : recorded.version())
                        + " (history row " + recorded.id() + ")");
    }

    /** The live schema's checksum, and whether it still matches the history. */
    public SchemaState schemaState() {
        try (Session s = open(false)) {
            return schemaState(s, s.store.exists() ? s.store.read() : List.of());
        } catch (SQLException e) {
            throw failure(e);
        }
    }


    /** The whole history log, oldest first (empty when the history table does not exist). */
    public List<HistoryRow> history() {
        try (Session s = open(false)) {
            return s.store.exists() ? s.store.read() : List.of();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The highest applied version. */
    public Optional<String> current() {
        try (Session s = open(false)) {
            if (!s.store.exists()) {
                return Optional.empty();
            }
            MigrationSource source = source();
            return Toolbox.state(source, source.list(), s.store.read()).current().map(Object::toString);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // ---------------------------------------------------------------- schema

    /** Schema commands: live and migrated models, diff, DDL, dump, baseline, new migrations; see {@link SchemaCommands}. */
    public SchemaCommands schema() {
        return new SchemaCommands(this);
    }

    /** {@code up} after dumping the database to {@code backup}. */
    public Report up(String target, Path backup) {
        if (backup != null) {
            SchemaDump.Result r = schema().dump(backup, true);
            listener.notice("backup written to " + r.file() + " (" + r.method() + ")");
        }
        return up(target);
    }

    // ---------------------------------------------------------------- internals

    private Target target(String text, boolean down) {
        if (text != null && !text.isBlank()) {
            return Target.parse(text);
        }
        if (down) {
            return new Target.Relative(-1);
        }
        return settings.defaultTarget() != null
                ? new Target.AtOrBelow(Version.parse(settings.defaultTarget()), "the VERSION file (" + settings.defaultTarget() + ")")
                : new Target.Head();
    }

    private Plan plan(Planner planner, String command, Target target) {
        return command.equals("down") ? planner.down(target)
                : planner.up(target, settings.outOfOrder(), settings.onFailure() == OnFailure.ROLLBACK_RUN);
    }

    private DryRun dryRun(String command, String targetText, boolean down) {
        Target target = target(targetText, down);
        MigrationSource source = source();
        try (Session s = open(false)) {
            List<HistoryRow> rows = s.store.exists() ? s.store.read() : List.of();
            List<RunRow> unfinished = s.store.exists() ? unfinishedRuns(s.store.runs()) : List.of();
            List<MigrationRef> migrations = source.list();
            List<InterruptedStatement.Decision> decisions = interruptions(s, rows, unfinished, source, migrations);
            Planner planner = new Planner(migrations, Toolbox.state(source, migrations, withInterruptedProgress(rows, decisions, migrations)));
            Plan plan = plan(planner, command, target);
            new ScriptPrecheck(s.database.scriptDialect(), source, settings).refuseBadScripts(plan);
            Executor ex = new Executor(s.connection, s.database, s.store, source, context(0, s), listener);
            List<PlannedStep> steps = new ArrayList<>();
            plan.steps().forEach(st -> steps.add(ex.describe(st)));
            return new DryRun(plan, steps).scrubbed(settings.secrets());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Report run(String command, String targetText, boolean down) {
        Target target = target(targetText, down);
        MigrationSource source = source();
        var migrations = source.list();
        try (Session s = open(true)) {
            s.lock();
            s.store.create();
            List<RunRow> runs = s.store.runs();
            List<InterruptedStatement.Decision> undecided = takeOverInterruptedRuns(s, runs, source, () -> migrations);
            if (!undecided.isEmpty()) {
                throw new DbShiftException(DbShiftException.VALIDATION, String.join("\n",
                        undecided.stream().map(InterruptedStatement.Decision::message).toList()));
            }
            List<HistoryRow> rows = s.store.read();
            Planner planner = new Planner(migrations, Toolbox.stateRefusingPartlyAppliedSquashes(source, migrations, rows));
            Plan plan = plan(planner, command, target);
            new ScriptPrecheck(s.database.scriptDialect(), source, settings).refuseBadScripts(plan);
            plan.warnings().forEach(listener::notice);
            long runId = s.store.beginRun(new RunRow(0, command, target.toString(),
                    plan.from() == null ? null : plan.from().toString(), null, settings.environment(), toolVersion(),
                    host(), Instant.now(), null, null, null, null, null));
            Report report = new Executor(s.connection, s.database, s.store, source, context(runId, s), listener).run(plan);
            try {
                String to = report.success() ? report.toVersion()
                        : Toolbox.state(source, migrations, s.store.read()).current().map(Object::toString).orElse(null);
                s.store.endRun(runId, to, report.success(), Instant.now());
            } catch (SQLException e) {
                if (report.success()) {
                    throw e;
                }
                // the connection died with the migration: say what failed, not that the run could not be closed
                throw new DbShiftException(DbShiftException.FAILED, report.error() + "\n  (the run could not be closed: "
                        + settings.secrets().scrub(e.getMessage()) + ")", e);
            }
            if (!report.success()) {
                throw new MigrationFailedException(report);
            }
            return report;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Executor.Context context(long runId, Session s) throws SQLException {
        return new Executor.Context(runId, settings.environment(), s.user(), settings.placeholders(),
                settings.placeholderReplacement(), settings.placeholderLiterals(), settings.onFailure(), settings.secrets(),
                s.schemaChecksumReader(), settings.schemaChecksums(), s.schema, this::connect);
    }

    private static List<RunRow> unfinishedRuns(List<RunRow> runs) {
        return runs.stream().filter(r -> !r.finished()).toList();
    }

    /**
     * A run whose process died mid-migration on a database without transactional DDL (or in a
     * no-transaction script) left its progress in its run row: decide whether the statement it was
     * running completed ({@link InterruptedStatement}) and write that into the history as a failed try,
     * so the next run resumes after the statements that ran. Only called with the lock held, so no
     * unfinished run is alive and its last statement has finished on the server. Returns the runs
     * whose statement cannot be decided: they stay unfinished until {@code repair} records the answer.
     */
    private List<InterruptedStatement.Decision> takeOverInterruptedRuns(Session s, List<RunRow> runs, MigrationSource source,
                                                                        Supplier<List<MigrationRef>> listed) throws SQLException {
        List<RunRow> dead = unfinishedRuns(runs);
        if (dead.isEmpty()) {
            return List.of();
        }
        List<MigrationRef> migrations = listed.get();
        List<HistoryRow> rows = s.store.read();
        List<InterruptedStatement.Decision> decisions = interruptions(s, rows, dead, source, migrations);
        List<InterruptedStatement.Decision> undecided = new ArrayList<>();
        for (InterruptedStatement.Decision d : decisions) {
            if (d.undecided()) {
                undecided.add(d);
            } else {
                s.store.append(interruptedRow(rows, d, migrations));
                listener.notice(d.message());
            }
        }
        for (RunRow r : dead) {
            if (undecided.stream().noneMatch(d -> d.run().id() == r.id())) {
                s.store.closeInterruptedRun(r.id(), Instant.now());
            }
        }
        return undecided;
    }

    /** Records the answer a user gave with {@code repair --statement-done|--statement-not-done} and closes the run. */
    InterruptedStatement.Decision recordInterruption(Session s, String version, boolean done, MigrationSource source,
                                                     List<MigrationRef> migrations) throws SQLException {
        List<HistoryRow> rows = s.store.read();
        List<InterruptedStatement.Decision> found = interruptions(s, rows, unfinishedRuns(s.store.runs()), source, migrations)
                .stream().filter(d -> d.version().equals(version)).toList();
        String command = "repair --statement-" + (done ? "done " : "not-done ") + version;
        if (found.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, command + ": no interrupted run left a statement of " + version
                    + " undecided ('dbshift status' shows the state)");
        }
        InterruptedStatement.Decision d = found.get(0);
        if (!d.undecided() && (d.outcome() == InterruptedStatement.Outcome.DONE) != done) {
            // the catalog answers (e.g. the half-built index has been dropped since): the user may not contradict it
            throw new DbShiftException(DbShiftException.BAD_INPUT, command + ": the database says otherwise: " + d.message());
        }
        String what = d.first() == d.last() ? "statement " + d.first() : "statements " + d.first() + " to " + d.last();
        InterruptedStatement.Decision recorded = new InterruptedStatement.Decision(d.run(), version,
                done ? InterruptedStatement.Outcome.DONE : InterruptedStatement.Outcome.NOT_DONE, d.first(), d.last(),
                done ? d.last() : d.first() - 1, done ? d.doneChecksum() : d.notDoneChecksum(), d.notDoneChecksum(),
                d.doneChecksum(), "interrupted: run #" + d.run().id() + " stopped while " + what + " of " + version + " ran; "
                + (done ? "done" : "not done") + ", as recorded by 'dbshift repair --statement-" + (done ? "done" : "not-done")
                + "'; the next 'up' " + (done ? "goes on after it" : "runs it again"));
        s.store.append(interruptedRow(rows, recorded, migrations));
        s.store.closeInterruptedRun(d.run().id(), Instant.now());
        return recorded;
    }

    private static HistoryRow interruptedRow(List<HistoryRow> rows, InterruptedStatement.Decision d, List<MigrationRef> migrations) {
        RunRow run = d.run();
        return new HistoryRow(0, run.id(), d.version(), description(rows, d.version(), migrations), "sql", Operation.APPLY,
                null, null, null, run.environment(), null, run.startedAt(), Instant.now(), 0, false, d.message(), null,
                d.statementsDone(), d.statementsChecksum());
    }

    private static String description(List<HistoryRow> rows, String version, List<MigrationRef> migrations) {
        HistoryRow last = rows.stream().filter(r -> version.equals(r.version())).reduce((a, b) -> b).orElse(null);
        if (last != null && last.description() != null) {
            return last.description();
        }
        return migrations.stream().filter(m -> m.version() != null && m.version().toString().equals(version))
                .map(MigrationRef::description).findFirst().orElse("");
    }

    /**
     * For each unfinished run whose progress mark is not yet in the history: the decision about the
     * statement it was running. The same for {@code up}, {@code status} and {@code --dry-run}.
     */
    private List<InterruptedStatement.Decision> interruptions(Session s, List<HistoryRow> rows, List<RunRow> unfinished,
                                                              MigrationSource source, List<MigrationRef> migrations) throws SQLException {
        List<InterruptedStatement.Decision> out = new ArrayList<>();
        Executor executor = null;
        for (RunRow run : unfinished) {
            if (run.progressVersion() == null || run.progressStatements() == null) {
                continue;
            }
            boolean recorded = rows.stream().anyMatch(r -> r.runId() == run.id() && run.progressVersion().equals(r.version()));
            if (recorded) {
                continue;
            }
            MigrationRef m = migrations.stream()
                    .filter(x -> x.version() != null && x.version().toString().equals(run.progressVersion()))
                    .findFirst().orElse(null);
            if (executor == null) {
                executor = new Executor(s.connection, s.database, s.store, source, context(0, s), listener);
            }
            out.add(executor.interrupted(run, m));
        }
        return out;
    }

    /** The history plus, for each decision, a synthetic failed row (id &lt; 0) saying how far the run got. */
    private static List<HistoryRow> withInterruptedProgress(List<HistoryRow> rows, List<InterruptedStatement.Decision> decisions,
                                                            List<MigrationRef> migrations) {
        List<HistoryRow> out = new ArrayList<>(rows);
        for (InterruptedStatement.Decision d : decisions) {
            HistoryRow r = interruptedRow(rows, d, migrations);
            out.add(new HistoryRow(-d.run().id(), r.runId(), r.version(), r.description(), r.kind(), r.operation(), null, null,
                    null, r.environment(), null, r.startedAt(), null, 0, false, r.errorMessage(), null, r.statementsDone(),
                    r.statementsChecksum()));
        }
        return out;
    }

    /** One connection to the target, its database, schema and history store. */
    final class Session implements AutoCloseable {
        final Connection connection;
        final Database database;
        final String schema;
        final HistoryStore store;
        private Locker locker;

        Session(Connection connection, Database database, String schema) {
            this.connection = connection;
            this.database = database;
            this.schema = schema;
            this.store = new HistoryStore(connection, database, schema, settings.historyTable(), settings.runsTable());
        }

        /**
         * Reads the live schema's checksum, leaving out the history tables; null where the vendor has no
         * reader, or with {@code schema_checksum = off} (then nothing records or compares a schema).
         */
        Executor.SchemaChecksumReader schemaChecksumReader() {
            if (settings.schemaChecksums() == dev.dbshift.config.SchemaChecksums.OFF) {
                return null;
            }
            return database.schemaReader()
                    .<Executor.SchemaChecksumReader>map(r -> c -> r.read(c, schema,
                            Set.of(settings.historyTable(), settings.runsTable())).checksum())
                    .orElse(null);
        }

        SchemaModel readSchema() throws SQLException {
            return database.schemaReader().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                    database.name() + " has no schema reader")).read(connection, schema,
                    Set.of(settings.historyTable(), settings.runsTable()));
        }

        /** Who is applying: the configured user, else the one the driver logged in as. */
        String user() throws SQLException {
            if (settings.user() != null && !settings.user().isEmpty()) {
                return settings.user();
            }
            String u = connection.getMetaData().getUserName();
            return u == null || u.isEmpty() ? System.getProperty("user.name") : u;
        }

        void lock() throws SQLException {
            locker = database.locker(connection, DbShift.this::connect, "dbshift:" + schema + "." + settings.historyTable(), lease());
            if (!locker.lock(settings.lockTimeout())) {
                locker = null;
                throw new DbShiftException(DbShiftException.LOCKED, "another dbshift run holds the migration lock on "
                        + schema + " (waited " + human(settings.lockTimeout()) + "; set --lock-timeout to wait longer)");
            }
            store.fence(locker.fence().orElse(null));
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

    Session open(boolean create) {
        Database database = Databases.forUrl(settings.url());
        Connection c;
        try {
            c = connect();
        } catch (SQLException e) {
            // the database the URL names does not exist yet, and schemas names it: connect to the server to create it
            String server = create && settings.schema() != null ? database.serverUrl(settings.url(), e) : null;
            try {
                if (server == null) {
                    throw e;
                }
                c = connect(server);
            } catch (SQLException again) {
                throw new DbShiftException(DbShiftException.UNREACHABLE, "cannot connect to " + settings.maskedUrl()
                        + (settings.user() != null ? " as " + settings.user() : "") + ": "
                        + settings.secrets().scrub(e.getMessage()), e);
            }
        }
        try {
            String schema = settings.schema();
            if (schema != null) {
                database.useSchema(c, schema, create);
            }
            schema = database.currentSchema(c);
            return new Session(c, database, schema);
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

    public dev.dbshift.command.OnlineCommands online() { return new dev.dbshift.command.OnlineCommands(Databases.forUrl(settings.url()), this::connect); }

    /** A new connection with the settings' credentials (never put into the URL). */
    public Connection connect() throws SQLException {
        return connect(settings.url());
    }

    private Connection connect(String target) throws SQLException {
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password().isSet()) {
            p.setProperty("password", settings.password().reveal());
        }
        String url = target;
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            url = url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        // straight to the vendor's driver: DriverManager would first initialise every driver on the class path
        String driverClass = Databases.forUrl(url).driverClass();
        if (driverClass != null) {
            try {
                java.sql.Driver driver = (java.sql.Driver) Class.forName(driverClass, true, DbShift.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
                Connection c = driver.connect(url, p);
                if (c != null) {
                    return c;
                }
            } catch (ReflectiveOperationException | LinkageError notOnClassPath) {
                // the application brings its own driver: ask the driver manager
            }
        }
        return DriverManager.getConnection(url, p);
    }

    DbShiftException failure(SQLException e) {
        return new DbShiftException(DbShiftException.FAILED, settings.secrets().scrub(e.getMessage()), e);
    }

    private static Duration lease() {
        String v = System.getProperty(LEASE_PROPERTY);
        return v == null ? LEASE : SettingsLoader.duration(v, LEASE_PROPERTY, "system property");
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.getSeconds() % 60 != 0 ? d.getSeconds() + "s" : d.toMinutes() + "m";
    }

    static String host() {
        return dev.dbshift.db.LocalHost.name();
    }

    /** The dbshift version, from the build. */
    public static String toolVersion() {
        try (InputStream in = DbShift.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    // ---------------------------------------------------------------- operations toolbox (issue 5)

    /** stamp, skip, rebuild, repair, errors, trace, check, sql, squash, touch and reset: see {@link Toolbox}. */
    public Toolbox toolbox() {
        return new Toolbox(this);
    }

    /** What a toolbox command sees of one session: the connection (holding the lock when it writes) and its history. */
    record Work(Connection connection, Database database, String schema, HistoryStore store, String user, Session session) {
    }

    /** A toolbox command's work inside one session. */
    interface SessionWork<T> {
        T apply(Work work) throws SQLException;
    }

    /**
     * Runs {@code work} in one session; a writing one takes the lock, creates the history tables and
     * takes over interrupted runs first, exactly as {@code up} does.
     */
    <T> T session(boolean write, SessionWork<T> work) {
        return session(write, write, work);
    }

    /** As {@link #session(boolean, SessionWork)}; {@code takeOver} false leaves interrupted runs to {@code work}. */
    <T> T session(boolean write, boolean takeOver, SessionWork<T> work) {
        try (Session s = open(write)) {
            if (write) {
                s.lock();
                s.store.create();
            }
            if (takeOver) {
                MigrationSource source = source();
                takeOverInterruptedRuns(s, s.store.runs(), source, source::list); // undecided runs wait for repair
            }
            return work.apply(new Work(s.connection, s.database, s.schema, s.store, s.user(), s));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Executor executor(Work w, MigrationSource source, long runId) throws SQLException {
        return new Executor(w.connection(), w.database(), w.store(), source, context(runId, w.session()), listener);
    }

    ExecutionListener listener() {
        return listener;
    }

    /** The live schema's checksum (null where the database has no schema reader, or with schema_checksum = off). */
    String liveSchemaChecksum(Work w) throws SQLException {
        Executor.SchemaChecksumReader r = w.session().schemaChecksumReader();
        return r == null ? null : r.read(w.connection());
    }
}
