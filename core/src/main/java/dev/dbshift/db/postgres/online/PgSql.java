package dev.dbshift.db.postgres.online;

import dev.dbshift.online.EngineSql;
import dev.dbshift.online.KeyRange;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SQL text and its execution for the PostgreSQL engine: identifiers quoted, key tuples bound as
 * parameters cast to the key columns' own types ({@code CAST(? AS uuid)}), so a key of any type compares
 * with its index, and the retry of an engine transaction that lost a lock conflict.
 */
final class PgSql {

    /** lock_not_available (lock_timeout, NOWAIT), deadlock_detected, serialization_failure. */
    private static final Set<String> LOCK_CONFLICTS = Set.of("55P03", "40P01", "40001");

    private static final String UNIQUE_VIOLATION = "23505";
    /** A race is over within a few tries; a unique violation that persists is a real duplicate. */
    private static final int RACE_TRIES = 10;

    /** A statement with its parameters in order. */
    record Sql(String text, List<Object> params) {
        static Sql of(String text) {
            return new Sql(text, List.of());
        }
    }

    private PgSql() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The name a possibly double-quoted identifier stands for: {@code "A""b"} is {@code A"b}; an unquoted one in lower case. */
    static String unquote(String written) {
        return written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")
                ? written.substring(1, written.length() - 1).replace("\"\"", "\"") : written.toLowerCase(java.util.Locale.ROOT);
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String columns(List<String> names, String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(prefix + quote(n));
        }
        return String.join(", ", out);
    }

    /** {@code (a, b)}: a key as one row value, so composite keys compare in index order. */
    static String tuple(List<String> key, String prefix) {
        return "(" + columns(key, prefix) + ")";
    }

    /** {@code (CAST(? AS t1), CAST(? AS t2))} for one key's values. */
    static String params(List<String> types) {
        List<String> out = new ArrayList<>();
        for (String t : types) {
            out.add("CAST(? AS " + t + ")");
        }
        return "(" + String.join(", ", out) + ")";
    }

    /** The condition of a key range {@code (after, upTo]}, TRUE for the whole table. */
    static Sql range(List<String> key, List<String> types, KeyRange range, String prefix) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (range.after() != null) {
            parts.add(tuple(key, prefix) + " > " + params(types));
            params.addAll(range.after());
        }
        if (range.upTo() != null) {
            parts.add(tuple(key, prefix) + " <= " + params(types));
            params.addAll(range.upTo());
        }
        return new Sql(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    /** {@code (k) IN ((?), (?), ...)} for a list of keys. */
    static Sql keyIn(List<String> key, List<String> types, List<List<Object>> keys) {
        List<String> items = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (List<Object> k : keys) {
            items.add(params(types));
            params.addAll(k);
        }
        return new Sql(tuple(key, "") + " IN (" + String.join(", ", items) + ")", params);
    }

    static void execute(Connection c, String sql) throws SQLException {
        EngineSql.execute(c, sql);
    }

    static int update(Connection c, Sql s) throws SQLException {
        return EngineSql.update(c, s.text(), s.params());
    }

    static List<List<Object>> rows(Connection c, Sql s, int columns) throws SQLException {
        return EngineSql.rows(c, s.text(), s.params(), columns);
    }

    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows(c, new Sql(sql, List.of(params)), 1)) {
            out.add(r.get(0) == null ? null : r.get(0).toString());
        }
        return out;
    }

    /**
     * Runs one engine transaction once, trying it again only for the sync phase's insert race (see
     * {@link #retrying(Connection, int, boolean, EngineSql.Work)}); false when it lost a lock conflict (rolled back).
     */
    static boolean unlessLocked(Connection c, EngineSql.Work<?> work) throws SQLException {
        try {
            EngineSql.retrying(c, (e, attempt) -> UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < RACE_TRIES, work);
            return true;
        } catch (SQLException e) {
            if (isLockConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    static boolean isLockConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_CONFLICTS.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs one engine transaction, committing it; when it lost a lock conflict (the engine's sessions
     * wait for a lock only briefly, {@code lock_timeout}), rolls it back and runs it again after a pause.
     */
    static <T> T retrying(Connection c, int attempts, EngineSql.Work<T> work) throws SQLException {
        return retrying(c, attempts, false, work);
    }

    /**
     * As {@link #retrying(Connection, int, Work)}; with {@code raced} a unique violation is tried again
     * too: in the sync phase an application write may insert a key into the shadow (through its trigger)
     * between the engine's delete and its re-insert of that key; the next try sees the write and agrees.
     */
    static <T> T retrying(Connection c, int attempts, boolean raced, EngineSql.Work<T> work) throws SQLException {
        return EngineSql.retrying(c, (e, attempt) -> attempt < attempts && (isLockConflict(e)
                || raced && UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < RACE_TRIES), work);
    }
}
