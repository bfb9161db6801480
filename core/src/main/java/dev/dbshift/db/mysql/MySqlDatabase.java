package dev.dbshift.db.mysql;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;
import dev.dbshift.db.UrlPrefixProvider;
import dev.dbshift.db.mysql.lint.MySqlLintRules;
import dev.dbshift.lint.Rule;
import dev.dbshift.db.NetworkTarget;
import dev.dbshift.db.LeaseLocker;
import dev.dbshift.db.Locker;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptPosition;
import dev.dbshift.sql.SqlStatement;

import dev.dbshift.sql.SqlStatement;
import java.util.List;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MySQL and MariaDB: DDL commits implicitly (so a migration is recorded statement by statement),
 * session locks through {@code GET_LOCK}, a schema is a database.
 */
public final class MySqlDatabase implements Database {

    /** Serves {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs. */
    public static final class Provider extends UrlPrefixProvider {
        public Provider() {
            super(MySqlDatabase::new, "jdbc:mariadb:", "jdbc:mysql:");
        }
    }

    private final ScriptDialect dialect = new MySqlScriptDialect();

    @Override
    public String name() {
        return "mariadb";
    }

    private static final int DEFAULT_PORT = 3306;

    /** {@code mysql://} and {@code mariadb://}, both through the MariaDB driver; a DSN on port 3306. */
    /** MariaDB Connector/J's {@code localSocket} (through JNA, bundled); the host is then not used. */
    @Override
    public Optional<String> socketUrl(String socket, String database) {
        if (socket.contains("&") || socket.contains("?") || socket.contains("#")) {
            throw new IllegalArgumentException("a socket path with '&', '?' or '#' cannot be given to the MariaDB driver: " + socket);
        }
        return Optional.of("jdbc:mariadb://localhost/" + database + "?localSocket=" + socket);
    }

    @Override
    public Optional<UrlForm> urlForm() {
        return Optional.of(UrlForm.server("jdbc:mariadb:", DEFAULT_PORT, "mysql", "mariadb"));
    }

    /** Host (loopback names as one), port (default 3306), and the database: the schema given, else the URL's. */
    @Override
    public String target(String url, String schema) {
        NetworkTarget t = NetworkTarget.parse(url, DEFAULT_PORT);
        return new NetworkTarget(t.hosts(), "", t.params()).identity("mariadb", schema != null ? schema : t.database());
    }

    /** Error 1049 (unknown database): the same URL without the database, so {@code schemas} can create it. */
    @Override
    public String serverUrl(String url, SQLException connectFailure) {
        if (connectFailure.getErrorCode() != 1049 && !String.valueOf(connectFailure.getMessage()).contains("Unknown database")) {
            return null;
        }
        int slashes = url.indexOf("//");
        int path = slashes < 0 ? -1 : url.indexOf('/', slashes + 2);
        if (path < 0) {
            return null;
        }
        int query = url.indexOf('?', path);
        return url.substring(0, path + 1) + (query < 0 ? "" : url.substring(query));
    }

