package dev.dbshift.db.h2;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.Database;
import dev.dbshift.db.UrlPrefixProvider;
import dev.dbshift.db.LeaseLocker;
import dev.dbshift.db.Locker;
import dev.dbshift.db.RelativeFile;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.sql.ScriptDialect;

import java.util.List;
import java.util.ArrayList;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** H2, the embedded default: DDL commits implicitly (as on MySQL), a lease-row lock held through a row lock (H2 has no session lock function). */
public final class H2Database implements Database {

    /** Serves {@code jdbc:h2:} URLs. */
    public static final class Provider extends UrlPrefixProvider {
        public Provider() {
            super(H2Database::new, "jdbc:h2:");
        }
    }

    private final ScriptDialect dialect = new H2ScriptDialect();

    @Override
    public String name() {
        return "h2";
    }

    /** H2 commits the open transaction at most DDL statements, so DDL cannot share a transaction with the history row. */
    @Override
    public String driverClass() {
        return "org.h2.Driver";
    }

    /** {@code jdbc:h2:./db/x} and {@code jdbc:h2:file:../x}: H2 reads a dotted path from the working directory. */
    @Override
    public String inProject(String url, java.nio.file.Path projectDir) {
        for (String prefix : List.of("jdbc:h2:file:", "jdbc:h2:")) {
            if (url.startsWith(prefix)) {
                String rest = url.substring(prefix.length());
                return RelativeFile.dotted(rest) ? RelativeFile.resolve(prefix, rest, projectDir) : url;
            }
        }
        return url;
    }

    /** A file database's folder, made race-free (H2 checks, then makes it: two targets at once in one new folder fail one). */
    @Override
    public void beforeConnect(String url) throws SQLException {
        String rest = fileRest(url);
        if (rest != null) {
            RelativeFile.makeFolder(rest);
        }
    }

    /** A file database whose {@code .mv.db} file is there: opening it makes nothing. */
    @Override
    public boolean opensExisting(String url) {
        java.nio.file.Path file = storeFile(url);
        return file != null && java.nio.file.Files.isRegularFile(file);
    }

    /** A private database in memory with the URL's compatibility settings, when the {@code .mv.db} file is not there. */
    @Override
    public Optional<String> absentFileStandIn(String url) {
        java.nio.file.Path file = storeFile(url);
        return file == null || java.nio.file.Files.exists(file) ? Optional.empty() : Optional.of(scratch(url, "", List.of()).url());
    }

    /** The {@code .mv.db} file a URL naming a database file opens; null for any other URL. */
    private static java.nio.file.Path storeFile(String url) {
        String rest = fileRest(url);
        java.nio.file.Path file = rest == null ? null : RelativeFile.file(rest);
        return file == null ? null : file.resolveSibling(file.getFileName() + ".mv.db");
    }

    /** Every H2 URL but a server's ({@code tcp:}, {@code ssl:}): the engine runs in this process, and keeps its catalog in its heap. */
    @Override
    public boolean livesInHeap(String url) {
        return url.startsWith("jdbc:h2:") && !url.matches("(?i)^jdbc:h2:(tcp|ssl):.*");
    }

    /** What follows the prefix of a URL naming a database file (not in memory, a server, or another file system); else null. */
    private static String fileRest(String url) {
        String rest = url.startsWith("jdbc:h2:file:") ? url.substring("jdbc:h2:file:".length())
                : url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : null;
        return rest == null || rest.matches("(?i)^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry):.*") ? null : rest;
    }

