package dev.dbshift.db.postgres;

import dev.dbshift.db.DdlLocks;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;
import dev.dbshift.sql.StatementWords;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's {@code lock_timeout} for safe DDL. A lock timeout is SQLState {@code 55P03} (lock_not_available).
 * The tables a statement locks are read from its words (after {@code TABLE}, {@code ON}, {@code REFERENCES},
 * {@code INTO} and {@code FROM}); a word that names no table ({@code ON DELETE}) resolves to nothing through
 * {@code to_regclass}, so guessing wide costs nothing. The holders come from {@code pg_locks} joined with
 * {@code pg_stat_activity}: any granted lock on the table conflicts with the ACCESS EXCLUSIVE most DDL needs.
 */
public final class PostgresDdlLocks implements DdlLocks {
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Words after which a table name follows. */
    private static final Set<String> BEFORE_TABLE = Set.of("TABLE", "ON", "REFERENCES", "INTO", "FROM", "TRUNCATE");
    private static final Set<String> SKIP = Set.of("IF", "EXISTS", "ONLY", "NOT", "TABLE");

    @Override
    public boolean appliesTo(SqlStatement statement) {
        if (statement.kind() != StatementKind.DDL) {
            return false;
        }
        List<String> words = StatementWords.of(statement.sql(), PostgresScriptDialect.lexicalRules(), 6);
        return !words.contains("CONCURRENTLY");
    }

    @Override
    public void limit(Connection connection, Duration timeout) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
        }
    }

    @Override
    public void unlimit(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("RESET lock_timeout");
        }
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> blockers(Connection connection, SqlStatement statement) throws SQLException {
        List<String> names = tables(statement);
        if (names.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT DISTINCT a.pid, coalesce(a.state, '?'), to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS'),"
                + " c.relname, left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 100)"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = l.relation"
                + " WHERE l.granted AND l.pid <> pg_backend_pid()"
                + " AND l.relation IN (SELECT to_regclass(n) FROM unnest(?::text[]) AS n) ORDER BY 1";
        List<String> out = new ArrayList<>();
        Array array = connection.createArrayOf("text", names.toArray());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", transaction since " + rs.getString(3)
                            + ") holds a lock on " + rs.getString(4) + ": " + rs.getString(5));
                }
            }
        }
        return out;
    }

    /** The names after the words that precede table names, as written (quotes kept, schema-qualified as one). */
    static List<String> tables(SqlStatement statement) {
        List<String> words = StatementWords.ofKeepingCase(statement.sql(), PostgresScriptDialect.lexicalRules(), 400);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            if (!BEFORE_TABLE.contains(words.get(i).toUpperCase(java.util.Locale.ROOT))) {
                continue;
            }
            int j = i + 1;
            while (j < words.size() && SKIP.contains(words.get(j).toUpperCase(java.util.Locale.ROOT))) {
                j++;
            }
            StringBuilder name = new StringBuilder();
            while (j < words.size()) {
                String w = words.get(j);
                if (!isName(w)) {
                    break;
                }
                name.append(w);
                if (j + 2 < words.size() && words.get(j + 1).equals(".")) {
                    name.append('.');
                    j += 2;
                } else {
                    break;
                }
            }
            if (!name.isEmpty() && !name.toString().endsWith(".")) {
                out.add(name.toString());
            }
        }
        return List.copyOf(out);
    }

    private static boolean isName(String w) {
        if (w.startsWith("\"")) {
            return w.endsWith("\"") && w.length() > 1;
        }
        return !w.isEmpty() && (Character.isLetter(w.charAt(0)) || w.charAt(0) == '_')
                && w.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }
}
