package dev.dbshift.db;

import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptPosition;
import dev.dbshift.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything dbshift knows about one database product. Core code asks this interface and never
 * tests for a vendor; each vendor lives in its own package below {@code db/} and is found through
 * {@link DatabaseProvider} by JDBC URL.
 */
public interface Database {

    /** Short product name: {@code h2}, {@code postgresql}, {@code mariadb}, {@code sqlite}. */
    String name();

    /**
     * The JDBC driver class, so a connection can be opened without {@link java.sql.DriverManager}
     * initialising every driver on the class path; null to leave it to the driver manager.
     */
    default String driverClass() {
        return null;
    }

    /**
     * Called before each connection to {@code url} is opened: an embedded database makes the folder of its file
     * here, so that targets opened at once in one new folder (a fleet's) do not race to make it. Nothing by default.
     */
    default void beforeConnect(String url) throws SQLException {
    }

    /** The URL handed to the driver for {@code url}: the same by default; a vendor adds parameters its driver needs. */
    default String connectionUrl(String url) {
        return url;
    }

    /**
     * Puts {@code timeout} (the {@code connect_timeout} setting; zero: none) into the driver's properties as the limit
     * on the whole connect, greeting and login included, unless the driver URL {@code url} sets that property itself.
     * Nothing by default: an embedded database has no server to wait for.
     */
    default void connectTimeout(java.util.Properties properties, String url, java.time.Duration timeout) {
    }

