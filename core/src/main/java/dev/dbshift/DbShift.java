package dev.dbshift;

import dev.dbshift.check.ProblemSource;
import dev.dbshift.command.Adopt;
import dev.dbshift.command.Adopted;
import dev.dbshift.command.Check;
import dev.dbshift.command.CheckReport;
import dev.dbshift.command.DryRun;
import dev.dbshift.command.HistoryCommands;
import dev.dbshift.command.Migrate;
import dev.dbshift.command.OnlineCommands;
import dev.dbshift.command.Rebuild;
import dev.dbshift.command.Reset;
import dev.dbshift.command.ResetPlan;
import dev.dbshift.command.ResetReport;
import dev.dbshift.command.SchemaCommands;
import dev.dbshift.command.SchemaState;
import dev.dbshift.command.Status;
import dev.dbshift.command.StatusReport;
import dev.dbshift.command.Tools;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.Settings;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.migration.CompositeSource;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.format.MigrationFormats;
import dev.dbshift.migration.JavaMigration;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.session.PooledConnections;
import dev.dbshift.session.Project;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * migration lock first. The command line is a thin layer over these methods, and each method is one
 * line over a command class of {@link dev.dbshift.command} (families of commands hang off accessors:
 * {@link #schema()}, {@link #historyCommands()}, {@link #tools()}).
 */
public final class DbShift {
    private final Settings settings;
    private final List<JavaMigration> javaMigrations;
    private final ClassLoader classLoader;
    private final ExecutionListener listener;
    private final ConnectionFactory connections;
    /** What the settings were loaded from (the flags and variables), so {@link #forTarget} can load them again aimed elsewhere. */
    private final Inputs inputs;
    /** The migrations listed once for every target of a fleet; null: listed by each command. */
    private final MigrationSource listed;

    private record Inputs(Path projectDir, Map<String, Object> flags, Map<String, String> environment) {
    }

    private DbShift(Settings settings, List<JavaMigration> javaMigrations, ClassLoader classLoader, ExecutionListener listener,
                    ConnectionFactory connections, Inputs inputs, MigrationSource listed) {
        this.settings = settings;
        this.javaMigrations = javaMigrations;
        this.classLoader = classLoader;
        this.listener = listener;
        this.connections = connections;
        this.inputs = inputs;
        this.listed = listed;
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
        private DataSource dataSource;

        private Builder() {
        }

        /** The folder holding dbshift.toml, migrations/ and VERSION (default: the working directory). */
        public Builder projectDir(Path dir) {
            this.projectDir = dir;
            return this;
        }

        /** The environment ({@code [environments.<name>]} in dbshift.toml, and version directories' {@code <name>.sql}). */
        public Builder environment(String name) { return set("environment", name); }

        public Builder url(String url) { return set("url", url); }

        public Builder user(String user) { return set("user", user); }

        public Builder password(String password) { return set("password", password); }

        /** {@code user:pass@host:port/db}, or a URL form such as {@code postgres://u:p@h/db}. */
        public Builder dsn(String dsn) { return set("dsn", dsn); }

        public Builder schemas(String... schemas) { return set("schemas", List.of(schemas)); }

        /** Folders (relative to the project) or {@code classpath:db/migration}. */
        public Builder locations(String... locations) { return set("locations", List.of(locations)); }

        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        public Builder lockTimeout(Duration timeout) { return set("lock_timeout", timeout.toMillis() + "ms"); }

        /** How long connecting to the server may take, login included ({@code 0}: as long as the driver waits). */
        public Builder connectTimeout(Duration timeout) { return set("connect_timeout", timeout.toMillis() + "ms"); }

        public Builder outOfOrder(boolean allowed) { return set("out_of_order", allowed); }

        public Builder onFailure(OnFailure onFailure) { return set("on_failure", onFailure == OnFailure.ROLLBACK_RUN ? "rollback-run" : "stop"); }

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

        /**
         * Connections from the application's pool instead of {@code url}/{@code user}/{@code password}: the
         * database kind is read from a connection's metadata URL (which replaces any {@code url} setting), the
         * migration lock is the same (a PostgreSQL or MariaDB lock lives on the borrowed connection's session
         * while it is held), and a borrowed connection goes back with its schema as it was lent. On H2 and SQLite
         * the lock's lease row is written through a second connection: the pool must lend two at once.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        /** Reads and checks every source of settings; a bad one throws {@link DbShiftException} naming it. */
        public DbShift load() {
            Map<String, Object> all = new LinkedHashMap<>(flags);
            ConnectionFactory connections = null;
            if (dataSource != null) {
                connections = new PooledConnections(dataSource);
                all.remove("dsn");
                all.put("url", metadataUrl(connections));
            }
            if (!placeholders.isEmpty()) {
                all.put("placeholders", placeholders);
            }
            Settings settings = SettingsLoader.load(projectDir, all, environment);
            if (connections instanceof PooledConnections pooled) {
                // a kind dbshift does not know fails as it would without a pool, at the first command
                connections = Databases.find(settings.url()).map(pooled::settingBack).orElse(pooled);
            }
            List<JavaMigration> javaMigrations = new ArrayList<>(java);
            if (serviceLoadedJava) {
                ServiceLoader.load(JavaMigration.class, classLoader).forEach(javaMigrations::add);
            }
            return new DbShift(settings, javaMigrations, classLoader, listener, connections,
                    new Inputs(projectDir, Map.copyOf(all), environment), null);
        }

        private static String metadataUrl(ConnectionFactory connections) {
            try (Connection c = connections.open()) {
                String url = c.getMetaData().getURL();
                if (url == null) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "dataSource: its connections tell no JDBC URL"
                            + " (DatabaseMetaData.getURL() is null), so dbshift cannot tell the database kind; give url instead");
                }
                return url;
            } catch (SQLException e) {
                // the message is the pool's or the driver's, which do not repeat a password
                throw new DbShiftException(DbShiftException.UNREACHABLE, "dataSource: cannot connect: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- the project

    public Settings settings() { return settings; }

    public DbShift withListener(ExecutionListener other) {
        return new DbShift(settings, javaMigrations, classLoader, other, connections, inputs, listed);
    }

    /**
     * The same project aimed at another target, its settings loaded again from the same sources with these over
     * the flags: {@code environment} (a {@code [environments.NAME]} of dbshift.toml; null: this one's), {@code url}
     * (any form the {@code url} setting takes, credentials in it split out; null: the environment's) and
     * {@code schema} (null: the URL's default, or the environment's). The migrations are listed once for every
     * target of one environment ({@code listedOnce}: the source to share, from {@link #listedSource()}; null: this
     * target lists them itself). Never through the application's pool: a target is reached by its URL.
     */
    public DbShift forTarget(String environment, String url, String schema, MigrationSource listedOnce) {
        if (connections != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "a fleet reaches each target by its URL: configure the"
                    + " project with url, not with dataSource");
        }
        Map<String, Object> flags = new LinkedHashMap<>(inputs.flags());
        if (environment != null) {
            flags.put("environment", environment);
            if (url == null) {
                // the environment's own URL and schema, not a URL given for the whole fleet
                flags.remove("url");
                flags.remove("dsn");
                flags.remove("schemas");
            }
        }
        if (url != null) {
            flags.remove("dsn");
            flags.put("url", url);
            flags.remove("schemas");
        }
        if (schema != null) {
            flags.put("schemas", List.of(schema));
        }
        Settings target = SettingsLoader.load(inputs.projectDir(), flags, inputs.environment());
        return new DbShift(target, javaMigrations, classLoader, listener, null, inputs, listedOnce);
    }

    /** This project's migrations, listed on the first call and remembered: for the many targets of one fleet. */
    public MigrationSource listedSource() {
        return new dev.dbshift.migration.ListedOnce(source());
    }

    /** The migrations of this project, as found on disk (and Java ones). */
    public MigrationSource source() {
        if (listed != null) {
            return listed;
        }
        return new CompositeSource(new FileMigrationSource(settings.projectDir(), settings.locations(),
                settings.environment(), classLoader, settings.encoding(), settings.declaredEnvironments())
                .withFormats(MigrationFormats.all(), settings.format()), javaMigrations);
    }

    private Project project() { return new Project(settings, source(), listener, connections); }

    /** Online table change (MySQL/MariaDB): alter, status, pause, resume, abort, cut-over. */
    public OnlineCommands online() {
        return new OnlineCommands(Databases.forUrl(settings.url()), this::connect, url -> project().connect(url));
    }

    /** A new connection with the settings' credentials (never put into the URL). */
    public Connection connect() throws SQLException { return project().connect(); }

    /** The dbshift version, from the build. */
    public static String toolVersion() { return Project.toolVersion(); }

    // ---------------------------------------------------------------- migrations: command.Migrate, Rebuild, Reset

    /** Creates the history tables (and the schema) if missing. */
    public void init() { new Migrate(project()).init(); }

    /** {@code up} to the default target: the VERSION file's version, else head; a failed migration throws {@link MigrationFailedException}. */
    public Report up() { return up(null); }

    public Report up(String target) { return new Migrate(project()).up(target); }

    /** {@code up} after dumping the database to {@code backup}. */
    public Report up(String target, Path backup) { return new Migrate(project()).up(target, backup); }

    /** Reverts one migration. */
    public Report down() { return down(null); }

    public Report down(String target) { return new Migrate(project()).down(target); }

    public DryRun planUp(String target) { return new Migrate(project()).planUp(target); }

    public DryRun planDown(String target) { return new Migrate(project()).planDown(target); }

    /** Runs one migration again: down then up, or the rest of a partly applied one. */
    public Report rebuild(String version) { return new Rebuild(project()).run(version); }

    public DryRun planRebuild(String version) { return new Rebuild(project()).plan(version); }

    /** Drops everything in the target schema, runs the init scripts, then every migration; refused on a critical environment. */
    public ResetReport reset() { return new Reset(project()).run(); }

    public ResetPlan planReset() { return new Reset(project()).plan(); }

    // ---------------------------------------------------------------- reading: command.Status, Check

    public StatusReport status() { return new Status(project()).status(); }

    /** The live schema's checksum, and whether it still matches the history. */
    public SchemaState schemaState() { return new Status(project()).schemaState(); }

    /** The whole history log, oldest first (empty when the history table does not exist). */
    public List<HistoryRow> history() { return new Status(project()).history(); }

    /** The highest applied version. */
    public Optional<String> current() { return new Status(project()).current(); }

    /** Every problem, from the built-in checks, the service-loaded {@link ProblemSource}s and {@code extra}. */
    public CheckReport check(boolean noPending, List<ProblemSource> extra) { return new Check(project()).run(noPending, extra); }

    /**
     * Lints migrations: {@code files} (empty: all), only the pending ones (connects to read the history), and with
     * {@code connect} the server's version and table sizes; else offline.
     */
    public dev.dbshift.lint.LintReport lint(List<String> files, boolean pending, boolean connect) {
        return new dev.dbshift.command.Lint(project()).run(files, pending, connect);
    }

    /** {@code lint --fix}: rewrites the pending migrations where a finding has a mechanical safe rewrite; lints again. */
    public dev.dbshift.command.LintFixReport lintFix(List<String> files) { return new dev.dbshift.command.Lint(project()).fix(files); }

    public CheckReport check(boolean noPending) { return check(noPending, List.of()); }

    // ---------------------------------------------------------------- families

    /** Schema commands: live and migrated models, diff, DDL, dump, baseline, new migrations. */
    public SchemaCommands schema() { return new SchemaCommands(project()); }

    /**
     * Takes over another tool's history: reads {@code from}'s history table on the target ({@code flyway},
     * {@code liquibase}, {@code golang-migrate}, {@code goose}, {@code dbmate}, {@code sqlx}, {@code alembic},
     * {@code atlas}, {@code sqitch}; null: the one the target has) and records what it applied as
     * {@code baseline} rows, so the next {@code up} runs only what that tool had not. Leaves its table as it is.
     */
    public Adopted adopt(String from, boolean dryRun) { return new Adopt(project()).run(from, dryRun); }

    /** The history's own commands: stamp, skip, repair, errors, trace. */
    public HistoryCommands historyCommands() { return new HistoryCommands(project()); }

    /** Offline SQL scripts, squash and touch. */
    public Tools tools() { return new Tools(project()); }
}
