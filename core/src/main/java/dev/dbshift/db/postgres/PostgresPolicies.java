package dev.dbshift.db.postgres;

import dev.dbshift.schema.Policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Row security policies read from {@code pg_policy} and written back as {@code CREATE POLICY}: one reading and one
 * spelling for the schema reader and the DDL writer (drift and its diff) and for the online engine's shadow, which
 * must get the table's policies exactly.
 */
public final class PostgresPolicies {
    private PostgresPolicies() {
    }

    /**
     * The policies of the tables of {@code schema} ({@code table}: of that table alone), by table. Expressions are as
     * {@code pg_get_expr} prints them for {@code c}'s search path; roles as their names, {@code public} for every role.
     */
    public static Map<String, List<Policy>> read(Connection c, String schema, String table) throws SQLException {
        Map<String, List<Policy>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select c.relname, p.polname, p.polpermissive,"
                + " case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end,"
                + " case when p.polroles = '{0}' then array['public']::text[]"
                + "   else array(select r.rolname::text from pg_roles r where r.oid = any(p.polroles)) end,"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and (c.relname = ? or ?::text is null)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Policy(rs.getString(2), rs.getBoolean(3),
                            rs.getString(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** {@code CREATE POLICY} of {@code policy} on {@code quotedTable}, every clause written out; names through {@code quote}. */
    public static String create(Policy policy, String quotedTable, UnaryOperator<String> quote) {
        return "CREATE POLICY " + quote.apply(policy.name()) + " ON " + quotedTable
                + (policy.permissive() ? " AS PERMISSIVE" : " AS RESTRICTIVE") + " FOR " + policy.command()
                + " TO " + policy.roles().stream().map(r -> r.equals("public") ? "PUBLIC" : quote.apply(r))
                .collect(Collectors.joining(", "))
                + (policy.using() == null ? "" : " USING (" + policy.using() + ")")
                + (policy.withCheck() == null ? "" : " WITH CHECK (" + policy.withCheck() + ")");
    }
}