    /**
     * Which database and schema {@code url} with {@code schema} (null: the URL's default) reaches, written so
     * that two spellings of one target are equal strings (what the {@code reset} guard compares). The
     * default: the URL without its parameters, and the schema, lower case.
     */
    default String target(String url, String schema) {
        String base = url;
        for (char c : new char[]{';', '?'}) {
            int i = base.indexOf(c);
            if (i >= 0) {
                base = base.substring(0, i);
            }
        }
        return base.toLowerCase(java.util.Locale.ROOT) + "#" + (schema == null ? "" : schema.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The URL of the server without the database it names, for when that database does not exist yet and
     * {@code schemas} names it to be created; null where a URL always names an existing one.
     */
    default String serverUrl(String url, SQLException connectFailure) {
        return null;
    }

    /**
     * {@code url} with a relative database file in it resolved against {@code projectDir}: an embedded
     * database's file belongs to the project, not to the folder the JVM started in. The default (a URL that
     * names a server, or an absolute file, or memory): {@code url} unchanged.
     */
    default String inProject(String url, java.nio.file.Path projectDir) {
        return url;
    }

    /**
     * How the URL forms other tools use name this database ({@code postgres://u:p@h:5432/db}, a DSN
     * {@code u:p@h:5432/db} told by its port, {@code sqlite:app.db}); empty where there is none.
     */
    default Optional<UrlForm> urlForm() {
        return Optional.empty();
    }

    /**
     * The URL forms of one database.
     *
     * @param schemes     the schemes (and {@code db_type} values) that mean this database, the usual one first
     * @param jdbcPrefix  what the JDBC URL starts with: a server form's {@code //host:port/db?query}, a file form's
     *                    path follows it
     * @param defaultPort the port its server listens on unless told otherwise, which tells a DSN without a scheme;
     *                    empty for a file database, whose form is {@code scheme:path}
     */
    record UrlForm(java.util.List<String> schemes, String jdbcPrefix, java.util.OptionalInt defaultPort) {
        public UrlForm {
            schemes = java.util.List.copyOf(schemes);
        }

        /** A server form: {@code scheme://user:password@host:port/database?query}. */
        public static UrlForm server(String jdbcPrefix, int defaultPort, String... schemes) {
            return new UrlForm(java.util.List.of(schemes), jdbcPrefix, java.util.OptionalInt.of(defaultPort));
        }

        /** A file form: {@code scheme:path}. */
        public static UrlForm file(String jdbcPrefix, String... schemes) {
            return new UrlForm(java.util.List.of(schemes), jdbcPrefix, java.util.OptionalInt.empty());
        }

        public boolean server() {
            return defaultPort.isPresent();
        }
    }

    /**
     * The JDBC URL of database {@code database} on a server of this kind reached through the Unix socket file
     * {@code socket} (migratore's {@code UNIX_SOCKET}); empty where this database's driver cannot use one.
     */
    default Optional<String> socketUrl(String socket, String database) {
        return Optional.empty();
    }

        /** True when DDL can be rolled back, so a migration and its history row share one transaction. */
    boolean supportsTransactionalDdl();

    /**
     * True when a {@code SAVEPOINT} outside a transaction opens one, which the {@code RELEASE} of that savepoint
     * commits (SQLite): a script may frame its own transaction that way instead of {@code BEGIN ... COMMIT}.
     */
    default boolean savepointOpensTransaction() {
        return false;
    }

    /** Quotes an identifier the way this database expects (the SQL standard's double quotes unless overridden). */
    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** How this database's own client splits scripts. */
    ScriptDialect scriptDialect();

    /** The schema (or database, on MySQL) the connection works in. */
    String currentSchema(Connection connection) throws SQLException;

    /**
     * The current schema, or empty where the connection has none: on PostgreSQL when {@code search_path} names
     * only schemas that do not exist, as for a read-only command before {@code up} has created the schema.
     */
    default Optional<String> currentSchemaIfAny(Connection connection) throws SQLException {
        return Optional.of(currentSchema(connection));
    }

    /**
     * Whether a table exists, asked of the catalog (a failing probe query would be logged by some
     * drivers and abort a PostgreSQL transaction). Tries the name as given, upper and lower case.
     */
    default boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        java.sql.DatabaseMetaData md = connection.getMetaData();
        for (String name : new String[]{table, table.toUpperCase(java.util.Locale.ROOT), table.toLowerCase(java.util.Locale.ROOT)}) {
            String pattern = literalPattern(md, name);
            try (java.sql.ResultSet rs = schema == null
                    ? md.getTables(null, null, pattern, null)
                    : tables(md, schema, pattern)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The catalog call for one schema, named exactly: {@code getTables} reads a schema pattern, in which the
     * {@code _} of {@code app_1} also matched {@code appx1} (and its history table was taken for this schema's);
     * MySQL names its databases as catalogs, which are not patterns.
     */
    default java.sql.ResultSet tables(java.sql.DatabaseMetaData md, String schema, String tablePattern) throws SQLException {
        return md.getTables(null, literalPattern(md, schema), tablePattern, null);
    }

    /**
     * Whether {@code useSchema} failed because the schema does not exist (and for no other reason): a read-only
     * command then sees it empty. PostgreSQL's never fails so (its search_path takes a missing schema).
     */
    default boolean schemaMissing(SQLException useSchemaFailure) {
        return false;
    }

    /**
     * {@code name} as a {@code DatabaseMetaData} pattern that matches only itself: {@code _}, {@code %} and the escape
     * itself escaped (a schema {@code back\slash} read unescaped matched {@code backslash}, and {@code status} saw no
     * history there after {@code up} had written it).
     */
    static String literalPattern(java.sql.DatabaseMetaData md, String name) throws SQLException {
        String escape = md.getSearchStringEscape();
        return escape == null || escape.isEmpty() ? name
                : name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** Makes {@code schema} the connection's current schema, creating it when asked and missing. */
    void useSchema(Connection connection, String schema, boolean create) throws SQLException;

    /** SQL types for the history tables. */
    HistoryTypes historyTypes();

    /**
     * The migration lock: held by {@code connection}'s session where the server has session locks,
     * else a lease row renewed through a second connection from {@code factory}.
     *
     * @param lockName identifies what is locked (schema and history table)
     */
    Locker locker(Connection connection, ConnectionFactory factory, String lockName, Duration leaseTime);

    /** Runs one statement; vendors override for statements JDBC cannot send as text (PostgreSQL COPY). */
    default void execute(Connection connection, SqlStatement statement) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // the script's text as written: no rewriting of JDBC {fn ...} / {d ...} escapes by the driver
            st.setEscapeProcessing(false);
            st.execute(statement.sql());
        }
    }

    /**
     * True when {@code statement} can run in one transaction with dbshift's progress mark (or history
     * row), so that both commit or both roll back: after a crash it is then never in doubt. False runs it
     * alone in autocommit, its mark after it. By default, where schema changes roll back as rows do
     * ({@link #supportsTransactionalDdl}), every statement but what refuses a transaction and transaction
     * control; elsewhere none (a vendor that can say which row changes roll back says so). What writes outside its
     * transaction ({@link #outsideWrites}) never does, whatever this says: the executor asks that first.
     */
    default boolean sharesTransactionWithMark(SqlStatement statement) {
        return supportsTransactionalDdl() && !statement.noTransaction()
                && statement.kind() != dev.dbshift.sql.StatementKind.TRANSACTION_CONTROL;
    }

    /**
     * What in {@code statement} writes outside the transaction it runs in, as a user reads it (PostgreSQL's
     * {@code dblink_exec}, {@code COPY ... TO PROGRAM}): a rollback of that transaction does not undo it. Asked through the
     * run's {@link #outsideWrites}. Such a statement does not share a transaction with a progress mark and is in doubt
     * after a crash; a transactional step that has one commits a mark of its own before it begins, so that a crash in it
     * is in doubt too; and a failure after one leaves what it wrote ({@code HistoryRow.ROWS_STAYED}). Empty: nothing
     * does (the default).
     */
    default Optional<String> writesOutsideTransaction(SqlStatement statement) {
        return Optional.empty();
    }

    /**
     * What in a statement writes outside the transaction it runs in, with the code of the database a statement may run
     * without naming what it does: a function the schema has that calls {@code dblink_exec} ({@code SELECT my_sync()}), a
     * table whose trigger calls one; H2's linked tables. Read once per run ({@link Database#outsideWrites}); it learns
     * from the definitions it is asked about in order ({@code CREATE FUNCTION} with such a call, then {@code SELECT} of it).
     */
    @FunctionalInterface
    interface OutsideWrites {
        /** As {@link Database#writesOutsideTransaction}, and what {@code statement} calls that does: empty, nothing. */
        Optional<String> in(SqlStatement statement);
    }

    /**
     * The run's {@link OutsideWrites}, read from {@code connection}'s catalog where the database can write outside a
     * transaction; by default {@link #writesOutsideTransaction} alone, with no query.
     */
    default OutsideWrites outsideWrites(Connection connection) throws SQLException {
        return this::writesOutsideTransaction;
    }

    /**
     * What {@code schema} says about rows a rollback may not undo.
     *
     * @param kept whether row changes there may land in a table that keeps them through a rollback (MySQL's MyISAM, Aria,
     *             MEMORY...), or a new table may be one (the default storage engine is not transactional): row changes
     *             then do not share a transaction with the progress mark ({@link #sharesTransactionWithMark} is not asked)
     * @param code  when not {@code kept}: the code a row change there may run besides its own statement, as SQL text,
     *              whose schemas the caller asks in turn: its triggers' and routines' bodies (a trigger or a row's value
     *              may call a routine), of which the names they write into count; a trigger writing into another
     *              database's MyISAM table left its row after a killed group, and the next up wrote it again
     * @param views when not {@code kept}: its updatable views' definitions (rows written into one land in its tables),
     *              of which every name counts
     */
    record RowsKept(boolean kept, List<String> code, List<String> views) {
        public static final RowsKept NONE = new RowsKept(false, List.of(), List.of());
    }

    /** What {@code schema} says about rows a rollback may not undo ({@link RowsKept}); by default nothing keeps them. */
    default RowsKept rowsKeptThroughRollback(Connection connection, String schema) throws SQLException {
        return RowsKept.NONE;
    }

    /**
     * Whether a table of this database may keep its rows through a rollback at all (MySQL's MyISAM, Aria, MEMORY): only
     * then is {@link #rowsKeptThroughRollback} asked of the other schemas a row change names (a script's
     * {@code INSERT INTO other.log}, or its {@code USE other}). By default not.
     */
    default boolean mayKeepRowsThroughRollback() {
        return false;
    }

    /**
     * Whether {@code statement} may make a table whose rows a rollback does not undo (MySQL: an {@code ENGINE} other than
     * InnoDB named), after which the rest of the run's row changes do not share a transaction with a progress mark, as
     * the run read again after a crash decides too (it walks the same statements). By default none.
     */
    default boolean mayMakeTableThatKeepsRows(SqlStatement statement) {
        return false;
    }

    /**
     * Whether the session holds table locks after {@code statement} ran, given whether it held them
     * before (MySQL's {@code LOCK TABLES}: while held, no other table can be written, so progress marks
     * wait for {@code UNLOCK TABLES}).
     */
    default boolean holdsTableLocksAfter(SqlStatement statement, boolean heldBefore) {
        return false;
    }

    /**
     * Rolls back the connection's transaction, which the server may have ended itself: SQLite rolls its transaction back
     * on some errors (a trigger's {@code RAISE(ROLLBACK, ...)}, a full disk), and its JDBC driver then refuses the
     * rollback, every later commit and the switch back to autocommit ("cannot commit - no transaction is active"): a
     * migration failed so was reported by that message instead of its own, and its run was left unfinished. By default
     * {@link Connection#rollback()}.
     */
    default void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    /**
     * Whether the warnings of a rollback ({@code warnings}: the statement's that sent {@code ROLLBACK}, or the
     * connection's after {@link #rollback}) say it could not undo everything: MySQL's and MariaDB's warning 1196, "Some
     * non-transactional changed tables couldn't be rolled back", when the transaction wrote into a MyISAM, Aria or MEMORY
     * table, in any database. Rows written so stay; a run that counted them as undone wrote them again. By default none.
     */
    default boolean rollbackKeptRows(java.sql.SQLWarning warnings) {
        return false;
    }

    /** Releases the session's table locks (after a failed script left them held). */
    default void releaseTableLocks(Connection connection) throws SQLException {
    }

    /** Whether a catalog object is there: see {@link #presence}. */
    enum Presence {
        PRESENT, ABSENT,
        /** there, but not usable: a PostgreSQL index whose CREATE INDEX CONCURRENTLY was interrupted */
        INVALID
    }

    /**
     * Asks the catalog whether {@code object} (names as written in a script) is there, for deciding
     * whether an interrupted statement completed; empty where this database cannot tell.
     *
     * @param currentSchema the schema an unqualified name lives in
     */
    default Optional<Presence> presence(Connection connection, String currentSchema,
                                        dev.dbshift.sql.StatementEffect.CatalogObject object) throws SQLException {
        return Optional.empty();
    }

    /**
     * The indexes of {@code schema} a failed build left unusable, each as a line that names it, its table and the
     * statement that drops it; empty where the vendor has none (all but PostgreSQL, whose failed CREATE INDEX or REINDEX
     * CONCURRENTLY leaves an invalid index: unused by queries, yet kept up to date by every write).
     */
    default List<String> invalidIndexes(Connection connection, String schema) throws SQLException {
        return List.of();
    }

    /**
     * What a statement the server refused left behind that the server does not undo, cleaned up where only that
     * statement can have left it, as a line for the failure's message; empty for nothing. Asked after a failure outside a
     * transaction (inside one, the rollback undoes it).
     *
     * @param currentSchema the schema an unqualified name lives in
     */
    default Optional<String> leftByFailure(Connection connection, String currentSchema, SqlStatement statement, SQLException failure) {
        return Optional.empty();
    }

    /**
     * What the database itself left half done after a process died in an {@code ALTER TABLE} of {@code table} (names
     * as written in the script), for the person who decides whether it completed: what is there and how to mend it.
     * Empty when nothing is seen, as on servers, which roll a dead session's ALTER back or finish it.
     */
    default Optional<String> interruptedAlter(Connection connection, String currentSchema,
                                              dev.dbshift.sql.StatementEffect.CatalogObject table) throws SQLException {
        return Optional.empty();
    }

    /**
     * Where in the script a server error points, when the server says (PostgreSQL gives a character
     * offset into the statement, MySQL a line of it); empty: the statement's first line.
     */
    default Optional<ScriptPosition> errorPosition(SqlStatement statement, SQLException error) {
        return Optional.empty();
    }

    /** Reads the schema model from the catalog, where supported. */
    default Optional<SchemaReader> schemaReader() {
        return Optional.empty();
    }

    /**
     * {@link #schemaReader()} for a read outside any transaction of the caller's (a {@code status}, a {@code check}, a
     * dump), which may open connections of its own from {@code helpers} to read parts of the catalog beside the
     * caller's connection. A read inside a migration's transaction never gets one: a helper would read outside that
     * transaction. By default the same reader as {@link #schemaReader()}.
     */
    default Optional<SchemaReader> schemaReader(ConnectionFactory helpers) {
        return schemaReader();
    }

    /**
     * The other servers of the multi-primary cluster whose node {@code connection} is on, where each node runs every
     * DDL statement itself and may go on without one that failed there (a Galera node's applier ignores DDL errors):
     * after a run that changed the schema, each is read to see it has this server's schema. None by default.
     */
    default ClusterPeers clusterPeers(Connection connection) throws SQLException {
        return ClusterPeers.NONE;
    }

    /**
     * The servers of {@link #clusterPeers}.
     *
     * @param peers    each node, by the address it reports and a JDBC URL for it (opened with the run's credentials)
     * @param unnamed  why some node could not be named, and the setting that fixes it; empty when all were
     */
    record ClusterPeers(java.util.List<Peer> peers, Optional<String> unnamed) {
        public static final ClusterPeers NONE = new ClusterPeers(java.util.List.of(), Optional.empty());

        public ClusterPeers {
            peers = java.util.List.copyOf(peers);
        }

        /** One node: {@code address} as it reports it, {@code url} to reach it. */
        public record Peer(String address, String url) {
        }
    }

    /**
     * Readies {@code peer} (a connection to one of {@link #clusterPeers}): every read sees what the cluster committed
     * before it, and a read a stalled peer never answers fails in the end.
     */
    default void preparePeer(Connection peer) throws SQLException {
    }

    /**
     * Why a read of a schema of {@code tables} tables that took long may have, when the server says so (a setting
     * too small for that many tables): said to the user once the read is over; empty when nothing is known. It may
     * run inside a migration's transaction (the checksum after a step), so it only reads, and a vendor whose failed
     * statement aborts the transaction (PostgreSQL) asks nothing here.
     */
    default Optional<String> slowSchemaRead(Connection connection, int tables) throws SQLException {
        return Optional.empty();
    }

    /** Safe DDL's lock timeout and lock holders ({@link DdlLocks}); empty where the vendor has none dbshift knows. */
    default Optional<DdlLocks> ddlLocks() {
        return Optional.empty();
    }

    /**
     * What a script may change in its session that must not carry into the next migration's: captured once before a
     * run's first step, set back after each step that may have changed it. A migration run alone or in a batch then
     * runs the same: before, {@code SET FOREIGN_KEY_CHECKS = 0} in one migration let the next one insert rows the
     * foreign key refuses. By default nothing is kept.
     */
    default SessionState sessionState(Connection connection) throws SQLException {
        return SessionState.NONE;
    }

    /** A session's settings as captured ({@link #sessionState}), set back by {@link #restore}. */
    interface SessionState {
        SessionState NONE = connection -> {
        };

        /** Sets back every captured setting that differs now. */
        void restore(Connection connection) throws SQLException;

        /**
         * Readies one write of dbshift's own (a history row, a progress mark, the lock's fence) in the connection's
         * open transaction after a step's statements may have changed the session: sets the captured settings back for
         * that write (a script's {@code SET ROLE app_owner}, under which the history table may not be written; on
         * PostgreSQL for the transaction only), and returns how to set them as the script left them, for its
         * statements still to run. By default nothing.
         */
        default Undo forOwnWrite(Connection connection) throws SQLException {
            return Undo.NOTHING;
        }

        /**
         * Ends what a step left in the session, which ends with the session in the vendor's client (each file a session
         * of its own): temporary tables (a later migration's {@code CREATE TEMP TABLE ids} failed with "already exists"
         * on every database), PostgreSQL's prepared statements and cursors, user variables (a later migration read
         * {@code @tenant} as the earlier one set it). Where the server cannot list them (MySQL), {@code named} are those
         * the step's scripts name. By default nothing.
         */
        default void dropSessionObjects(Connection connection, Named named) throws SQLException {
        }

        /**
         * What a step's scripts name that may outlive them in the session, as written: the temporary tables they create,
         * the user variables ({@code @name}) they mention and the custom settings (a dotted name: PostgreSQL's {@code SET
         * app.tenant}) they set, for a server that cannot list its own.
         */
        record Named(List<String> temporaryTables, List<String> userVariables, List<String> customSettings) {
        }

        /**
         * The words in a step's scripts after which its writes of dbshift's own are readied with {@link #forOwnWrite}
         * (every Java migration's are); null where that does nothing. A step without them pays nothing more.
         */
        default java.util.regex.Pattern ownWriteWords() {
            return null;
        }
    }

    /**
     * The values now of what {@code named} names that no catalog lists and so no {@link SessionState} captures (MySQL's
     * user variables, PostgreSQL's custom settings), and how to set them back: read before a step, set back after it, so
     * that what a callback set for the run ({@code SET app.tenant = '42'}, {@code SET @tenant = 42}) is what the next
     * migration sees too, and what the migration set ends with it. By default nothing.
     */
    default Undo keep(Connection connection, SessionState.Named named) throws SQLException {
        return Undo.NOTHING;
    }

    /** Puts back what {@link SessionState#forOwnWrite} or {@link #keep} set aside. */
    @FunctionalInterface
    interface Undo {
        Undo NOTHING = connection -> {
        };

        void undo(Connection connection) throws SQLException;
    }

    /**
     * Readies the session that runs a project's scripts to read them as the vendor's own client does (a script that
     * its client runs must run here the same); by default nothing.
     */
    default void readyForScripts(Connection connection) throws SQLException {
    }

    /**
     * Sets the session's statement timeout ({@code timeout} zero: none) so that a migration never runs under one it
     * inherited silently from the role or the server; a vendor without one ignores it.
     */
    default void statementTimeout(Connection connection, Duration timeout) throws SQLException {
    }

    /**
     * This database's online change engine (shadow table, change capture, chunked copy, atomic swap),
     * for {@code dbshift online} and scripts marked {@code -- dbshift:online}; empty where there is none.
     * The orchestration ({@code dev.dbshift.online.OnlineMigrator}) is the same for every vendor.
     */
    default Optional<dev.dbshift.online.OnlineChange> online() {
        return Optional.empty();
    }

    /**
     * Why this server refuses writes, or would take them from an administrator although it should not
     * (a replica: MariaDB's {@code read_only} does not stop a user with SUPER / READ ONLY ADMIN, so a
     * migration run there by root would succeed and break replication); empty when it is writable.
     * Writing commands refuse such a target before they send a statement; reading ones work on it.
     */
    default Optional<String> readOnly(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Why the DDL of a migration run here would not reach the other servers that share this schema while the history
     * rows recording it would (a Galera node running DDL in RSU: the DDL stays on this node, the rows replicate, and
     * every other node would say applied without the change), with the way out; empty when it would. Writing commands
     * refuse such a target before they send a statement.
     */
    default Optional<String> ddlStaysLocal(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Why a writing command must not run here, if it must not: {@link #readOnly} (a replica), else {@link
     * #ddlStaysLocal}. What every writing command and {@code online alter} ask before their first statement; a vendor
     * that can tell both from one query says so here.
     */
    default Optional<WriteRefusal> writeRefusal(Connection connection) throws SQLException {
        Optional<String> readOnly = readOnly(connection);
        if (readOnly.isPresent()) {
            return Optional.of(new WriteRefusal(true, readOnly.get()));
        }
        return ddlStaysLocal(connection).map(why -> new WriteRefusal(false, why));
    }

    /**
     * A refusal of {@link #writeRefusal}.
     *
     * @param replica true for a read-only server ({@link #readOnly}), false for DDL that would stay on this server
     * @param why     the vendor's reason, with the setting
     */
    record WriteRefusal(boolean replica, String why) {
    }

    /** Writes DDL for a schema model or a diff in this database's dialect. */
    default Optional<DdlWriter> ddlWriter() {
        return Optional.empty();
    }

    /** Dumps a schema (and data): the vendor's own dump tool when installed, else a JDBC dump. */
    default Optional<SchemaDump> schemaDump() {
        return Optional.empty();
    }

    /**
     * Where a throw-away copy of the schema can be built (to learn what the migrations produce): by default another
     * schema, named {@code name}, on the same server, reached through the same URL. The migrations are run there again,
     * so whatever they name outside their own schema (a qualified table, {@code USE}) is the live one: a vendor whose
     * scratch shares a namespace with the live schema gives a {@link #replayGuard} for that; PostgreSQL and H2 build in a
     * database of their own instead, where the live schema's name names the copy.
     *
     * @param schemas the live schemas (the first is the one the migrations run in)
     */
    default Scratch scratch(String url, String name, List<String> schemas) {
        return new Scratch(url, List.of(name), null);
    }

    /**
     * Where a scratch is built when {@link #createScratch} could not make the one {@link #scratch} gives (a user who may
     * not create a database): a scratch schema of the live database, whose {@link #replayGuard} then also refuses what
     * names another schema; empty where there is none.
     */
    default Optional<Scratch> scratchInPlace(String url, String name) {
        return Optional.empty();
    }

    /** Makes the scratch place before anything is built in it (a database of its own); by default nothing: its schema is made as any missing one. */
    default void createScratch(Connection connection, Scratch scratch) throws SQLException {
    }

    /**
     * What the replay in {@code scratch} must not run, for this server as {@code connection} sees it: a line of a script
     * that would reach past the scratch: another database's name before a dot or {@code USE} where the scratch is a
     * database beside the live one, and on every server what the whole server shares (roles and users, their
     * passwords and grants, databases, global settings, other sessions), which a database of its own does not keep
     * apart. Empty where nothing can.
     */
    default List<ReplayGuard> replayGuard(Connection connection, Scratch scratch) throws SQLException {
        return List.of();
    }

    /**
     * The scratch databases on this server (by their {@code dbshift_scratch_} names), where a scratch is a database:
     * one a run stopped before it dropped its own is left behind. Empty where a scratch is not a database of the
     * server.
     */
    default List<String> scratchDatabases(Connection connection) throws SQLException {
        return List.of();
    }

    /** Removes a scratch copy and everything in it. */
    default void dropScratch(Connection connection, Scratch scratch) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + quote(scratch.schema()) + " CASCADE");
        }
    }

    /**
     * A scratch place for a schema.
     *
     * @param url      where to connect
     * @param schemas  the schemas to work in (the first is the one read), or empty for the URL's own (SQLite: a new file)
     * @param database the database made for it and dropped with it, or null for none
     * @param heldOpen  true when it lives only while a connection to it is open (H2's in memory): one is kept open
     *                  while it is built and read, and closing it is the drop
     */
    record Scratch(String url, List<String> schemas, String database, boolean heldOpen) {
        public Scratch {
            schemas = List.copyOf(schemas);
        }

        public Scratch(String url, List<String> schemas, String database) {
            this(url, schemas, database, false);
        }

        /** The schema the copy is read from, or null for the URL's own. */
        public String schema() {
            return schemas.isEmpty() ? null : schemas.get(0);
        }
    }

    /**
     * Lines a replay in a scratch schema refuses to run, looked at whole (comments and strings too: a procedure's body,
     * a prepared statement's text).
     *
     * @param pattern     finds a candidate; its group {@code name}, when it took part, is a name refused only when it
     *                    is one of {@code names} (case-blind; {@code `quoted`}, {@code "quoted"} or bare); a match
     *                    without it is refused as it is
     * @param names       the names refused, lower case
     * @param why         what such a line would reach
     * @param initScripts true when the init scripts are held to it too; false for what the whole server shares (roles,
     *                    settings), which init scripts set up by design and {@code reset} runs again on the live database
     */
    record ReplayGuard(java.util.regex.Pattern pattern, java.util.Set<String> names, String why, boolean initScripts) {
        public ReplayGuard {
            names = java.util.Set.copyOf(names);
        }

        /** A guard of migrations refusing every match of {@code regex} (case-blind): what the whole server shares. */
        public static ReplayGuard serverWide(String regex, String why) {
            return new ReplayGuard(java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE),
                    java.util.Set.of(), why, false);
        }

        /** The text of {@code line} that is refused, if any. */
        public Optional<String> refused(String line) {
            java.util.regex.Matcher m = pattern.matcher(line);
            boolean named = pattern.pattern().contains("(?<name>");
            while (m.find()) {
                String name = named ? m.group("name") : null;
                if (name == null) {
                    return Optional.of(m.group().strip());
                }
                char quote = name.charAt(0);
                String bare = quote == '`' || quote == '"'
                        ? name.substring(1, name.length() - 1).replace(quote + "" + quote, quote + "") : name;
                if (names.contains(bare.toLowerCase(java.util.Locale.ROOT))) {
                    return Optional.of(m.group().strip());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Drops every object in {@code schema} (tables, views, sequences, routines, types, whatever this
     * database has), leaving the schema itself empty and usable: what {@code reset} starts from.
     * Objects this database's own {@link Locker} keeps (a lease table) survive, so the lock held
     * during the reset stays held.
     */
    default void dropAll(Connection connection, String schema) throws SQLException {
        throw new SQLException(name() + ": dropping every object is not supported");
    }

    /**
     * One statement as this database's command-line client ({@code psql}, {@code mariadb}) reads it
     * from a file: the text, its terminator and anything the client needs around it. For offline
     * scripts ({@code dbshift sql}).
     */
    default String clientStatement(SqlStatement statement) {
        return statement.sql() + ";\n";
    }

    /**
     * What an offline script starts with, for this database's client to stop at its first error (psql's {@code
     * ON_ERROR_STOP}, sqlite3's {@code .bail}): a client that went on would run the migrations after a failed one,
     * and psql then exits 0. The mariadb client and H2's RunScript stop there anyway.
     */
    default String clientPreamble() {
        return "";
    }

    /**
     * An offline script's guard, as the client reads it: statements that fail with {@code message} when {@code
     * condition} (an SQL boolean) holds, and do nothing otherwise. {@code n} numbers the guards of one script. Here as
     * a conversion of the message to a number, on a row only the condition gives (not a constant, which a planner
     * may evaluate before the condition).
     */
    default String clientStop(int n, String condition, String message) {
        return "SELECT CAST(CASE WHEN dbshift_guard.stop THEN " + stringLiteral(message) + " END AS INT) FROM (SELECT ("
                + condition + ") AS stop) dbshift_guard WHERE dbshift_guard.stop;\n";
    }

    /** An SQL expression for the current time in UTC, for history rows written by offline scripts. */
    default String utcNowSql() {
        return "CURRENT_TIMESTAMP";
    }

    /** {@code text} as an SQL string literal (null as {@code NULL}). */
    default String stringLiteral(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    /**
     * Column types the history and runs tables use.
     *
     * @param text      short text (version, description, names)
     * @param longText  unbounded text (error traces)
     * @param timestamp a timestamp with at least millisecond precision
     * @param bool      a boolean
     * @param bigint    a 64-bit integer
     * @param identity  the full definition of an auto-numbered primary key column
     * @param tableOptions appended to CREATE TABLE (e.g. the engine and character set), or empty
     */
    record HistoryTypes(String text, String longText, String timestamp, String bool, String bigint,
                        String identity, String tableOptions) {
    }

    /**
     * Whether connecting to {@code url} (as {@link #inProject} gave it) opens a database that is already there,
     * making no file or folder: {@code up} then lists the migrations while it connects, as it does for a server,
     * because a bad file can no longer leave a new database behind. False when it cannot tell (the default).
     */
    default boolean opensExisting(String url) {
        return false;
    }

    /**
     * For an embedded database whose file is not there ({@code url} as {@link #inProject} gave it): the URL of an empty
     * database of the same kind in memory, which a read-only command reads instead, so that it creates no file and no
     * folder (a misspelt path made both, and the command then reported an empty database as found). Empty when the
     * file is there, for a server, or when it cannot tell (the default).
     */
    default Optional<String> absentFileStandIn(String url) {
        return Optional.empty();
    }

    /**
     * Whether the database {@code url} names lives in this JVM's heap: its catalog and its pages are this process's
     * objects (an embedded H2 database), so the heap grows with the database, not only with what the command reads.
     * False by default: a server's, and SQLite's (native memory), are not.
     */
    default boolean livesInHeap(String url) {
        return false;
    }

    /**
     * Leaves {@code kept}, a statement dbshift prepared once and runs again (the history's rows), with nothing open
     * on the connection after it ran an INSERT. A driver that keeps a query open until the statement runs again says
     * how to end it here (SQLite's).
     */
    default void leaveIdle(java.sql.Statement kept) throws SQLException {
    }

    /**
     * Whether the driver reads and writes a timestamp column without time zone as a {@code LocalDateTime}, exactly
     * as stored (JDBC 4.2's {@code getObject(i, LocalDateTime.class)} and {@code setObject}): the history keeps UTC's
     * wall clock through those. A driver that keeps timestamps its own way (SQLite's: milliseconds or text, by its
     * settings) says no, and the history's times go through {@code getTimestamp} with a UTC calendar, as they always
     * have there.
     */
    default boolean localDateTimes() {
        return true;
    }

    /** The lint rules that hold for this database only (every engine's rules are in {@code lint/}). */
    default java.util.List<dev.dbshift.lint.Rule> lintRules() {
        return java.util.List.of();
    }

    /**
     * What the linter may know of the connected server: its version and, where the catalog keeps an estimate,
     * the rows of each table of {@code schema} (lower case names). The default: the driver's product version.
     */
    default dev.dbshift.lint.LintMigration.ServerFacts lintFacts(Connection connection, String schema) throws SQLException {
        return new dev.dbshift.lint.LintMigration.ServerFacts(
                Optional.ofNullable(connection.getMetaData().getDatabaseProductVersion()), java.util.Map.of());
    }
}
