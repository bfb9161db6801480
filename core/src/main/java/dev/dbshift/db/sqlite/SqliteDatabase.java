package dev.dbshift.db.sqlite;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.Database;
import dev.dbshift.db.UrlPrefixProvider;
import dev.dbshift.db.LeaseLocker;
import dev.dbshift.db.RelativeFile;
import dev.dbshift.db.Locker;
import dev.dbshift.db.sqlite.lint.SqliteLintRules;
import dev.dbshift.lint.Rule;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.sql.ScriptDialect;

import java.util.List;
import java.util.ArrayList;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * SQLite: transactional DDL, one schema ({@code main}), a lease-row lock. Several processes may open
 * the same file; SQLite's own write lock serialises them (every transaction of a run takes it at BEGIN)
 * and the lease, checked in each of those transactions, keeps runs apart.
 */
public final class SqliteDatabase implements Database {

    /** Serves {@code jdbc:sqlite:} URLs. */
    public static final class Provider extends UrlPrefixProvider {
        public Provider() {
            super(SqliteDatabase::new, "jdbc:sqlite:");
        }
    }

    private final ScriptDialect dialect = new SqliteScriptDialect();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String driverClass() {
        return "org.sqlite.JDBC";
    }

    /**
     * {@code jdbc:sqlite:app.db}, {@code jdbc:sqlite:./app.db}: any path that is not absolute is relative;
     * {@code jdbc:sqlite:} and {@code jdbc:sqlite::memory:} are no file.
     */
    @Override
    public String inProject(String url, java.nio.file.Path projectDir) {
        String prefix = "jdbc:sqlite:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        boolean relative = RelativeFile.dotted(rest) || (!rest.startsWith("/") && !rest.startsWith(":") && !rest.isEmpty());
        return relative ? RelativeFile.resolve(prefix, rest, projectDir) : url;
    }

    /** {@code sqlite:app.db}. */
    @Override
    public Optional<UrlForm> urlForm() {
        return Optional.of(UrlForm.file("jdbc:sqlite:", "sqlite"));
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    @Override
    public String clientPreamble() {
        return ".bail on\n";
    }

    /**
     * SQLite converts anything without an error, and RAISE works only in a trigger (with a literal message before
     * 3.47): a temporary trigger of the guard's own raises it when the condition inserts the guard's number.
     */
    @Override
    public String clientStop(int n, String condition, String message) {
        return "CREATE TEMP TABLE IF NOT EXISTS dbshift_guard (step INTEGER);\n"
                + "CREATE TEMP TRIGGER IF NOT EXISTS dbshift_guard_" + n + " BEFORE INSERT ON dbshift_guard WHEN NEW.step = " + n
                + " BEGIN SELECT RAISE(ABORT, " + stringLiteral(message) + "); END;\n"
                + "INSERT INTO dbshift_guard SELECT " + n + " WHERE " + condition + ";\n";
    }

    /** SQLite: "SAVEPOINT ... outside of a BEGIN ... COMMIT ... behaves the same as BEGIN DEFERRED TRANSACTION". */
    @Override
    public boolean savepointOpensTransaction() {
        return true;
    }

    @Override
    public ScriptDialect scriptDialect() {
        return dialect;
    }

    /**
     * A script's {@code PRAGMA foreign_key_check} (step 10 of the table rebuild SQLite documents, "verify that the
     * schema change did not break any foreign key constraints") fails the migration when it finds rows: the
     * {@code sqlite3} shell prints them for the person at the prompt, and dbshift has nobody to show them to, so the
     * check passed whatever it found. Failing inside the script's own {@code BEGIN ... COMMIT} rolls the change back.
     */
    @Override
    public void execute(Connection connection, dev.dbshift.sql.SqlStatement statement) throws SQLException {
        // rows and schema changes, nearly every statement of a migration, are no pragma: their words are not read
        dev.dbshift.sql.SessionStatements.Pragma p = statement.kind() != dev.dbshift.sql.StatementKind.OTHER ? null
                : dev.dbshift.sql.SessionStatements.pragma(dev.dbshift.sql.StatementWords.of(statement.sql(), dialect.lexicalForWords(), 6));
        if (p == null || !p.name().equals("FOREIGN_KEY_CHECK")) {
            Database.super.execute(connection, statement);
            return;
        }
        List<String> broken = new ArrayList<>();
        int rows = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(statement.sql())) {
            while (rs.next()) {
                if (rows++ < 5) {
                    broken.add(rs.getString(1) + " rowid " + rs.getString(2) + " (its parent in " + rs.getString(3) + " is missing)");
                }
            }
        }
        if (rows > 0) {
            throw new SQLException("PRAGMA foreign_key_check found " + rows + " row(s) whose foreign key has no parent: "
                    + String.join(", ", broken) + (rows > broken.size() ? ", ..." : ""));
        }
    }

