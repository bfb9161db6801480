package dev.dbshift.db.postgres;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;
import dev.dbshift.db.DdlLocks;
import dev.dbshift.db.UrlPrefixProvider;
import dev.dbshift.db.NetworkTarget;
import dev.dbshift.db.Locker;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptPosition;
import dev.dbshift.sql.SqlStatement;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** PostgreSQL: transactional DDL, session advisory locks, COPY through the driver's copy API. */
public final class PostgresDatabase implements Database {

    /** Serves {@code jdbc:postgresql:} URLs. */
    public static final class Provider extends UrlPrefixProvider {
        public Provider() {
            super(PostgresDatabase::new, "jdbc:postgresql:");
        }
    }

    private final ScriptDialect dialect = new PostgresScriptDialect();
    private static final DdlLocks DDL_LOCKS = new PostgresDdlLocks();

    @Override
    public String name() {
        return "postgresql";
    }

    private static final int DEFAULT_PORT = 5432;

    /** {@code postgres://} (Heroku, Rails, twelve-factor {@code DATABASE_URL}), {@code postgresql://}, {@code pgsql://}; a DSN on port 5432. */
    @Override
    public Optional<UrlForm> urlForm() {
        return Optional.of(UrlForm.server("jdbc:postgresql:", DEFAULT_PORT, "postgres", "postgresql", "pgsql"));
    }

    /** Host (loopback names as one), port (default 5432), database, and the schema: given, else currentSchema, else public. */
    @Override
    public String target(String url, String schema) {
        NetworkTarget t = NetworkTarget.parse(url, DEFAULT_PORT);
        String effective = schema;
        if (effective == null) {
            String current = t.params().get("currentschema");
            effective = current == null || current.isBlank() ? "public" : current.split(",")[0].strip();
        }
        return t.identity("postgresql", effective);
    }

    /**
     * pgjdbc's {@code loginTimeout} (whole seconds, rounded up) bounds the connect, the server's greeting and the login;
     * without it the driver waits for ever on a server that accepts the connection and never answers.
     */
    @Override
    public void connectTimeout(java.util.Properties properties, String url, java.time.Duration timeout) {
        if (!NetworkTarget.params(url).containsKey("logintimeout")) {
            long ms = timeout.toMillis();
            properties.setProperty("loginTimeout", Long.toString(ms == 0 ? 0 : Math.max(1, (ms + 999) / 1000)));
        }
    }

