package dev.dbshift.db.mysql;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.Database;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a MySQL/MariaDB script may change in its session for the rest of it, captured before a run's first step and set
 * back after each step that may have changed it, so that a migration runs as the {@code mariadb} client runs it, in a
 * session of its own. Three parts:
 * <ul>
 *   <li>checks and how text is read ({@code foreign_key_checks}, {@code unique_checks}, {@code sql_safe_updates},
 *   {@code sql_mode}), always set back, typed ({@code foreign_key_checks} takes 1, not '1');</li>
 *   <li>what dbshift's own writes and reads in the step depend on ({@link #OWN}: the character sets, the time zone, a
 *   row limit, a statement timeout, a read-only default), set back for each of them too ({@link #forOwnWrite});</li>
 *   <li>on MariaDB, every other settable session variable, read from {@code information_schema.SYSTEM_VARIABLES} and set
 *   back where it differs. A fixed list missed {@code SET sql_log_bin = 0} (every later migration of the run, and its
 *   history row, kept from the binary log and so from every replica), {@code max_statement_time = 5} (a later long
 *   migration killed after 5 s) and {@code SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE}. MySQL has no such
 *   table and keeps the first two parts.</li>
 * </ul>
 * What changes by itself (the clock, the last id, a GTID), follows the database in use, or is the driver's
 * ({@code autocommit}) is never set back.
 */
final class MySqlSessionState implements Database.SessionState {
    private static final List<String> ALWAYS = List.of("foreign_key_checks", "unique_checks", "sql_safe_updates", "sql_mode");

    /**
     * What dbshift's own writes and reads depend on, those the server has: after a script's {@code SET NAMES latin1}
     * the history row of {@code 1__café.sql} said {@code cafÃ©}; after {@code SET time_zone = '+05:00'} (every
     * mysqldump sets one) or {@code SET sql_select_limit = 1}, the schema's checksum recorded after the step differed
     * from every later read's, a drift that never was; after {@code SET SESSION TRANSACTION READ ONLY} the history row
     * could not be written. In the order set: the collation after the character set it belongs to.
     */
    private static final List<String> OWN = List.of("time_zone", "character_set_client", "character_set_connection",
            "character_set_results", "collation_connection", "sql_select_limit", "max_statement_time", "max_execution_time",
            "tx_read_only", "transaction_read_only");

    /** What may set them. */
    private static final Pattern OWN_WORDS = Pattern.compile("\\b(NAMES|CHARSET|CHARACTER|CHARACTER_SET_CLIENT"
            + "|CHARACTER_SET_CONNECTION|CHARACTER_SET_RESULTS|COLLATION_CONNECTION|TIME_ZONE|SQL_SELECT_LIMIT"
            + "|MAX_STATEMENT_TIME|MAX_EXECUTION_TIME|TX_READ_ONLY|TRANSACTION_READ_ONLY)\\b|\\bREAD\\s+ONLY\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> NEVER = Set.of("timestamp", "rand_seed1", "rand_seed2", "insert_id", "last_insert_id",
            "identity", "pseudo_thread_id", "gtid_seq_no", "autocommit", "character_set_database", "collation_database");

    private static final String SETTABLE = "SELECT LOWER(VARIABLE_NAME), SESSION_VALUE FROM information_schema.SYSTEM_VARIABLES"
            + " WHERE VARIABLE_SCOPE <> 'GLOBAL' AND READ_ONLY = 'NO' LIMIT 100000"; // a LIMIT, as a script's sql_select_limit holds

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** {@link #ALWAYS} and the server's {@link #OWN}, with their values as captured. */
    private final List<String> names;
    private final List<Object> values;
    private final List<String> own;
    private final List<Object> ownValues;
    /** MariaDB: every settable session variable's value as captured; null on MySQL. */
    private final Map<String, String> settable;
    private final String database;

    private MySqlSessionState(List<String> names, List<Object> values, Map<String, String> settable, String database) {
        this.names = names;
        this.values = values;
        this.own = names.subList(ALWAYS.size(), names.size());
        this.ownValues = values.subList(ALWAYS.size(), values.size());
        this.settable = settable;
        this.database = database;
    }

    static MySqlSessionState capture(Connection connection) throws SQLException {
        Map<String, String> settable;
        java.util.Collection<String> present;
        try {
            settable = settable(connection);
            present = settable.keySet(); // MariaDB lists its own among them
        } catch (SQLException mysql) {
            if (mysql.getErrorCode() != UNKNOWN_TABLE) {
                throw mysql;
            }
            settable = null; // MySQL: no such table
            present = CatalogQuery.column(connection, "SHOW SESSION VARIABLES WHERE Variable_name IN ("
                    + String.join(", ", OWN.stream().map(n -> "'" + n + "'").toList()) + ")").stream()
                    .map(n -> n.toLowerCase(Locale.ROOT)).toList();
        }
        List<String> names = new ArrayList<>(ALWAYS);
        OWN.stream().filter(present::contains).forEach(names::add);
        return new MySqlSessionState(names, read(connection, names), settable, connection.getCatalog());
    }

    /** ER_UNKNOWN_TABLE: "Unknown table 'SYSTEM_VARIABLES' in information_schema". */
    private static final int UNKNOWN_TABLE = 1109;

    /** The session's values of {@code names}, typed as the server gives them. */
    private static List<Object> read(Connection c, List<String> names) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + String.join(", ", names.stream().map(n -> "@@SESSION." + n).toList()))) {
            rs.next();
            for (int i = 1; i <= names.size(); i++) {
                out.add(rs.getObject(i));
            }
        }
        return out;
    }

    /** Every settable session variable and its value (MariaDB). */
    private static Map<String, String> settable(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SETTABLE)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public void restore(Connection c) throws SQLException {
        set(c, names, values);
        if (settable != null) {
            List<String> differing = new ArrayList<>();
            List<Object> was = new ArrayList<>();
            for (Map.Entry<String, String> e : settable(c).entrySet()) {
                String name = e.getKey();
                if (settable.containsKey(name) && !Objects.equals(e.getValue(), settable.get(name))
                        && !NEVER.contains(name) && !names.contains(name)) {
                    differing.add(name);
                    String value = settable.get(name);
                    was.add(value == null ? null : NUMBER.matcher(value).matches() ? new BigDecimal(value) : value);
                }
            }
            if (!differing.isEmpty()) {
                try {
                    set(c, differing, was);
                } catch (SQLException e) {
                    throw new SQLException("cannot set back the session's " + String.join(", ", differing)
                            + " after the migration changed them: " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        // a USE in the migration: the next one made its tables in that database (measured from the CLI)
        if (database != null) {
            String now;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
                rs.next();
                now = rs.getString(1);
            }
            if (!database.equals(now)) {
                c.setCatalog(database);
            }
        }
    }

    /**
     * By name: the server lists no session's temporary tables (MariaDB 10.11, MySQL 8), nor its user variables (MariaDB
     * only through a plugin), which {@link #keep} sets back by name too.
     */
    @Override
    public void dropSessionObjects(Connection c, Named named) throws SQLException {
        if (!named.temporaryTables().isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TEMPORARY TABLE IF EXISTS " + String.join(", ", named.temporaryTables()));
            }
        }
    }

    /**
     * The user variables {@code named} names, as they are now (NULL: one the session never set, which a new session
     * reads as NULL too), set back where they differ; typed as read (a number stays a number).
     */
    static Database.Undo keep(Connection connection, Named named) throws SQLException {
        List<String> names = named.userVariables();
        if (names.isEmpty()) {
            return Database.Undo.NOTHING;
        }
        List<String> quoted = names.stream().map(v -> "@`" + v.replace("`", "``") + "`").toList();
        List<Object> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(", ", quoted))) {
            rs.next();
            for (int i = 1; i <= quoted.size(); i++) {
                values.add(rs.getObject(i));
            }
        }
        return c -> assign(c, "SET ", quoted, values);
    }

    @Override
    public Pattern ownWriteWords() {
        return OWN_WORDS;
    }

    /** The run's {@link #OWN} settings, where the script changed them: session settings, kept by no commit. */
    @Override
    public Database.Undo forOwnWrite(Connection c) throws SQLException {
        List<Object> now = read(c, own);
        if (now.equals(ownValues)) {
            return Database.Undo.NOTHING;
        }
        set(c, own, ownValues);
        return back -> set(back, own, now);
    }

    /** Sets the session's {@code names} to {@code values}, in one statement. */
    private static void set(Connection c, List<String> names, List<Object> values) throws SQLException {
        assign(c, "SET SESSION ", names, values);
    }

    /** {@code set} followed by each of {@code targets} given its value of {@code values}, in one statement. */
    private static void assign(Connection c, String set, List<String> targets, List<Object> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(set
                + String.join(", ", targets.stream().map(n -> n + " = ?").toList()))) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, values.get(i));
                }
            }
            ps.execute();
        }
    }
}