    /**
     * MariaDB Connector/J asks the server for {@code IGNORE_SPACE} at the handshake (a client capability the
     * {@code mariadb} and {@code mysql} clients do not ask for): it makes every built-in function's name a reserved
     * word, so {@code CREATE TABLE count (i INT)}, which the client runs, failed here with a syntax error, and a
     * routine a migration made kept the mode for good ({@code ROUTINES.SQL_MODE}). It is taken off again where the
     * server's own sql_mode does not have it, unless the URL sets the sql_mode itself ({@code sessionVariables}).
     */
    @Override
    public void readyForScripts(Connection connection) throws SQLException {
        if (connection.getMetaData().getURL().toLowerCase(java.util.Locale.ROOT).contains("sql_mode")) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = IF(FIND_IN_SET('IGNORE_SPACE', @@GLOBAL.sql_mode) > 0, @@SESSION.sql_mode,"
                    + " TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',IGNORE_SPACE,', ',')))");
        }
    }

    /** {@link MySqlSessionState}: what a script may change for the rest of its session, set back after it. */
    @Override
    public SessionState sessionState(Connection connection) throws SQLException {
        return MySqlSessionState.capture(connection);
    }

    /** {@link MySqlSessionState#keep}: the user variables a step's scripts name, set back after it. */
    @Override
    public Undo keep(Connection connection, SessionState.Named named) throws SQLException {
        return MySqlSessionState.keep(connection, named);
    }

    /** The MariaDB driver accepts {@code jdbc:mysql:} URLs only when told to. */
    @Override
    public String connectionUrl(String url) {
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return url;
    }

    /** MariaDB Connector/J's {@code connectTimeout} (milliseconds) bounds the connect and the handshake (30 s if unset). */
    @Override
    public void connectTimeout(java.util.Properties properties, String url, java.time.Duration timeout) {
        if (!NetworkTarget.params(url).containsKey("connecttimeout")) {
            properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        }
    }

    @Override
    public String driverClass() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    @Override
    public String quote(String identifier) {
        return MySqlIdentifiers.quote(identifier);
    }

    @Override
    public ScriptDialect scriptDialect() {
        return dialect;
    }

    @Override
    public List<Rule> lintRules() {
        return MySqlLintRules.all();
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return CatalogQuery.value(connection, "SELECT DATABASE()")
                .orElseThrow(() -> new SQLException("no database selected: name one in the URL (…:3306/mydb) or set 'schemas'"));
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (create) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + quote(schema));
            }
            st.execute("USE " + quote(schema));
        }
    }

    @Override
    public HistoryTypes historyTypes() {
        return new HistoryTypes("VARCHAR(1000)", "LONGTEXT", "DATETIME(3)", "BOOLEAN", "BIGINT",
                "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    /**
     * {@code GET_LOCK}, a session lock the server frees when the session dies; on a Galera node (where it is
     * node-local) a lease row the cluster replicates, with certification as the arbiter ({@link GaleraLocking}).
     */
    @Override
    public Locker locker(Connection connection, ConnectionFactory factory, String lockName, Duration leaseTime) {
        try {
            if (GaleraLocking.isGaleraNode(connection)) {
                return new LeaseLocker(connection, factory, quote(currentSchema(connection)) + "." + LEASE_TABLE,
                        "VARCHAR(200)", lockName, leaseTime, new GaleraLocking());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell whether the server is a Galera node: " + e.getMessage(), e);
        }
        return getLock(connection, lockName(lockName));
    }

    /** The lease table of the lock on a Galera node, which {@link #dropAll} keeps. */
    static final String LEASE_TABLE = "dbshift_lock";

    private static Locker getLock(Connection connection, String name) {
        return new Locker() {
            @Override
            public boolean lock(Duration timeout) throws SQLException {
                try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                    ps.setString(1, name);
                    ps.setDouble(2, Math.max(0, timeout.toMillis() / 1000.0));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) == 1;
                    }
                }
            }

            @Override
            public void unlock() throws SQLException {
                if (connection.isClosed()) {
                    return;
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, name);
                    ps.executeQuery().close();
                }
            }

            @Override
            public Optional<Fence> heldCheck() {
                return Optional.of(c -> {
                    if (CatalogQuery.first(c, "SELECT 1 FROM DUAL WHERE IS_USED_LOCK(?) = CONNECTION_ID()", name).isEmpty()) {
                        throw Locker.releasedByTheMigration();
                    }
                });
            }
        };
    }

    /** GET_LOCK names are at most 64 characters: long names are shortened to a hash. */
    static String lockName(String name) {
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "dbshift:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Drops views, tables (with their triggers), sequences, routines and events, with foreign key checks off; on a
     * Galera node not the lease table of {@link #locker}.
     */
    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        List<String> drops = new ArrayList<>();
        boolean galera = GaleraLocking.isGaleraNode(connection);
        collect(connection, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = ?"
                + " ORDER BY table_type = 'VIEW' DESC, table_name", schema, rs -> {
            if (galera && rs.getString(1).equalsIgnoreCase(LEASE_TABLE)) {
                return;   // the lock held through the reset
            }
            String type = rs.getString(2);
            String what = type.equals("VIEW") ? "VIEW" : type.equals("SEQUENCE") ? "SEQUENCE" : "TABLE";
            drops.add("DROP " + what + " IF EXISTS " + quote(schema) + "." + quote(rs.getString(1)));
        });
        collect(connection, "SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_schema = ?",
                schema, rs -> drops.add("DROP " + rs.getString(2) + " IF EXISTS " + quote(schema) + "." + quote(rs.getString(1))));
        collect(connection, "SELECT event_name FROM information_schema.events WHERE event_schema = ?",
                schema, rs -> drops.add("DROP EVENT IF EXISTS " + quote(schema) + "." + quote(rs.getString(1))));
        try (Statement st = connection.createStatement()) {
            st.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String d : drops) {
                    st.execute(d);
                }
            } finally {
                st.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void collect(Connection c, String sql, String schema, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /**
     * The mariadb/mysql client ends a statement at the first {@code ;}, so a statement with one
     * inside (a procedure, trigger or event body) is wrapped in {@code DELIMITER} commands with a
     * delimiter that does not occur in it.
     */
    @Override
    public String clientStatement(SqlStatement statement) {
        String sql = statement.sql();
        if (!sql.contains(";")) {
            return sql + ";\n";
        }
        String delimiter = "$$";
        for (int i = 1; sql.contains(delimiter); i++) {
            delimiter = "$$" + i + "$$";
        }
        return "DELIMITER " + delimiter + "\n" + sql + delimiter + "\nDELIMITER ;\n";
    }

    /**
     * MySQL has no SIGNAL outside a stored program (MariaDB's {@code IF} there is its own), so the guard is an
     * overflow on the one row the condition gives, whose error quotes the expression, message included: {@code
     * BIGINT UNSIGNED value is out of range in '~0 + `dbshift_guard`.`stop` * octet_length('dbshift: ...')'}.
     */
    @Override
    public String clientStop(int n, String condition, String message) {
        return "SELECT 1 FROM (SELECT (" + condition + ") AS stop) dbshift_guard WHERE dbshift_guard.stop"
                + " AND ~0 + dbshift_guard.stop * LENGTH(" + stringLiteral(message) + ") > 0;\n";
    }

    @Override
    public String utcNowSql() {
        return "UTC_TIMESTAMP(3)";
    }

    /** Backslashes escape in MySQL string literals (unless NO_BACKSLASH_ESCAPES), so they are doubled too. */
    @Override
    public String stringLiteral(String text) {
        return text == null ? "NULL" : "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public Optional<SchemaReader> schemaReader() {
        return Optional.of(new MySqlSchemaReader());
    }

    @Override
    public Optional<SchemaReader> schemaReader(ConnectionFactory helpers) {
        return Optional.of(new MySqlSchemaReader(helpers));
    }

    /**
     * On a Galera node, the other nodes at the client addresses they report ({@link GaleraAddresses}), this node's own
     * ({@code wsrep_node_incoming_address}) left out.
     */
    @Override
    public ClusterPeers clusterPeers(Connection connection) throws SQLException {
        if (!GaleraLocking.isGaleraNode(connection)) {
            return ClusterPeers.NONE;
        }
        GaleraAddresses nodes = GaleraAddresses.read(connection);
        String own;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT @@wsrep_node_incoming_address")) {
            own = rs.next() ? rs.getString(1) : null;
        }
        String url = connection.getMetaData().getURL();
        return new ClusterPeers(nodes.named().stream().filter(a -> !a.equals(own))
                .map(a -> new ClusterPeers.Peer(a, GaleraAddresses.nodeUrl(url, a))).toList(),
                nodes.allNamed() ? Optional.empty() : Optional.of(nodes.unnamedReason()));
    }

    /** Galera: causal reads and a read timeout ({@link GaleraAddresses#prepareNode}). */
    @Override
    public void preparePeer(Connection peer) throws SQLException {
        GaleraAddresses.prepareNode(peer);
    }

    /**
     * On MariaDB three catalog reads open every table of the schema; with more tables than {@code
     * table_definition_cache}, each read parses every table's definition from disk again (10,000 tables: 5-8 s with
     * the default 400, 1.8 s with the cache above the count). The check constraint read (and the foreign key reads,
     * where InnoDB has any) open each table's handler; with more tables than {@code table_open_cache} (default 2,000)
     * they open them all again: at 10,000 tables {@code status} took 1.73 s, 1.48 s with the cache above the count.
     * MySQL 8 answers them from its data dictionary, and is told nothing.
     */
    @Override
    public Optional<String> slowSchemaRead(Connection connection, int tables) throws SQLException {
        long definitions;
        long handlers;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@table_definition_cache, @@table_open_cache, VERSION() LIKE '%MariaDB%'")) {
            if (!rs.next() || !rs.getBoolean(3)) {
                return Optional.empty();
            }
            definitions = rs.getLong(1);
            handlers = rs.getLong(2);
        }
        Map<String, Long> low = new LinkedHashMap<>();
        if (tables > definitions) {
            low.put("table_definition_cache", definitions);
        }
        if (tables > handlers) {
            low.put("table_open_cache", handlers);
        }
        if (low.isEmpty()) {
            return Optional.empty();
        }
        long enough = (tables + 999) / 1000 * 1000 + 1000;
        return Optional.of("the schema has " + tables + " tables, more than the server's "
                + low.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(" and "))
                + (tables > definitions ? ", so each catalog read opens every table from disk again"
                : ", so the check constraint and foreign key reads open every table again")
                + "; SET GLOBAL " + low.keySet().stream().map(k -> k + " = " + enough).collect(Collectors.joining(", "))
                + " (and the same in the server's configuration file) makes this read "
                + (tables > definitions ? "several times faster" : "faster"));
    }

    @Override
    public Optional<DdlWriter> ddlWriter() {
        return Optional.of(new MySqlDdlWriter());
    }

    @Override
    public Optional<SchemaDump> schemaDump() {
        return Optional.of(new MySqlSchemaDump());
    }

    @Override
    public void dropScratch(Connection connection, Scratch scratch) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + quote(scratch.schema()));
        }
    }

    @Override
    public List<String> scratchDatabases(Connection connection) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME LIKE 'dbshift\\_scratch\\_%' ORDER BY SCHEMA_NAME");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * The scratch is a database beside the live one on the same server, so a script naming another database ({@code
     * app.orders}, {@code `app`.orders}), switching to one ({@code USE}) or making, changing or dropping one would run
     * against it: a data migration replayed so wrote its rows into the live tables again. Every database of the server
     * but the scratch and {@code information_schema} is one such name; a line holding one before a dot is refused,
     * comments and strings too (a procedure's body, a prepared statement's text), and a table or alias of the same name
     * with it. And what the whole server shares: users, roles and grants (a grant on the scratch is a row in
     * {@code mysql.*} that outlives it, and {@code IDENTIFIED BY} sets a password again), global settings, plugins,
     * replication, other sessions, files the server writes.
     */
    @Override
    public List<ReplayGuard> replayGuard(Connection connection, Scratch scratch) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME NOT IN (?, 'information_schema')")) {
            ps.setString(1, scratch.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        String why = "it names another database of the server (or switches to one with USE), which the replay in a"
                + " scratch database would change: the live one";
        List<ReplayGuard> guards = new ArrayList<>();
        guards.add(new ReplayGuard(REACHES_OUT, names, why, true));
        guards.add(new ReplayGuard(NAMES_A_DATABASE, names, why, true));
        guards.addAll(SERVER_WIDE);
        return guards;
    }

    /** A name before a dot (not itself after one: {@code db.t.c}'s {@code t} is no database; nor a host's), or a {@code USE}. */
    static final java.util.regex.Pattern REACHES_OUT = java.util.regex.Pattern.compile(
            "(?<![\\w$`.@/-])(?<name>`(?:[^`]|``)+`|[\\w$]+)\\s*\\.|(^|;)\\s*USE\\s", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A database made, changed or dropped by name. */
    static final java.util.regex.Pattern NAMES_A_DATABASE = java.util.regex.Pattern.compile(
            "\\b(CREATE|ALTER|DROP)\\s+(DATABASE|SCHEMA)\\s+(IF\\s+(NOT\\s+)?EXISTS\\s+)?(?<name>`(?:[^`]|``)+`|[\\w$]+)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** What every database of a MySQL/MariaDB server shares, refused in a replay of the migrations. */
    static final List<ReplayGuard> SERVER_WIDE = List.of(
            ReplayGuard.serverWide("\\b(CREATE|ALTER|DROP|RENAME)\\s+(USER|ROLE|SERVER|TABLESPACE)\\b",
                    "it changes users, roles, servers or tablespaces, which the whole server shares"),
            ReplayGuard.serverWide("\\b(GRANT|REVOKE)\\s+[^;]*?\\b(ON|TO|FROM)\\b",
                    "it grants or revokes, which the whole server keeps (in mysql.*, beyond the scratch database)"),
            ReplayGuard.serverWide("\\bSET\\s+(GLOBAL\\b|PERSIST\\b|PERSIST_ONLY\\b|@@GLOBAL\\.|@@PERSIST|PASSWORD\\b|DEFAULT\\s+ROLE\\b)",
                    "it sets what the whole server shares (a global setting, a password, a default role)"),
            ReplayGuard.serverWide("\\b(INSTALL|UNINSTALL)\\s+(PLUGIN|SONAME|COMPONENT)\\b|\\bCHANGE\\s+(MASTER|REPLICATION)\\b"
                            + "|\\b(START|STOP|RESET)\\s+(SLAVE|REPLICA|MASTER)\\b|(^|;)\\s*(FLUSH|PURGE|KILL|SHUTDOWN)\\b",
                    "it acts on the server itself (plugins, replication, caches, logs, other sessions)"),
            ReplayGuard.serverWide("\\bINTO\\s+(OUTFILE|DUMPFILE)\\b", "it writes a file on the server"));

    /** {@code read_only} (a replica, usually), and MySQL's {@code super_read_only} (MariaDB has none). */
    @Override
    public Optional<String> readOnly(Connection connection) throws SQLException {
        return readOnly(writeSettings(connection));
    }

    /**
     * A Galera node whose session runs DDL in RSU ({@code wsrep_OSU_method}, inherited from the global value): a
     * rolling schema upgrade, node by node, which dbshift's replicated history cannot follow.
     */
    @Override
    public Optional<String> ddlStaysLocal(Connection connection) throws SQLException {
        return ddlStaysLocal(writeSettings(connection));
    }

    /** Both from one query: every writing command asks before its first statement. */
    @Override
    public Optional<WriteRefusal> writeRefusal(Connection connection) throws SQLException {
        Map<String, String> settings = writeSettings(connection);
        Optional<String> readOnly = readOnly(settings);
        return readOnly.isPresent() ? Optional.of(new WriteRefusal(true, readOnly.get()))
                : ddlStaysLocal(settings).map(why -> new WriteRefusal(false, why));
    }

    /**
     * The settings a write depends on, lower-case names, in one round trip on both servers. MariaDB has no {@code
     * super_read_only} and a single server no {@code wsrep_*}: a name the server lacks is simply not listed.
     */
    private static Map<String, String> writeSettings(Connection connection) throws SQLException {
        return dev.dbshift.db.CatalogQuery.lists(connection, "SHOW VARIABLES WHERE Variable_name IN ('read_only',"
                + " 'super_read_only', 'wsrep_on', 'wsrep_osu_method')");
    }

    private static Optional<String> readOnly(Map<String, String> settings) {
        for (String name : List.of("read_only", "super_read_only")) {
            String value = settings.get(name);
            if ("ON".equalsIgnoreCase(value) || "1".equals(value)) {
                return Optional.of(name + " is ON");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ddlStaysLocal(Map<String, String> settings) {
        String method = settings.getOrDefault("wsrep_osu_method", "TOI");
        if (!"ON".equalsIgnoreCase(settings.get("wsrep_on")) || "TOI".equalsIgnoreCase(method)) {
            return Optional.empty();
        }
        return Optional.of("this Galera node runs DDL in " + method + " (wsrep_OSU_method): DDL run here would stay on"
                + " this node while the rows that go with it (a migration's history row, an online change's state and copy)"
                + " reach every node, and the other nodes would be left without the change. Set wsrep_OSU_method to TOI for"
                + " the run (SET GLOBAL wsrep_OSU_method = 'TOI' on this node, or in its configuration)");
    }

    /** The online change engine of MySQL/MariaDB ({@code db/mysql/online}). */
    @Override
    public Optional<dev.dbshift.online.OnlineChange> online() {
        return Optional.of(new dev.dbshift.db.mysql.online.MySqlOnlineChange());
    }

    /** MySQL and MariaDB say "... at line N" of the statement for syntax errors. */
    @Override
    public Optional<ScriptPosition> errorPosition(SqlStatement statement, SQLException error) {
        return MySqlScriptErrors.position(statement, error);
    }

    /** ER_BAD_DB_ERROR (1049) from USE: "Unknown database"; access denied (1044) is not a missing database. */
    @Override
    public boolean schemaMissing(SQLException useSchemaFailure) {
        return useSchemaFailure.getErrorCode() == 1049;
    }

    @Override
    public java.sql.ResultSet tables(java.sql.DatabaseMetaData md, String schema, String tablePattern) throws SQLException {
        return md.getTables(schema, null, tablePattern, null);
    }

    /**
     * A table of another engine than InnoDB in the schema, or another default engine: a MyISAM table's rows stayed
     * through the rollback of the group they were written in with their progress marks, and the next 'up' wrote them
     * again (measured from the CLI: a log table with two rows for one INSERT). Else its triggers' and routines' bodies
     * (a row change's expression may call a function) and its updatable views' definitions, which may write into
     * another database's such table. One query per schema a run asks about (another database when a statement names it:
     * CommitPoints), two when it has views: ~20 ms at 1,000 tables on MariaDB 10.11 (it opens each table's definition,
     * as the engine check alone did, ~15 ms; counting against InnoDB's dictionary instead would call every schema with
     * a view non-transactional).
     */
    @Override
    public RowsKept rowsKeptThroughRollback(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> found = CatalogQuery.grouped(connection,
                "SELECT 'ENGINE', NULL FROM DUAL WHERE @@default_storage_engine NOT IN ('InnoDB')"
                        + " UNION ALL SELECT TABLE_TYPE, NULL FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                        + " AND (TABLE_TYPE = 'VIEW' OR TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
                        + " AND ENGINE IS NOT NULL AND ENGINE NOT IN ('InnoDB'))"
                        + " UNION ALL SELECT 'CODE', ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?"
                        + " UNION ALL SELECT 'CODE', ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?",
                schema, schema, schema);
        if (!java.util.Set.of("VIEW", "CODE").containsAll(found.keySet())) {
            return new RowsKept(true, List.of(), List.of()); // another engine, here or by default
        }
        // a definition the user may not see is NULL, and left out
        List<String> views = found.containsKey("VIEW") ? CatalogQuery.column(connection, "SELECT VIEW_DEFINITION"
                + " FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? AND IS_UPDATABLE = 'YES'", schema) : List.of();
        return new RowsKept(false, found.getOrDefault("CODE", List.of()),
                views.stream().filter(java.util.Objects::nonNull).toList());
    }

    @Override
    public boolean mayKeepRowsThroughRollback() {
        return true;
    }

    /** {@code ER_WARNING_NOT_COMPLETE_ROLLBACK}: a table the transaction wrote into keeps its rows through the rollback. */
    private static final int NOT_COMPLETE_ROLLBACK = 1196;

    @Override
    public boolean rollbackKeptRows(java.sql.SQLWarning warnings) {
        for (java.sql.SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
            if (w.getErrorCode() == NOT_COMPLETE_ROLLBACK) {
                return true;
            }
        }
        return false;
    }

    /** {@code ENGINE [=] name}, the name bare or quoted (a dump's {@code ENGINE=InnoDB} on every table is not one). */
    private static final java.util.regex.Pattern ENGINE = java.util.regex.Pattern.compile(
            "(?i)\\bENGINE\\s*=?\\s*[`'\"]?(\\w+)");

    @Override
    public boolean mayMakeTableThatKeepsRows(SqlStatement statement) {
        if (statement.kind() != dev.dbshift.sql.StatementKind.DDL) {
            return false;
        }
        java.util.regex.Matcher m = ENGINE.matcher(statement.sql());
        while (m.find()) {
            if (!m.group(1).equalsIgnoreCase("InnoDB")) {
                return true;
            }
        }
        return false;
    }

    /** Row changes on InnoDB roll back with the progress mark; DDL commits implicitly (MyISAM/Aria rows cannot roll back at all). */
    @Override
    public boolean sharesTransactionWithMark(SqlStatement statement) {
        List<String> first = dev.dbshift.sql.StatementEffect.firstWords(statement.sql(), 1);
        return !first.isEmpty() && java.util.Set.of("INSERT", "UPDATE", "DELETE", "REPLACE").contains(first.get(0));
    }

    /** LOCK TABLES takes table locks; UNLOCK TABLES and a new transaction release them. */
    @Override
    public boolean holdsTableLocksAfter(SqlStatement statement, boolean heldBefore) {
        // FLUSH TABLES ... WITH READ LOCK / FOR EXPORT leaves the session able to write nothing (a progress mark failed
        // with "Can't execute the query because you have a conflicting read lock") until UNLOCK TABLES
        List<String> w = dev.dbshift.sql.StatementEffect.firstWords(statement.sql(), 3);
        if (w.isEmpty()) {
            return heldBefore;
        }
        if (w.get(0).equals("LOCK") && w.size() > 1 && (w.get(1).equals("TABLES") || w.get(1).equals("TABLE"))) {
            return true;
        }
        if (w.get(0).equals("FLUSH") && FLUSH_WITH_LOCK.matcher(statement.sql()).find()) {
            return true; // FLUSH TABLES [t, ...] WITH READ LOCK / FOR EXPORT: no write until UNLOCK TABLES
        }
        if (w.get(0).equals("UNLOCK") || w.get(0).equals("START") && w.size() > 1 && w.get(1).equals("TRANSACTION")
                || w.get(0).equals("BEGIN") && !(w.size() > 1 && w.get(1).equals("NOT"))) {
            return false;
        }
        return heldBefore;
    }

    private static final java.util.regex.Pattern FLUSH_WITH_LOCK = java.util.regex.Pattern.compile(
            "(?i)\\b(WITH\\s+READ\\s+LOCK|FOR\\s+EXPORT)\\b");

    @Override
    public void releaseTableLocks(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("UNLOCK TABLES");
        }
    }

    @Override
    public Optional<Presence> presence(Connection connection, String currentSchema,
                                       dev.dbshift.sql.StatementEffect.CatalogObject o) throws SQLException {
        String schema = o.schema() == null ? currentSchema : dev.dbshift.db.CatalogQuery.unquote(o.schema());
        String name = dev.dbshift.db.CatalogQuery.unquote(o.name());
        String table = dev.dbshift.db.CatalogQuery.unquote(o.table());
        String tables = "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ? AND table_type ";
        switch (o.type()) {
            case "TABLE":
                return dev.dbshift.db.CatalogQuery.presence(connection, tables + "IN ('BASE TABLE', 'SYSTEM VERSIONED')", schema, name);
            case "VIEW":
                return dev.dbshift.db.CatalogQuery.presence(connection, tables + "= 'VIEW'", schema, name);
            case "SEQUENCE":
                return dev.dbshift.db.CatalogQuery.presence(connection, tables + "= 'SEQUENCE'", schema, name);
            case "INDEX":
                return table == null ? Optional.empty() : dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM"
                        + " information_schema.statistics WHERE table_schema = ? AND table_name = ? AND index_name = ?", schema, table, name);
            case "COLUMN":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ? AND column_name = ?", schema, table, name);
            case "PRIMARY KEY":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM information_schema.statistics"
                        + " WHERE table_schema = ? AND table_name = ? AND index_name = 'PRIMARY'", schema, table);
            case "FOREIGN KEY", "CHECK":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM information_schema.table_constraints"
                        + " WHERE constraint_schema = ? AND table_name = ? AND constraint_name = ? AND constraint_type = ?",
                        schema, table, name, o.type());
            case "CONSTRAINT":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM information_schema.table_constraints"
                        + " WHERE constraint_schema = ? AND table_name = ? AND constraint_name = ?", schema, table, name);
            default:
                return Optional.empty();
        }
    }

    /** {@code VERSION()}, and {@code information_schema.TABLES.TABLE_ROWS} (InnoDB's estimate) per table. */
    @Override
    public dev.dbshift.lint.LintMigration.ServerFacts lintFacts(Connection connection, String schema) throws SQLException {
        Optional<String> version = dev.dbshift.db.CatalogQuery.value(connection, "SELECT VERSION()");
        java.util.Map<String, Long> rows = dev.dbshift.db.CatalogQuery.counts(connection,
                "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
                        + " AND TABLE_SCHEMA = COALESCE(?, DATABASE())", schema);
        // what the online engine refuses at its preflight: foreign keys that leave or reference a table, its triggers;
        // the referenced side opens every table on the server, so InnoDB's dictionary is asked first whether any can be
        String db = schema != null ? schema : dev.dbshift.db.CatalogQuery.value(connection, "SELECT DATABASE()").orElse(null);
        String triggers = "SELECT EVENT_OBJECT_TABLE, CONCAT('trigger ', TRIGGER_NAME) FROM information_schema.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = COALESCE(?, DATABASE()) ORDER BY 1, 2";
        java.util.Map<String, String> blockers = InnoDbForeignKeys.mayTouch(connection, db)
                ? dev.dbshift.db.CatalogQuery.lists(connection, "SELECT t, CONCAT('foreign key ', n) FROM ("
                + " SELECT TABLE_NAME t, CONSTRAINT_NAME n FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE())"
                + " UNION SELECT REFERENCED_TABLE_NAME, CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE UNIQUE_CONSTRAINT_SCHEMA = COALESCE(?, DATABASE())) f UNION ALL " + triggers, schema, schema, schema)
                : dev.dbshift.db.CatalogQuery.lists(connection, triggers, schema);
        // a Galera node: how it runs DDL (TOI: on every node at once, blocking the cluster; RSU: on this node only)
        java.util.Map<String, String> settings = dev.dbshift.db.CatalogQuery.lists(connection,
                "SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_osu_method')");
        if (!"ON".equalsIgnoreCase(settings.get("wsrep_on"))) {
            settings = java.util.Map.of();
        }
        return new dev.dbshift.lint.LintMigration.ServerFacts(version, rows, blockers, settings);
    }
}