    /**
     * The SQLite driver reads {@code last_insert_rowid()} after every INSERT and keeps that query open, for
     * {@code getGeneratedKeys}, until the statement runs again or closes. On the history's statement, kept for the
     * whole run, that was a statement in progress on the connection from the first history row on: a migration's
     * {@code VACUUM} failed ("cannot VACUUM - SQL statements in progress"; the sqlite3 shell runs it), and a
     * {@code PRAGMA case_sensitive_like} could not be set back (SQLite replaces no function while a statement runs).
     * Closing the generated keys ends the query.
     */
    @Override
    public void leaveIdle(Statement kept) throws SQLException {
        kept.getGeneratedKeys().close();
    }

    /**
     * The connection's pragmas that change what SQL does, how it is kept or how long it waits, and can be read back:
     * a migration's {@code PRAGMA synchronous = OFF} or {@code cache_size} carried into every later migration of the
     * run, where the sqlite3 shell's session per file ends them.
     */
    private static final List<String> KEPT_PRAGMAS = List.of("foreign_keys", "recursive_triggers", "legacy_alter_table",
            "ignore_check_constraints", "trusted_schema", "reverse_unordered_selects", "read_uncommitted",
            "writable_schema", "synchronous", "busy_timeout", "cache_size", "temp_store", "automatic_index",
            "cell_size_check", "secure_delete");

    /**
     * {@code PRAGMA case_sensitive_like} can be set but not read, so it is read from what {@code LIKE} does: 1 when
     * {@code 'a' LIKE 'A'} is false. A migration's {@code PRAGMA case_sensitive_like = ON} left on its own made every
     * later migration's {@code LIKE} tell case apart (a data migration's {@code WHERE name LIKE 'abc%'} skipping the
     * rows a new sqlite3 session finds).
     */
    private static final String CASE_SENSITIVE_LIKE = "case_sensitive_like";

    /**
     * The connection's pragmas ({@link #KEPT_PRAGMAS}): a migration's {@code PRAGMA foreign_keys = OFF} left on its own
     * made the next migration run without the foreign keys the URL turned on. {@code foreign_keys} takes effect only
     * outside a transaction, which is where the executor is between migrations; one that does not take is an error,
     * never a silent difference.
     */
    @Override
    public SessionState sessionState(Connection connection) throws SQLException {
        java.util.Map<String, Long> before = pragmas(connection);
        List<String> attached = attached(connection);
        return new SessionState() {
            @Override
            public void restore(Connection c) throws SQLException {
                restorePragmas(c, before);
            }

            @Override
            public void dropSessionObjects(Connection c, Named named) throws SQLException {
                List<String> drops = new java.util.ArrayList<>(CatalogQuery.column(c, "SELECT 'DROP ' || upper(type)"
                        + " || ' IF EXISTS temp.\"' || replace(name, '\"', '\"\"') || '\"' FROM temp.sqlite_master"
                        + " WHERE type IN ('view', 'table', 'trigger') ORDER BY type = 'table'"));
                // a database the step attached: a later migration's ATTACH ... AS o failed with "already in use"
                attached(c).stream().filter(name -> !attached.contains(name)).forEach(name -> drops.add("DETACH " + quote(name)));
                try (Statement st = c.createStatement()) {
                    for (String drop : drops) {
                        st.execute(drop);
                    }
                }
            }
        };
    }