    @Override
    public String driverClass() {
        return "org.postgresql.Driver";
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    @Override
    public ScriptDialect scriptDialect() {
        return dialect;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return currentSchemaIfAny(connection)
                .orElseThrow(() -> new SQLException("the connection has no current schema (search_path names none that exists);"
                        + " set 'schemas' or add currentSchema=… to the URL"));
    }

    @Override
    public Optional<String> currentSchemaIfAny(Connection connection) throws SQLException {
        return CatalogQuery.value(connection, "SELECT current_schema()");
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (create) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            }
            st.execute("SET search_path TO " + quote(schema));
        }
    }

    /** The online change engine of PostgreSQL ({@code db/postgres/online}). */
    @Override
    public Optional<dev.dbshift.online.OnlineChange> online() {
        return Optional.of(new dev.dbshift.db.postgres.online.PostgresOnlineChange());
    }

    /** A standby ({@code pg_is_in_recovery()}), or a server or role whose transactions are read-only by default. */
    @Override
    public Optional<String> readOnly(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_is_in_recovery(), current_setting('default_transaction_read_only')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of("it is a standby (pg_is_in_recovery() is true)");
            }
            return "on".equals(rs.getString(2)) ? Optional.of("default_transaction_read_only is on") : Optional.empty();
        }
    }

    @Override
    public Optional<DdlLocks> ddlLocks() {
        return Optional.of(DDL_LOCKS);
    }

    /**
     * The PostgreSQL driver sends the JVM's time zone at the handshake ({@code TimeZone}), which outranks the one the
     * database, the role and the server's configuration give every other session: a migration's {@code
     * '2024-01-01'::timestamptz}, {@code now()::date} or {@code ALTER COLUMN ... TYPE timestamptz} took the time zone
     * of the machine dbshift ran on (a laptop in Tokyo, a CI runner in UTC), where psql takes the database's. The
     * session that runs scripts takes psql's again: the role's in this database, the role's, the database's, then
     * every role's ({@code pg_db_role_setting}, which any user may read), else the server's configuration file's
     * where the user may read it ({@code pg_file_settings}: superusers). Where none can be known, and where the URL
     * sets the zone itself ({@code options=-c TimeZone=...}), the session keeps what it has.
     */
    @Override
    public void readyForScripts(Connection connection) throws SQLException {
        psqlTimeZone(connection);
    }

    /** Sets the session's time zone to psql's ({@link #readyForScripts}); the online engine's sessions take it too. */
    public static void psqlTimeZone(Connection connection) throws SQLException {
        if (connection.getMetaData().getURL().toLowerCase(java.util.Locale.ROOT).contains("timezone")) {
            return;
        }
        Optional<String> zone = serverTimeZone(connection);
        if (zone.isPresent()) {
            CatalogQuery.rows(connection, "SELECT set_config('TimeZone', ?, false)", zone.get());
        }
    }

    /** The time zone a session of this role in this database starts with when its client sends none (psql's). */
    static Optional<String> serverTimeZone(Connection connection) throws SQLException {
        // the role's and the database's setting, and whether the configuration file may be read, in one round trip
        String[] set = CatalogQuery.rows(connection, "select (select substr(c, strpos(c, '=') + 1) from pg_db_role_setting s"
                + " cross join unnest(s.setconfig) as c where lower(split_part(c, '=', 1)) = 'timezone'"
                + " and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))"
                + " and s.setrole in (0, (select oid from pg_roles where rolname = session_user))"
                + " order by s.setrole <> 0 desc, s.setdatabase <> 0 desc limit 1),"
                + " has_table_privilege('pg_catalog.pg_file_settings', 'SELECT')"
                + " and has_function_privilege('pg_catalog.pg_show_all_file_settings()', 'EXECUTE')").get(0);
        if (set[0] != null) {
            return Optional.of(set[0]);
        }
        if (!"t".equals(set[1])) {
            return Optional.empty();
        }
        return CatalogQuery.value(connection, "select setting from pg_catalog.pg_file_settings"
                + " where lower(name) = 'timezone' and applied and error is null");
    }

    @Override
    public void statementTimeout(Connection connection, Duration timeout) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET statement_timeout = " + timeout.toMillis());
        }
    }

    @Override
    public HistoryTypes historyTypes() {
        return new HistoryTypes("TEXT", "TEXT", "TIMESTAMP(3)", "BOOLEAN", "BIGINT",
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "");
    }

    @Override
    public Locker locker(Connection connection, ConnectionFactory factory, String lockName, Duration leaseTime) {
        long key = lockKey(lockName);
        return new Locker() {
            @Override
            public boolean lock(Duration timeout) throws SQLException {
                long deadline = System.nanoTime() + timeout.toNanos();
                long wait = 20;
                while (true) {
                    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                        ps.setLong(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getBoolean(1)) {
                                return true;
                            }
                        }
                    }
                    if (System.nanoTime() >= deadline) {
                        return false;
                    }
                    sleep(Math.min(wait, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                    wait = Math.min(500, wait * 2);
                }
            }

            @Override
            public void unlock() throws SQLException {
                if (connection.isClosed()) {
                    return;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.executeQuery().close();
                }
            }

            /** A bigint key's lock is listed with its high half as classid, its low half as objid, and objsubid 1. */
            @Override
            public Optional<Fence> heldCheck() {
                return Optional.of(c -> {
                    if (CatalogQuery.first(c, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                            + " AND granted AND objsubid = 1 AND classid::bigint = ?::bigint AND objid::bigint = ?::bigint",
                            String.valueOf(key >>> 32), String.valueOf(key & 0xffffffffL)).isEmpty()) {
                        throw Locker.releasedByTheMigration();
                    }
                });
            }
        };
    }

    /** A stable 64-bit key from the lock name (the first 8 bytes of its SHA-256). */
    static long lockKey(String name) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void execute(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.copyData() != null) {
            PostgresCopy.copyIn(connection, statement);
            return;
        }
        Database.super.execute(connection, statement);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops every object in the schema, never the schema itself: re-creating it would lose its ACL, its
     * comment and, for {@code public}, what makes pg_dump treat it as the standard schema (the dump then says
     * {@code CREATE SCHEMA public}, which does not load into a new database). Extensions installed in it go
     * first, then the tables one by one (a single CASCADE over thousands of tables runs out of lock slots),
     * then, in one transaction, every object the catalog still lists in the schema, by its identity
     * ({@code pg_identify_object}), skipping those that belong to another object (they go with it).
     */
    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("schema " + schema + " does not exist");
                }
            }
        }
        java.util.List<String> extensions = names(connection, "SELECT e.extname FROM pg_extension e JOIN pg_namespace n"
                + " ON n.oid = e.extnamespace WHERE n.nspname = ? ORDER BY e.extname", schema);
        java.util.List<String> tables = names(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname", schema);
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String e : extensions) {
                st.execute("DROP EXTENSION IF EXISTS " + quote(e) + " CASCADE");
            }
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(t) + " CASCADE");
            }
        } finally {
            connection.setAutoCommit(auto);
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (int pass = 0; ; pass++) {
                java.util.List<String> drops = remainingObjects(connection, schema);
                if (drops.isEmpty()) {
                    break;
                }
                if (pass == 5) {
                    throw new SQLException("reset could not drop every object in schema " + schema + "; left: " + drops);
                }
                for (String drop : drops) {
                    st.execute(drop);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** A {@code DROP ... IF EXISTS ... CASCADE} for each object in the schema that no other object owns. */
    private static java.util.List<String> remainingObjects(Connection connection, String schema) throws SQLException {
        String sql = "SELECT CASE WHEN d.classid = 'pg_type'::regclass AND t.typtype = 'd' THEN 'domain'"
                + " WHEN o.type = 'composite type' THEN 'type' WHEN o.type = 'statistics object' THEN 'statistics'"
                + " ELSE o.type END, o.identity"
                + " FROM pg_depend d JOIN pg_namespace n ON n.oid = d.refobjid"
                + " CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o"
                + " LEFT JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid"
                + " WHERE d.refclassid = 'pg_namespace'::regclass AND n.nspname = ? AND d.deptype = 'n'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classid AND x.objid = d.objid"
                + " AND x.deptype IN ('i', 'a', 'e'))"
                + " ORDER BY d.classid, d.objid";
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("DROP " + rs.getString(1).toUpperCase(java.util.Locale.ROOT) + " IF EXISTS " + rs.getString(2) + " CASCADE");
                }
            }
        }
        return out;
    }

    private static java.util.List<String> names(Connection connection, String sql, String schema) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** psql reads COPY ... FROM stdin data inline, ended by a {@code \\.} line. */
    @Override
    public String clientStatement(SqlStatement statement) {
        if (statement.copyData() == null) {
            return statement.sql() + ";\n";
        }
        String data = statement.copyData();
        return statement.sql() + ";\n" + data + (data.isEmpty() || data.endsWith("\n") ? "" : "\n") + "\\.\n";
    }

    @Override
    public String clientPreamble() {
        return "\\set ON_ERROR_STOP on\n";
    }

    /** A DO block raising the message: inside a step's transaction, psql ignores the rest of it even without ON_ERROR_STOP. */
    @Override
    public String clientStop(int n, String condition, String message) {
        return "DO $dbshift$ BEGIN IF " + condition + " THEN RAISE EXCEPTION '%', " + stringLiteral(message)
                + "; END IF; END $dbshift$;\n";
    }

    @Override
    public String utcNowSql() {
        return "(now() AT TIME ZONE 'UTC')";
    }

    @Override
    public Optional<SchemaReader> schemaReader() {
        return Optional.of(new PostgresSchemaReader());
    }

    @Override
    public Optional<DdlWriter> ddlWriter() {
        return Optional.of(new PostgresDdlWriter());
    }

    @Override
    public Optional<SchemaDump> schemaDump() {
        return Optional.of(new PostgresSchemaDump());
    }

    /** PostgreSQL's own lint rules ({@link dev.dbshift.db.postgres.lint.PostgresLintRules}). */
    @Override
    public java.util.List<dev.dbshift.lint.Rule> lintRules() {
        return dev.dbshift.db.postgres.lint.PostgresLintRules.all();
    }

    /** PostgreSQL reports a 1-based character offset into the statement. */
    @Override
    public Optional<ScriptPosition> errorPosition(SqlStatement statement, SQLException error) {
        return PostgresScriptErrors.position(statement, error);
    }

    /**
     * A database of its own on the same server, with the live schemas' names: the migrations are run again there, and
     * a name they qualify with the live schema ({@code public.orders}, as pg_dump writes every name) or a search path
     * they set then names the copy, never the live tables (PostgreSQL has no statement that reaches into another
     * database). In a scratch schema of the live database, a replayed data migration wrote its rows into the live
     * tables again, and a pg_dump file failed "already exists".
     */
    @Override
    public Scratch scratch(String url, String name, List<String> schemas) {
        return new Scratch(withDatabase(url, name), schemas, name);
    }

    /**
     * Makes the scratch database from the server's default template, as {@code createdb} does; where the live
     * database's encoding or locale is not the template's, from {@code template0} with the live database's (the only
     * template another encoding may be made from), so the migrations run again under the same.
     */
    @Override
    public void createScratch(Connection connection, Scratch scratch) throws SQLException {
        String like = "";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_encoding_to_char(d.encoding),"
                + " d.datcollate, d.datctype, (d.encoding, d.datcollate, d.datctype) = (t.encoding, t.datcollate, t.datctype)"
                + " FROM pg_database d, pg_database t WHERE d.datname = current_database() AND t.datname = 'template1'")) {
            if (rs.next() && !rs.getBoolean(4)) {
                like = " TEMPLATE template0 ENCODING " + literal(rs.getString(1)) + " LC_COLLATE " + literal(rs.getString(2))
                        + " LC_CTYPE " + literal(rs.getString(3));
            }
        }
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE " + quote(scratch.database()) + like);
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * What a database of its own does not keep apart: what the whole server shares (roles, their grants and
     * passwords, databases, tablespaces, subscriptions, foreign servers, settings) and what acts past the database
     * (other sessions, replication slots, dblink, programs and files on the server). Migrations that do such a thing are
     * not replayed: run again, {@code ALTER ROLE ... PASSWORD} set a changed password back, {@code DROP DATABASE} dropped
     * one made since, a subscription connected to its publisher.
     */
    @Override
    public List<ReplayGuard> replayGuard(Connection connection, Scratch scratch) throws SQLException {
        if (scratch.database() != null) {
            return SERVER_WIDE;
        }
        // a scratch schema of the live database: every other schema of it is the live one's neighbour
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String n : names(connection, "SELECT nspname FROM pg_namespace WHERE nspname <> ? AND nspname NOT LIKE 'pg\\_%'"
                + " AND nspname <> 'information_schema'", scratch.schema())) {
            names.add(n.toLowerCase(java.util.Locale.ROOT));
        }
        String why = "it names another schema of the database (or sets the search path), which the replay in a scratch"
                + " schema of it would change: the live one (a user who may create a database (CREATEDB) gets a scratch"
                + " database of its own, where such a script replays)";
        List<ReplayGuard> guards = new java.util.ArrayList<>(SERVER_WIDE);
        guards.add(new ReplayGuard(QUALIFIED, names, why, true));
        guards.add(new ReplayGuard(NAMES_A_SCHEMA, names, why, true));
        guards.add(new ReplayGuard(java.util.regex.Pattern.compile("\\bsearch_path\\b|(^|;)\\s*SET\\s+(SESSION\\s+|LOCAL\\s+)?SCHEMA\\b",
                java.util.regex.Pattern.CASE_INSENSITIVE), java.util.Set.of(), why, true));
        return guards;
    }

    /** Without CREATEDB: a scratch schema of the live database, as before there was a scratch database. */
    @Override
    public Optional<Scratch> scratchInPlace(String url, String name) {
        return Optional.of(new Scratch(url, List.of(name), null));
    }

    /** A name before a dot (not itself after one, nor a host's or an address's), bare or {@code "quoted"}. */
    static final java.util.regex.Pattern QUALIFIED = java.util.regex.Pattern.compile(
            "(?<![\\w$\".@/-])(?<name>\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*\\.");

    /** A schema named after the word SCHEMA: made, changed, dropped, moved into ({@code SET SCHEMA}), granted on. */
    static final java.util.regex.Pattern NAMES_A_SCHEMA = java.util.regex.Pattern.compile(
            "\\bSCHEMA\\s+(IF\\s+(NOT\\s+)?EXISTS\\s+)?(?<name>\"(?:[^\"]|\"\")+\"|[\\w$]+)", java.util.regex.Pattern.CASE_INSENSITIVE);

    static final List<ReplayGuard> SERVER_WIDE = List.of(
            ReplayGuard.serverWide("\\b(CREATE|ALTER|DROP)\\s+(ROLE|USER|GROUP|DATABASE|TABLESPACE|SUBSCRIPTION|SERVER)\\b",
                    "it changes roles, databases, tablespaces, subscriptions or foreign servers, which the whole server shares"),
            ReplayGuard.serverWide("\\bALTER\\s+SYSTEM\\b|\\bREASSIGN\\s+OWNED\\b"
                            + "|\\b(COMMENT\\s+ON|SECURITY\\s+LABEL\\b[^;]*?\\bON)\\s+(DATABASE|ROLE|TABLESPACE)\\b",
                    "it changes what the whole server shares (its settings, roles, databases)"),
            ReplayGuard.serverWide("\\bGRANT\\s+(\"?[\\w$]+\"?\\s*,\\s*)*\"?[\\w$]+\"?\\s+TO\\b"
                            + "|\\bREVOKE\\s+(ADMIN\\s+OPTION\\s+FOR\\s+)?(\"?[\\w$]+\"?\\s*,\\s*)*\"?[\\w$]+\"?\\s+FROM\\b",
                    "it grants or revokes a role, which the whole server shares"),
            ReplayGuard.serverWide("\\b(pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile"
                            + "|pg_create_physical_replication_slot|pg_create_logical_replication_slot|pg_drop_replication_slot"
                            + "|pg_replication_origin_create|pg_replication_origin_drop|dblink|dblink_exec|dblink_connect"
                            + "|dblink_send_query|pg_file_write|lo_export)\\s*\\("
                            + "|\\bCOPY\\b[^;]*?\\b(TO|FROM)\\s+PROGRAM\\b|\\bCOPY\\b[^;]*?\\bTO\\s+'",
                    "it acts past its database (other sessions, replication slots, another database through dblink, a"
                            + " program or a file on the server)"));

    @Override
    public List<String> scratchDatabases(Connection connection) throws SQLException {
        return names(connection, "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname", "dbshift\\_scratch\\_%");
    }

    /**
     * What names a role, a search path or a read-only default, which dbshift's writes depend on, or how the catalog shows
     * a default, which its reads do ({@code IntervalStyle}, {@code bytea_output}), or may set them (set_config, a call, a
     * DO block).
     */
    private static final java.util.regex.Pattern OWN_WRITE_WORDS = java.util.regex.Pattern.compile(
            "\\b(ROLE|AUTHORIZATION|SEARCH_PATH|SET_CONFIG|CALL|DO|EXECUTE|INTERVALSTYLE|BYTEA_OUTPUT)\\b|READ_ONLY",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The session settings a script may change for the rest of the session: the role, the search path,
     * {@code session_replication_role} (replica: no triggers, no foreign key checks), time zone, date and interval
     * style, {@code bytea_output}, the timeouts; set back in one query, and only those that differ (a superuser's
     * setting set back by anyone else would be refused). Then every other setting a user may set that a {@code SET} in
     * the session made differ from the run's start, so that a migration's settings end with it as they do in psql's
     * session per file: a fixed list alone let a pg_dump's {@code row_security = off} and a script's
     * {@code synchronous_commit = off}, {@code default_transaction_isolation} or {@code work_mem} carry into every
     * later migration of the run. A custom setting ({@code app.tenant}) is in no catalog view: a {@code RESET ALL} first
     * ends it (it reads '' after, where a new session has none), and sets to the values they had at connect what the
     * run had set since, which the comparison then sets again.
     */
    @Override
    public SessionState sessionState(Connection connection) throws SQLException {
        // session_authorization first: setting it sets role back to none
        List<String> names = List.of("session_authorization", "role", "search_path", "session_replication_role", "TimeZone",
                "DateStyle", "IntervalStyle", "statement_timeout", "lock_timeout", "standard_conforming_strings",
                "check_function_bodies", "default_transaction_read_only", "bytea_output");
        List<String> values = new java.util.ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + String.join(", ", names.stream().map(n -> "current_setting('" + n + "')").toList()))) {
            rs.next();
            for (int i = 1; i <= names.size(); i++) {
                values.add(rs.getString(i));
            }
        }
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            pairs.append(i == 0 ? "" : ", ").append("('").append(names.get(i)).append("', ?)");
        }
        String sql = "SELECT set_config(n, v, false) FROM (VALUES " + pairs + ") AS s(n, v)"
                + " WHERE current_setting(n) IS DISTINCT FROM v";
        // every other setting a script may set, as it was: set back where a SET in the session made it differ
        java.util.Map<String, String> settable = CatalogQuery.pairs(connection,
                "SELECT name, setting FROM pg_settings WHERE context IN ('user', 'superuser')");
        java.util.Set<String> fixed = new java.util.HashSet<>();
        names.forEach(n -> fixed.add(n.toLowerCase(java.util.Locale.ROOT)));
        fixed.add("client_encoding"); // held to UTF-8 by the driver: a script cannot change it (refused where it is read)
        // for one write of dbshift's own: what differs, as it is now, then set back for the transaction only
        String local = "WITH s(n, v) AS (VALUES " + pairs + "), was AS MATERIALIZED (SELECT n, v, current_setting(n) AS w"
                + " FROM s WHERE current_setting(n) IS DISTINCT FROM v) SELECT n, w, set_config(n, v, true) FROM was";
        return new SessionState() {
            /** {@code sql} prepared on {@code c} with the captured values bound, pair by pair. */
            private PreparedStatement bound(Connection c, String sql) throws SQLException {
                PreparedStatement ps = c.prepareStatement(sql);
                for (int i = 0; i < values.size(); i++) {
                    ps.setString(i + 1, values.get(i));
                }
                return ps;
            }

            @Override
            public void restore(Connection c) throws SQLException {
                // not RESET ALL: it also ended what a callback or the application's pool set that no catalog view shows
                // (SET app.tenant = '42'), which the next migration read empty; a step's own custom settings are kept
                // and set back by name (keep)
                try (PreparedStatement ps = bound(c, sql)) {
                    ps.executeQuery().close();
                }
                List<String> differing = new java.util.ArrayList<>();
                List<String> was = new java.util.ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, setting, reset_val"
                        + " FROM pg_settings WHERE context IN ('user', 'superuser')")) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        // one the run began without (an extension's, loaded since) goes back to what RESET gives it
                        String value = settable.containsKey(name) ? settable.get(name) : rs.getString(3);
                        if (!fixed.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith("transaction_")
                                && !java.util.Objects.equals(rs.getString(2), value)) {
                            differing.add(name);
                            was.add(value);
                        }
                    }
                }
                if (!differing.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT set_config(n, v, false) FROM unnest(?::text[], ?::text[]) AS s(n, v)")) {
                        ps.setArray(1, c.createArrayOf("text", differing.toArray()));
                        ps.setArray(2, c.createArrayOf("text", was.toArray()));
                        ps.executeQuery().close();
                    } catch (SQLException e) {
                        throw new SQLException("cannot set back the session's " + String.join(", ", differing)
                                + " after the migration changed them: " + e.getMessage(), e.getSQLState(), e);
                    }
                }
            }

            @Override
            public java.util.regex.Pattern ownWriteWords() {
                return OWN_WRITE_WORDS;
            }

            @Override
            public void dropSessionObjects(Connection c, Named named) throws SQLException {
                try (Statement st = c.createStatement()) {
                    // the driver forgets its own prepared statements on DEALLOCATE ALL, and prepares them again
                    st.execute("DISCARD TEMP; DEALLOCATE ALL; CLOSE ALL");
                }
            }

            @Override
            public Undo forOwnWrite(Connection c) throws SQLException {
                List<String[]> was = new java.util.ArrayList<>();
                try (PreparedStatement ps = bound(c, local); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        was.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                if (was.isEmpty()) {
                    return Undo.NOTHING;
                }
                return back -> {
                    // after a write in a transaction of its own, whose commit ended what it set, this sets nothing
                    // in the order captured: a script's role is set again after its session authorization
                    try (PreparedStatement ps = back.prepareStatement("SELECT set_config(?, ?, true)")) {
                        for (String[] w : was) {
                            ps.setString(1, w[0]);
                            ps.setString(2, w[1]);
                            ps.executeQuery().close();
                        }
                    }
                };
            }
        };
    }

    /**
     * The custom settings {@code named} names ({@code app.tenant}: pg_settings lists none), as they are now: set back
     * where they differ, one a session never had reset ({@code set_config} given NULL).
     */
    @Override
    public Undo keep(Connection connection, SessionState.Named named) throws SQLException {
        List<String> names = named.customSettings();
        if (names.isEmpty()) {
            return Undo.NOTHING;
        }
        List<String> values = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting(n, true) FROM unnest(?::text[]) WITH ORDINALITY AS s(n, i) ORDER BY i")) {
            ps.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config(n, v, false) FROM unnest(?::text[], ?::text[])"
                    + " AS s(n, v) WHERE current_setting(n, true) IS DISTINCT FROM v")) {
                ps.setArray(1, c.createArrayOf("text", names.toArray()));
                ps.setArray(2, c.createArrayOf("text", values.toArray()));
                ps.executeQuery().close();
            }
        };
    }

    /** {@code url} naming database {@code database} instead of its own, its host(s) and parameters kept. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql:";
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        String rest = base.substring(prefix.length());
        if (!rest.startsWith("//")) {
            return prefix + database + params;
        }
        int slash = rest.indexOf('/', 2);
        return prefix + (slash < 0 ? rest : rest.substring(0, slash)) + "/" + database + params;
    }

    /**
     * Drops tables one by one before the schema: one {@code DROP SCHEMA ... CASCADE} over a thousand
     * tables needs more locks than {@code max_locks_per_transaction} allows by default. A scratch database is dropped
     * whole, its sessions ended first where the server can (13 and later).
     */
    @Override
    public void dropScratch(Connection connection, Scratch scratch) throws SQLException {
        if (scratch.database() != null) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                boolean force = connection.getMetaData().getDatabaseMajorVersion() >= 13;
                st.execute("DROP DATABASE IF EXISTS " + quote(scratch.database()) + (force ? " WITH (FORCE)" : ""));
            } finally {
                connection.setAutoCommit(auto);
            }
            return;
        }
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
                ps.setString(1, scratch.schema());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + quote(scratch.schema()) + "." + quote(t) + " CASCADE");
            }
            st.execute("DROP SCHEMA IF EXISTS " + quote(scratch.schema()) + " CASCADE");
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /**
     * As any database whose DDL rolls back, except what may end the transaction itself (CALL and DO). What writes outside
     * it is the run's question ({@link #outsideWrites}, which also knows the database's code), asked before this one.
     */
    @Override
    public boolean sharesTransactionWithMark(SqlStatement statement) {
        if (!Database.super.sharesTransactionWithMark(statement)) {
            return false;
        }
        java.util.List<String> first = dev.dbshift.sql.StatementEffect.firstWords(statement.sql(), 1);
        return !first.isEmpty() && !first.get(0).equals("CALL") && !first.get(0).equals("DO");
    }

    /** dblink's writes into another database and programs a COPY runs ({@link PgOutsideWrites}). */
    @Override
    public Optional<String> writesOutsideTransaction(SqlStatement statement) {
        return PgOutsideWrites.in(statement.sql());
    }

    /** With the functions, triggers, views and defaults of the database that call such code ({@link PgOutsideCode}). */
    @Override
    public OutsideWrites outsideWrites(Connection connection) throws SQLException {
        return PgOutsideCode.read(connection);
    }

    /** Unquoted names fold to lower case, as the server folds them. */
    private static String pgName(String name) {
        return dev.dbshift.db.CatalogQuery.folded(name, false);
    }

    @Override
    public Optional<Presence> presence(Connection connection, String currentSchema,
                                       dev.dbshift.sql.StatementEffect.CatalogObject o) throws SQLException {
        String schema = o.schema() == null ? currentSchema : pgName(o.schema());
        String relation = "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ";
        switch (o.type()) {
            case "TABLE":
                return dev.dbshift.db.CatalogQuery.presence(connection, relation + "('r', 'p', 'f')", schema, pgName(o.name()));
            case "VIEW":
                return dev.dbshift.db.CatalogQuery.presence(connection, relation + "('v', 'm')", schema, pgName(o.name()));
            case "SEQUENCE":
                return dev.dbshift.db.CatalogQuery.presence(connection, relation + "('S')", schema, pgName(o.name()));
            case "INDEX": {
                Optional<String> valid = dev.dbshift.db.CatalogQuery.first(connection, "SELECT i.indisvalid AND i.indisready"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid"
                        + " WHERE n.nspname = ? AND c.relname = ?", schema, pgName(o.name()));
                return Optional.of(valid.isEmpty() ? Presence.ABSENT : valid.get().equals("t") || valid.get().equals("true")
                        ? Presence.PRESENT : Presence.INVALID);
            }
            case "COLUMN":
                return dev.dbshift.db.CatalogQuery.presence(connection, "SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attname = ?"
                        + " AND a.attnum > 0 AND NOT a.attisdropped", schema, pgName(o.table()), pgName(o.name()));
            case "PRIMARY KEY", "FOREIGN KEY", "CHECK", "CONSTRAINT": {
                String constraints = "SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
                if (o.type().equals("PRIMARY KEY")) {
                    return dev.dbshift.db.CatalogQuery.presence(connection, constraints + " AND k.contype = 'p'", schema,
                            pgName(o.table()));
                }
                String type = o.type().equals("FOREIGN KEY") ? " AND k.contype = 'f'" : o.type().equals("CHECK") ? " AND k.contype = 'c'" : "";
                return dev.dbshift.db.CatalogQuery.presence(connection, constraints + " AND k.conname = ?" + type, schema,
                        pgName(o.table()), pgName(o.name()));
            }
            default:
                return Optional.empty();
        }
    }

    /** What an invalid index is, for the messages that name one. */
    static final String INVALID_INDEX = "not used by queries, yet kept up to date by every write";

    /**
     * Invalid indexes but those being built now ({@code pg_stat_progress_create_index}) and a partitioned table's own,
     * which is invalid until every partition has one attached (how such an index is built without a long lock).
     */
    @Override
    public List<String> invalidIndexes(Connection connection, String schema) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        for (String[] r : CatalogQuery.rows(connection, "SELECT c.oid::regclass::text, t.oid::regclass::text FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT i.indisvalid AND c.relkind = 'i'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid) ORDER BY 1", schema)) {
            out.add("index " + r[0] + " on " + r[1] + " is invalid (" + INVALID_INDEX + "): a CREATE INDEX or REINDEX"
                    + " CONCURRENTLY that failed left it. Drop it with 'DROP INDEX CONCURRENTLY " + r[0]
                    + "' (and build it again if a migration made it)");
        }
        return out;
    }

    /**
     * A CREATE INDEX CONCURRENTLY that fails (a duplicate for a unique index, a deadlock, a cancel, a timeout) leaves its
     * index invalid: {@value #INVALID_INDEX}, and in the way of the statement run again ("already exists"). Where the
     * statement failed while building (any error but class 42's, which the server raises for a name, a column or the
     * syntax before it makes the index), the index of that name left invalid is its own and is dropped (concurrently, as
     * the statement ran, under a lock timeout); where it failed before, an invalid index of that name is one an earlier
     * run left, and is named with the statement that drops it. An index the statement does not name cannot be told from
     * others and is left.
     */
    @Override
    public Optional<String> leftByFailure(Connection connection, String currentSchema, SqlStatement statement, SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return Optional.empty(); // the connection is gone or going: nothing can be asked
        }
        List<String> words = dev.dbshift.sql.StatementWords.of(statement.sql(), PostgresScriptDialect.lexicalRules(), 5);
        if (words.size() < 3 || !words.get(0).equals("CREATE") || !words.contains("CONCURRENTLY")
                || !(dev.dbshift.sql.StatementEffect.of(statement.sql()) instanceof dev.dbshift.sql.StatementEffect.Exists made)
                || !made.object().type().equals("INDEX")) {
            return Optional.empty();
        }
        try {
            String schema = made.object().schema() == null ? currentSchema : pgName(made.object().schema());
            Optional<String> invalid = CatalogQuery.first(connection, "SELECT c.oid::regclass::text FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid"
                    + " WHERE n.nspname = ? AND c.relname = ? AND NOT i.indisvalid", schema, pgName(made.object().name()));
            if (invalid.isEmpty()) {
                return Optional.empty();
            }
            String drop = "DROP INDEX CONCURRENTLY IF EXISTS " + invalid.get();
            if (state.startsWith("42")) {
                return Optional.of(invalid.get() + " is an invalid index an earlier CREATE INDEX CONCURRENTLY left (" + INVALID_INDEX
                        + "): drop it with '" + drop + "' and run 'dbshift up' again");
            }
            String timeout = CatalogQuery.value(connection, "SHOW lock_timeout").orElse("0");
            try (Statement st = connection.createStatement()) {
                st.execute("SET lock_timeout = '10s'");
                try {
                    st.execute(drop);
                } finally {
                    CatalogQuery.value(connection, "SELECT set_config('lock_timeout', ?, false)", timeout);
                }
            } catch (SQLException e) {
                return Optional.of("the statement left its index " + invalid.get() + " invalid (" + INVALID_INDEX
                        + "), and dropping it failed (" + e.getMessage() + "): drop it with '" + drop + "' before running"
                        + " 'dbshift up' again");
            }
            return Optional.of("the statement left its index " + invalid.get() + " invalid, which dbshift dropped: run"
                    + " 'dbshift up' again once the cause is mended, and it builds the index from the start");
        } catch (SQLException gone) {
            return Optional.empty(); // the connection is gone: the failure says so
        }
    }

    /** {@code server_version}, and {@code pg_class.reltuples} (the planner's estimate; -1 before the first ANALYZE) per table. */
    @Override
    public dev.dbshift.lint.LintMigration.ServerFacts lintFacts(Connection connection, String schema) throws SQLException {
        Optional<String> version = dev.dbshift.db.CatalogQuery.value(connection, "SHOW server_version");
        java.util.Map<String, Long> rows = dev.dbshift.db.CatalogQuery.counts(connection,
                "SELECT c.relname, GREATEST(c.reltuples, 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND n.nspname = COALESCE(?, current_schema())", schema);
        return new dev.dbshift.lint.LintMigration.ServerFacts(version, rows);
    }
}
