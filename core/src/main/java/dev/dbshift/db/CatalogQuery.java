package dev.dbshift.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** One question with string parameters and a one-value answer, for the vendors' answers ({@link Database#presence}, the current schema, a lock). */
public final class CatalogQuery {
    private CatalogQuery() {
    }

    /** The first column of the first row of {@code sql}, or empty when there is no row. */
    public static Optional<String> first(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> rs.next() ? Optional.of(String.valueOf(rs.getString(1))) : Optional.empty());
    }

    /** The first column of the first row of {@code sql}; empty when there is no row or the value is NULL. */
    public static Optional<String> value(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty());
    }

    /** The rows of {@code sql} as a map of its first column (lower case) to its second (a number; NULL skipped). */
    public static java.util.Map<String, Long> counts(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                long n = rs.getLong(2);
                if (!rs.wasNull()) {
                    out.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), n);
                }
            }
            return out;
        });
    }

    /** The rows of a two-column query as lower-cased first column -> its second columns joined by ", " (in order). */
    public static java.util.Map<String, String> lists(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                out.merge(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2), (a, b) -> a + ", " + b);
            }
            return out;
        });
    }

    /**
     * The rows of a two-column query as first column (as the server spells it) -> its second columns in order, NULLs
     * left out (a key whose values are all NULL maps to an empty list).
     */
    public static java.util.Map<String, java.util.List<String>> grouped(Connection connection, String sql, String... parameters)
            throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                java.util.List<String> values = out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>());
                if (rs.getString(2) != null) {
                    values.add(rs.getString(2));
                }
            }
            return out;
        });
    }

    /** The first column of every row of {@code sql}, in order, as the server spells it. */
    public static java.util.List<String> column(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    /** Every row of {@code sql}, in order, each column as the server spells it. */
    public static java.util.List<String[]> rows(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.List<String[]> out = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
            return out;
        });
    }

    /** The rows of a two-column query as first column -> second, each as the server spells it (a later row wins). */
    public static java.util.Map<String, String> pairs(Connection connection, String sql, String... parameters) throws SQLException {
        return ask(connection, sql, parameters, rs -> {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    private interface Answer<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T ask(Connection connection, String sql, String[] parameters, Answer<T> answer) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return answer.read(rs);
            }
        }
    }

    /** PRESENT when {@code sql} returns a row, else ABSENT. */
    public static Optional<Database.Presence> presence(Connection connection, String sql, String... parameters) throws SQLException {
        return Optional.of(first(connection, sql, parameters).isPresent() ? Database.Presence.PRESENT : Database.Presence.ABSENT);
    }

    /** A name as written, without its quotes ({@code "a""b"} is {@code a"b}); null stays null. */
    public static String unquote(String name) {
        if (name == null || name.length() < 2) {
            return name;
        }
        char q = name.charAt(0);
        char close = q == '[' ? ']' : q;
        if ((q == '"' || q == '`' || q == '[') && name.charAt(name.length() - 1) == close) {
            String inner = name.substring(1, name.length() - 1);
            return q == '[' ? inner : inner.replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return name;
    }

    /** A name as the server stores it: a quoted one without its quotes, a bare one folded to upper or lower case. */
    public static String folded(String name, boolean upperCase) {
        if (name == null || quoted(name)) {
            return unquote(name);
        }
        return upperCase ? name.toUpperCase(java.util.Locale.ROOT) : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the name was written in quotes. */
    public static boolean quoted(String name) {
        return name != null && !name.isEmpty() && (name.charAt(0) == '"' || name.charAt(0) == '`' || name.charAt(0) == '[');
    }
}