    /**
     * A database of its own in memory, with the live URL's compatibility settings ({@code MODE}, identifier case, ...)
     * and the live schemas' names: a name the migrations qualify with the live schema ({@code PUBLIC.orders}) then names
     * the copy. A scratch schema of the live database took a replayed data migration's rows into the live tables again.
     * It lives while a connection to it is open, so nothing is left of it when that is closed, even after a crash.
     */
    @Override
    public Scratch scratch(String url, String name, List<String> schemas) {
        StringBuilder scratch = new StringBuilder("jdbc:h2:mem:").append(name);
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && SCRATCH_SETTINGS.contains(parts[i].substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT))) {
                scratch.append(';').append(parts[i]);
            }
        }
        return new Scratch(scratch.toString(), schemas, null, true);
    }

    /**
     * What reaches past a database in memory: a linked table or schema (a connection to another database, the live
     * one's file even) and a file written ({@code SCRIPT TO}, {@code BACKUP TO}, {@code CSVWRITE}, {@code FILE_WRITE}).
     */
    @Override
    public List<ReplayGuard> replayGuard(Connection connection, Scratch scratch) {
        return List.of(new ReplayGuard(java.util.regex.Pattern.compile("\\bLINKED\\s+TABLE\\b|\\bLINK_SCHEMA\\s*\\("
                        + "|(^|;)\\s*(SCRIPT\\b[^;]*?\\bTO\\s+'|BACKUP\\s+TO\\b)|\\b(CSVWRITE|FILE_WRITE)\\s*\\(",
                java.util.regex.Pattern.CASE_INSENSITIVE), java.util.Set.of(),
                "it reaches past its database (a linked table or schema, a file it writes)", true));
    }

    /** The URL settings that change what SQL means, carried to a scratch database; not those of the file or server. */
    private static final java.util.Set<String> SCRATCH_SETTINGS = java.util.Set.of("MODE", "DATABASE_TO_UPPER",
            "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS", "IGNORECASE", "NON_KEYWORDS", "DEFAULT_NULL_ORDERING",
            "TIME ZONE", "TIME_ZONE", "VARIABLE_BINARY", "OLD_INFORMATION_SCHEMA", "BUILTIN_ALIAS_OVERRIDE", "COLLATION",
            "DEFAULT_TABLE_TYPE", "REFERENTIAL_INTEGRITY");

    /**
     * What a script may set for the rest of its session, set back so that the next migration runs as in a session of its
     * own: the schema ({@code SET SCHEMA}: the next migration made its tables there), the query and lock timeouts (a
     * {@code SET QUERY_TIMEOUT 1} made every later migration of the run fail after a millisecond), the time zone, the
     * throttle; and, of what a step leaves, its local temporary tables and its user variables.
     */
    @Override
    public SessionState sessionState(Connection connection) throws SQLException {
        String schema = currentSchema(connection);
        String queryTimeout;
        String timeZone;
        String lockTimeout;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT"
                + " (SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'),"
                + " (SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'), LOCK_TIMEOUT()")) {
            rs.next();
            queryTimeout = rs.getString(1);
            timeZone = rs.getString(2);
            lockTimeout = rs.getString(3);
        }
        List<String> variables = variables(connection);
        return new SessionState() {
            @Override
            public void restore(Connection c) throws SQLException {
                H2Database.this.restore(c, schema, queryTimeout, lockTimeout, timeZone);
            }

            @Override
            public void dropSessionObjects(Connection c, Named named) throws SQLException {
                List<String> drops = new java.util.ArrayList<>(CatalogQuery.column(c, "SELECT 'DROP TABLE IF EXISTS '"
                        + " || QUOTE_IDENT(TABLE_SCHEMA) || '.' || QUOTE_IDENT(TABLE_NAME)"
                        + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'LOCAL TEMPORARY'"));
                // a user variable ends when set to NULL; those the session had when the run began are left as they are
                for (String v : variables(c)) {
                    if (!variables.contains(v)) {
                        drops.add("SET @" + quote(v) + " = NULL");
                    }
                }
                try (Statement st = c.createStatement()) {
                    for (String drop : drops) {
                        st.execute(drop);
                    }
                }
            }
        };
    }

    /**
     * When {@code named} names user variables: those the session has now, set back after the step where it changed
     * them (a callback's {@code SET @tenant = 42}, which a migration set again); one the step made is ended by
     * {@code dropSessionObjects}. H2 keeps the statement that sets each ({@code SESSION_STATE}).
     */
    @Override
    public Undo keep(Connection connection, SessionState.Named named) throws SQLException {
        if (named.userVariables().isEmpty()) {
            return Undo.NOTHING;
        }
        java.util.Map<String, String> was = variableCommands(connection);
        return c -> {
            java.util.Map<String, String> now = variableCommands(c);
            try (Statement st = c.createStatement()) {
                for (java.util.Map.Entry<String, String> e : was.entrySet()) {
                    if (!e.getValue().equals(now.get(e.getKey()))) {
                        st.execute(e.getValue());
                    }
                }
            }
        };
    }

    /** Each user variable of the session and the statement that sets it as it is. */
    private static java.util.Map<String, String> variableCommands(Connection c) throws SQLException {
        return CatalogQuery.pairs(c, "SELECT STATE_KEY, STATE_COMMAND FROM INFORMATION_SCHEMA.SESSION_STATE WHERE STATE_KEY LIKE '@%'");
    }

    /** The session's user variables, by name as H2 keeps it ({@code @x} as {@code X}). */
    private static List<String> variables(Connection c) throws SQLException {
        return CatalogQuery.column(c, "SELECT SUBSTRING(STATE_KEY, 2) FROM INFORMATION_SCHEMA.SESSION_STATE"
                + " WHERE STATE_KEY LIKE '@%'");
    }

    private void restore(Connection c, String schema, String queryTimeout, String lockTimeout, String timeZone)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SCHEMA " + quote(schema));
            if (queryTimeout != null && queryTimeout.matches("\\d+")) {
                st.execute("SET QUERY_TIMEOUT " + queryTimeout);
            }
            if (lockTimeout != null && lockTimeout.matches("\\d+")) {
                st.execute("SET LOCK_TIMEOUT " + lockTimeout);
            }
            if (timeZone != null) {
                st.execute("SET TIME ZONE '" + timeZone.replace("'", "''") + "'");
            }
            st.execute("SET THROTTLE 0"); // unreadable; dbshift never sets it
        }
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    @Override
    public ScriptDialect scriptDialect() {
        return dialect;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_SCHEMA")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** SCHEMA_NOT_FOUND_1 (90079) of org.h2.api.ErrorCode, from SET SCHEMA. */
    @Override
    public boolean schemaMissing(SQLException useSchemaFailure) {
        return useSchemaFailure.getErrorCode() == 90079;
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (create) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            }
            st.execute("SET SCHEMA " + quote(schema));
        }
    }

    @Override
    public HistoryTypes historyTypes() {
        return new HistoryTypes("VARCHAR(1000)", "CHARACTER LARGE OBJECT", "TIMESTAMP(3)", "BOOLEAN", "BIGINT",
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "");
    }

    /**
     * A lease row, held through a row lock that dies with the session: a stalled holder keeps the lock (its
     * session lives on), a killed one loses it at once (embedded, AUTO_SERVER and TCP server URLs alike).
     *
     * <p>A writing session also makes every commit durable at once ({@code SET WRITE_DELAY 0}): with H2's
     * default delay a killed process loses its last commits, and in tests it kept rows of an
     * uncommitted INSERT ... SELECT (2 of 6 kills), which breaks the exactly-once guarantee (a
     * statement and its progress mark must be on disk together or not at all). The setting is H2's
     * own and persistent; a user without admin rights keeps the default (and the risk).
     */
    @Override
    public Locker locker(Connection connection, ConnectionFactory factory, String lockName, Duration leaseTime) {
        try (Statement st = connection.createStatement()) {
            st.execute("SET WRITE_DELAY 0");
        } catch (SQLException notAdmin) {
            // kept as it is
        }
        try {
            String schema = currentSchema(connection);
            return new LeaseLocker(connection, factory, quote(schema) + ".dbshift_lock",
                    "VARCHAR(200)", lockName, leaseTime, new H2Locking(this, schema));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the current schema: " + e.getMessage(), e);
        }
    }

    /** H2's row locks wait up to the session's LOCK_TIMEOUT and then fail with error 50200. */
    private static final class H2Locking implements LeaseLocker.Vendor {
        /** LOCK_TIMEOUT_1, DEADLOCK_1, CONCURRENT_UPDATE_1 of org.h2.api.ErrorCode. */
        private static final java.util.Set<Integer> BUSY = java.util.Set.of(50200, 40001, 90131);
        private final H2Database database;
        private final String schema;

        H2Locking(H2Database database, String schema) {
            this.database = database;
            this.schema = schema;
        }

        /**
         * Looked up through the driver's metadata, as the history table is: H2 writes every failed statement to
         * {@code <name>.trace.db} beside the database, so a probing query left that file, holding "Table DBSHIFT_LOCK
         * not found", after a first run that went well. The name is tried as written, upper- and lower-case, for H2's
         * case settings. (A query on INFORMATION_SCHEMA.TABLES cost 7-18 ms more at start: H2 builds its rows.)
         */
        @Override
        public boolean tableExists(Connection connection, String table) throws SQLException {
            return database.tableExists(connection, schema, "dbshift_lock");
        }

        @Override
        public void limitWaits(Connection connection, Duration wait) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCK_TIMEOUT " + Math.max(1, wait.toMillis()));
            }
        }

        @Override
        public boolean isBusy(SQLException e) {
            return BUSY.contains(e.getErrorCode());
        }

        /** DATABASE_CALLED_AT_SHUTDOWN_1, CONNECTION_BROKEN_1, DATABASE_IS_CLOSED of org.h2.api.ErrorCode. */
        private static final java.util.Set<Integer> ENDED = java.util.Set.of(90121, 90067, 90098);

        @Override
        public boolean sessionEnded(SQLException e) {
            return ENDED.contains(e.getErrorCode());
        }

        @Override
        public boolean rowLockDiesWithSession() {
            return true;
        }
    }

    /** Drops views, tables, sequences, domains and user functions of the schema, but not the lease table of {@link #locker}. */
    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        List<String> drops = new ArrayList<>();
        query(connection, "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?"
                + " ORDER BY CASE WHEN TABLE_TYPE = 'VIEW' THEN 0 ELSE 1 END, TABLE_NAME", schema, (name, type) -> {
            if (!name.equalsIgnoreCase("dbshift_lock")) {
                drops.add("DROP " + (type.equals("VIEW") ? "VIEW" : "TABLE") + " IF EXISTS " + quote(schema) + "." + quote(name) + " CASCADE");
            }
        });
        query(connection, "SELECT SEQUENCE_NAME, NULL FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = ?", schema,
                (name, type) -> drops.add("DROP SEQUENCE IF EXISTS " + quote(schema) + "." + quote(name)));
        query(connection, "SELECT DOMAIN_NAME, NULL FROM INFORMATION_SCHEMA.DOMAINS WHERE DOMAIN_SCHEMA = ?", schema,
                (name, type) -> drops.add("DROP DOMAIN IF EXISTS " + quote(schema) + "." + quote(name) + " CASCADE"));
        query(connection, "SELECT DISTINCT ROUTINE_NAME, ROUTINE_TYPE FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = ?",
                schema, (name, type) -> drops.add(("AGGREGATE".equals(type) ? "DROP AGGREGATE IF EXISTS " : "DROP ALIAS IF EXISTS ")
                        + quote(schema) + "." + quote(name)));
        try (Statement st = connection.createStatement()) {
            for (String d : drops) {
                st.execute(d);
            }
        }
    }

    private interface NameReader {
        void read(String name, String type) throws SQLException;
    }

    private static void query(Connection c, String sql, String schema, NameReader reader) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs.getString(1), rs.getString(2));
                }
            }
        }
    }

    @Override
    public Optional<SchemaReader> schemaReader() {
        return Optional.of(new H2SchemaReader());
    }

    @Override
    public Optional<DdlWriter> ddlWriter() {
        return Optional.of(new H2DdlWriter());
    }

    @Override
    public Optional<SchemaDump> schemaDump() {
        return Optional.of(new H2SchemaDump());
    }

    /** Row changes roll back with the progress mark; DDL commits the open transaction. */
    @Override
    public boolean sharesTransactionWithMark(dev.dbshift.sql.SqlStatement statement) {
        List<String> first = dev.dbshift.sql.StatementEffect.firstWords(statement.sql(), 1);
        return !first.isEmpty() && java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE").contains(first.get(0));
    }

    /**
     * A linked table ({@code CREATE LINKED TABLE}) writes each row into its database on a connection of its own, where it
     * commits: a rollback here does not undo it (seen from the CLI: a group killed after a row into a linked PostgreSQL
     * table read "not done", and the next up wrote the row again). A schema with one answers as one with a MyISAM table
     * does on MySQL: its row changes run alone, each in doubt after a crash. Names come as written, quotes taken off, so
     * a schema is compared without regard to case.
     */
    @Override
    public RowsKept rowsKeptThroughRollback(Connection connection, String schema) throws SQLException {
        return CatalogQuery.first(connection, "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_SCHEMA) = UPPER(?)"
                + " AND STORAGE_TYPE = 'TABLE LINK' FETCH FIRST ROW ONLY", schema).isPresent()
                ? new RowsKept(true, List.of(), List.of()) : RowsKept.NONE;
    }

    /**
     * A row change into a linked table writes outside the transaction ({@link H2LinkedTables}): a failure part way leaves
     * the rows written before it. The linked tables of every schema, one catalog query per run.
     */
    @Override
    public OutsideWrites outsideWrites(Connection connection) throws SQLException {
        return new H2LinkedTables(CatalogQuery.column(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE STORAGE_TYPE = 'TABLE LINK'"));
    }

    /** Linked tables, of any schema ({@link #rowsKeptThroughRollback}). */
    @Override
    public boolean mayKeepRowsThroughRollback() {
        return true;
    }

    /** {@code CREATE [FORCE] LINKED TABLE}: its rows are written elsewhere ({@link #rowsKeptThroughRollback}). */
    @Override
    public boolean mayMakeTableThatKeepsRows(dev.dbshift.sql.SqlStatement statement) {
        List<String> w = dev.dbshift.sql.StatementEffect.firstWords(statement.sql(), 3);
        return w.size() == 3 && w.get(0).equals("CREATE") && (w.get(1).equals("LINKED")
                || w.get(1).equals("FORCE") && w.get(2).equals("LINKED"));
    }

    /** Unquoted names fold to upper case. */
    private static String h2Name(String name) {
        return dev.dbshift.db.CatalogQuery.folded(name, true);
    }

    /**
     * H2 runs an ALTER that changes a column's type (and others it cannot do in place) as a copy of the table named
     * {@code T_COPY_<session>_<n>}, a drop of {@code T} and a rename of the copy, and a process killed between them
     * leaves that state on disk (seen in FaultIT: {@code DST} gone, all its rows in {@code DST_COPY_3_0}, its index
     * renamed {@code DST_COPY_3_0_IX_DST_V}). Both ways are named: the copy to rename back when the table is gone,
     * the copy to drop when the table is still there.
     */
    @Override
    public Optional<String> interruptedAlter(Connection connection, String currentSchema,
                                             dev.dbshift.sql.StatementEffect.CatalogObject table) throws SQLException {
        String schema = table.schema() == null ? currentSchema : h2Name(table.schema());
        String name = h2Name(table.name());
        List<String> copies = dev.dbshift.db.CatalogQuery.column(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE ? ESCAPE '!' ORDER BY TABLE_NAME", schema, startingWith(name + "_COPY_"));
        if (copies.isEmpty()) {
            return Optional.empty();
        }
        boolean there = dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, name).orElse(Presence.ABSENT) == Presence.PRESENT;
        String quoted = quote(name);
        String drops = String.join("; ", copies.stream().map(c -> "DROP TABLE " + quote(c)).toList());
        if (there) {
            return Optional.of("H2 left " + String.join(", ", copies) + ", its copy of the table for this ALTER (H2 runs it as"
                    + " a copy of the table, a drop of the old one and a rename of the copy), and " + quoted + " is still"
                    + " there, so the ALTER did not complete: drop the copy (" + drops + "), check " + quoted + ", and record"
                    + " the statement not done");
        }
        if (copies.size() > 1) {
            return Optional.of(quoted + " is gone and H2 left " + String.join(", ", copies) + ", copies of the table (H2 runs"
                    + " this ALTER as a copy, a drop of the old table and a rename of the copy): the one with all the rows and"
                    + " the new definition is the table; rename it to " + quoted + ", drop the others, and record the"
                    + " statement done");
        }
        String copy = copies.get(0);
        StringBuilder mend = new StringBuilder("ALTER TABLE " + quote(copy) + " RENAME TO " + quoted);
        for (String index : dev.dbshift.db.CatalogQuery.column(connection, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME LIKE ? ESCAPE '!' ORDER BY INDEX_NAME",
                schema, copy, startingWith(copy + "_"))) {
            mend.append("; ALTER INDEX ").append(quote(index)).append(" RENAME TO ").append(quote(index.substring(copy.length() + 1)));
        }
        return Optional.of("H2 left the table as " + copy + " and " + quoted + " is gone: H2 runs this ALTER as a copy of"
                + " the table, a drop of the old one and a rename of the copy, and the process died between the drop and the"
                + " rename, so the copy holds the rows and the new definition. Rename it back (" + mend + "), check it,"
                + " and record the statement done");
    }

    /** A LIKE pattern (escape character {@code !}) for names that begin with {@code prefix}. */
    private static String startingWith(String prefix) {
        return prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%";
    }

    @Override
    public Optional<Presence> presence(Connection connection, String currentSchema,
                                       dev.dbshift.sql.StatementEffect.CatalogObject o) throws SQLException {
        String schema = o.schema() == null ? currentSchema : h2Name(o.schema());
        String name = h2Name(o.name());
        String tables = "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE ";
        switch (o.type()) {
            case "TABLE":
                return dev.dbshift.db.CatalogQuery.presence(connection, tables + "= 'BASE TABLE'", schema, name);
            case "VIEW":
                return dev.dbshift.db.CatalogQuery.presence(connection, tables + "= 'VIEW'", schema, name);
            case "SEQUENCE":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM INFORMATION_SCHEMA.SEQUENCES"
                        + " WHERE SEQUENCE_SCHEMA = ? AND SEQUENCE_NAME = ?", schema, name);
            case "INDEX":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM INFORMATION_SCHEMA.INDEXES"
                        + " WHERE INDEX_SCHEMA = ? AND INDEX_NAME = ?", schema, name);
            case "COLUMN":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?", schema, h2Name(o.table()), name);
            case "PRIMARY KEY", "FOREIGN KEY", "CHECK", "CONSTRAINT": {
                // an ALTER TABLE that adds a key or a constraint, interrupted: was undecided on H2 (exit 3)
                String constraints = "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
                String table = h2Name(o.table());
                return switch (o.type()) {
                    case "PRIMARY KEY" -> dev.dbshift.db.CatalogQuery.presence(connection, constraints
                            + " AND CONSTRAINT_TYPE = 'PRIMARY KEY'", schema, table);
                    case "CONSTRAINT" -> dev.dbshift.db.CatalogQuery.presence(connection, constraints
                            + " AND CONSTRAINT_NAME = ?", schema, table, name);
                    default -> dev.dbshift.db.CatalogQuery.presence(connection, constraints
                            + " AND CONSTRAINT_NAME = ? AND CONSTRAINT_TYPE = ?", schema, table, name, o.type());
                };
            }
            default:
                return Optional.empty();
        }
    }
}