    /** The schema names of the connection's databases: main, temp and those attached. */
    private static List<String> attached(Connection c) throws SQLException {
        return CatalogQuery.column(c, "SELECT name FROM pragma_database_list");
    }

    private static void restorePragmas(Connection c, java.util.Map<String, Long> before) throws SQLException {
        java.util.Map<String, Long> now = pragmas(c);
        try (Statement st = c.createStatement()) {
            for (java.util.Map.Entry<String, Long> e : before.entrySet()) {
                if (!e.getValue().equals(now.get(e.getKey()))) {
                    st.execute("PRAGMA " + e.getKey() + " = " + e.getValue());
                }
            }
        }
        java.util.Map<String, Long> after = pragmas(c);
        if (!after.equals(before)) {
            throw new SQLException("the connection's pragmas could not be set back to " + before + " (now " + after
                    + "): is a transaction still open?");
        }
    }

    private static java.util.Map<String, Long> pragmas(Connection connection) throws SQLException {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        try (Statement st = connection.createStatement()) {
            for (String p : KEPT_PRAGMAS) {
                try (ResultSet rs = st.executeQuery("PRAGMA " + p)) {
                    if (rs.next()) {
                        out.put(p, rs.getLong(1));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT 'a' LIKE 'A'")) {
                if (rs.next()) {
                    out.put(CASE_SENSITIVE_LIKE, rs.getLong(1) == 0 ? 1L : 0L);
                }
            }
        }
        return out;
    }

    @Override
    public List<Rule> lintRules() {
        return SqliteLintRules.all();
    }

    @Override
    public String currentSchema(Connection connection) {
        return "main";
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        if (!schema.equals("main")) {
            throw new SQLException("SQLite has one schema, main; remove 'schemas' or set it to main");
        }
    }

    /** A database file that is there (a path the driver reads as a file; not {@code :memory:} or a {@code file:} URI). */
    @Override
    public boolean opensExisting(String url) {
        java.nio.file.Path file = file(url);
        return file != null && java.nio.file.Files.isRegularFile(file);
    }

    /** A database in memory, when the file a plain path names is not there. */
    @Override
    public Optional<String> absentFileStandIn(String url) {
        java.nio.file.Path file = file(url);
        return file == null || java.nio.file.Files.exists(file) ? Optional.empty() : Optional.of("jdbc:sqlite::memory:");
    }

    /** The file a URL names by a plain path; null for any other URL ({@code :memory:}, a {@code file:} URI). */
    private static java.nio.file.Path file(String url) {
        return url.startsWith("jdbc:sqlite:") ? RelativeFile.file(url.substring("jdbc:sqlite:".length())) : null;
    }

    /** The driver keeps a timestamp as milliseconds or text by its {@code date_class} setting: through a calendar. */
    @Override
    public boolean localDateTimes() {
        return false;
    }

    @Override
    public HistoryTypes historyTypes() {
        return new HistoryTypes("TEXT", "TEXT", "TIMESTAMP", "BOOLEAN", "INTEGER",
                "INTEGER PRIMARY KEY AUTOINCREMENT", "");
    }

    /**
     * A lease row, with SQLite's own write lock underneath: each transaction of the run takes the write lock at
     * {@code BEGIN} (BEGIN IMMEDIATE), so the fence's check of the lease and the migration it guards are one
     * serialised write; a run waiting for the lock retries "busy" answers until its timeout.
     */
    @Override
    public Locker locker(Connection connection, ConnectionFactory factory, String lockName, Duration leaseTime) {
        return new LeaseLocker(connection, factory, "main.dbshift_lock", "TEXT", lockName, leaseTime, new SqliteLocking());
    }

    /** SQLite answers SQLITE_BUSY (5) or SQLITE_LOCKED (6) once the connection's busy timeout has passed. */
    private static final class SqliteLocking implements LeaseLocker.Vendor {
        @Override
        public void limitWaits(Connection connection, Duration wait) throws SQLException {
            connection.unwrap(org.sqlite.SQLiteConnection.class).setBusyTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis())));
        }

        @Override
        public boolean isBusy(SQLException e) {
            int primary = e.getErrorCode() & 0xff;
            return primary == 5 || primary == 6 || (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY"));
        }

        @Override
        public boolean rowLockDiesWithSession() {
            return false;
        }

        /** BEGIN IMMEDIATE for every transaction of the run; its writes wait for other writers up to {@code timeout}. */
        @Override
        public void holding(Connection connection, Duration timeout) throws SQLException {
            org.sqlite.SQLiteConnection sqlite = connection.unwrap(org.sqlite.SQLiteConnection.class);
            sqlite.getConnectionConfig().setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            limitWaits(connection, timeout);
        }
    }

    /**
     * A transaction SQLite rolled back itself is over: the driver, which in manual-commit mode keeps one open, is given
     * a new one (as its own rollback would have begun), so that its commits and its return to autocommit work again.
     */
    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            connection.rollback();
        } catch (SQLException e) {
            if (connection.getAutoCommit() || e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
            org.sqlite.SQLiteConfig.TransactionMode mode = connection.unwrap(org.sqlite.SQLiteConnection.class)
                    .getConnectionConfig().getTransactionMode();
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN " + mode.name()); // DEFERRED, IMMEDIATE or EXCLUSIVE, as the driver begins them
            }
        }
    }

    /** Drops views and tables (indexes and triggers go with them), but not the lease table of {@link #locker}. */
    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type FROM sqlite_master WHERE type IN ('view', 'table')"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'dbshift_lock'"
                     + " ORDER BY CASE type WHEN 'view' THEN 0 ELSE 1 END, name")) {
            while (rs.next()) {
                drops.add("DROP " + rs.getString(2).toUpperCase(java.util.Locale.ROOT) + " IF EXISTS " + quote(rs.getString(1)));
            }
        }
        boolean auto = connection.getAutoCommit();
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA foreign_keys = OFF");
            connection.setAutoCommit(false);
            for (String d : drops) {
                st.execute(d);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    @Override
    public Optional<SchemaReader> schemaReader() {
        return Optional.of(new SqliteSchemaReader());
    }

    @Override
    public Optional<DdlWriter> ddlWriter() {
        return Optional.of(new SqliteDdlWriter());
    }

    @Override
    public Optional<SchemaDump> schemaDump() {
        return Optional.of(new SqliteSchemaDump());
    }

    /** SQLite has one schema per file: a scratch copy is a new file in the temporary folder. */
    @Override
    public Scratch scratch(String url, String name, List<String> schemas) {
        return new Scratch("jdbc:sqlite:" + java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), name + ".db"),
                List.of(), null);
    }

    /** Only {@code ATTACH} reaches past a file: the live one could be attached and written through. */
    @Override
    public List<ReplayGuard> replayGuard(Connection connection, Scratch scratch) {
        return List.of(new ReplayGuard(java.util.regex.Pattern.compile("(?i)(^|;)\\s*ATTACH\\b"), java.util.Set.of(),
                "it attaches another database file, which may be the live one", true));
    }

    @Override
    public void dropScratch(Connection connection, Scratch scratch) {
        try {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(scratch.url().substring("jdbc:sqlite:".length())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public java.sql.ResultSet tables(java.sql.DatabaseMetaData md, String schema, String tablePattern) throws SQLException {
        return md.getTables(null, null, tablePattern, null);
    }
}
