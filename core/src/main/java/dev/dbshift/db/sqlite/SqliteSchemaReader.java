package dev.dbshift.db.sqlite;

import dev.dbshift.schema.CatalogRuns;
import dev.dbshift.schema.CatalogText;
import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.schema.TableBuilder;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.schema.Trigger;
import dev.dbshift.schema.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a SQLite schema from {@code sqlite_master} joined with the table-valued pragmas
 * ({@code pragma_table_xinfo}, {@code pragma_index_list}, {@code pragma_index_xinfo},
 * {@code pragma_foreign_key_list}): one query per kind of object. What the pragmas do not tell
 * (checks, generated expressions, collations, AUTOINCREMENT) comes from the stored CREATE text
 * through {@link SqliteSchemaText}. SQLite keeps no names for foreign keys and unique constraints;
 * they read as null.
 */
public final class SqliteSchemaReader implements SchemaReader {

    public SqliteSchemaReader() {
    }

    @Override
    public SchemaModel read(Connection c, String schema, TableFilter filter) throws SQLException {
        String db = schema == null || schema.isBlank() ? "main" : schema;
        String master = "\"" + db.replace("\"", "\"\"") + "\".sqlite_master";
        TableBuilder.ByName tables = new TableBuilder.ByName();
        Map<String, String> tableSql = new LinkedHashMap<>();
        List<View> views = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        // triggers of one table, timing and event fire last made first; made again in another order, they fire so
        Map<String, String> lastMade = new java.util.HashMap<>();
        try (ResultSet rs = query(c, "select type, name, tbl_name, sql from " + master
                + " where name not like 'sqlite\\_%' escape '\\' order by rowid")) {
            while (rs.next()) {
                String name = rs.getString(2);
                switch (rs.getString(1)) {
                    case "table":
                        if (filter.includes(name)) {
                            tables.add(name);
                            tableSql.put(name, rs.getString(4));
                            tables.get(name).persistence(SqliteSchemaText.tableOptions(rs.getString(4)));
                        }
                        break;
                    case "view":
                        views.add(new View(name, CatalogText.tidy(SqliteSchemaText.viewQuery(rs.getString(4))), false));
                        break;
                    case "trigger":
                        if (filter.includes(rs.getString(3))) {
                            String fires = SqliteSchemaText.triggerFires(rs.getString(4));
                            String after = fires == null ? null : lastMade.put(rs.getString(3) + "\u0000" + fires, name);
                            triggers.add(new Trigger(name, rs.getString(3), CatalogText.tidy(rs.getString(4)), null, after));
                        }
                        break;
                    default:
                        // indexes below
                }
            }
        }
        Map<String, Map<String, String>> columnItems = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tableSql.entrySet()) {
            Map<String, String> items = new LinkedHashMap<>();
            for (String item : SqliteSchemaText.items(e.getValue())) {
                if (SqliteSchemaText.isTableConstraint(item)) {
                    for (SqliteSchemaText.CheckText check : SqliteSchemaText.checks(item)) {
                        tables.get(e.getKey()).check(new Check(check.name(), check.expression()));
                    }
                } else {
                    items.put(SqliteSchemaText.unquote(SqliteSchemaText.firstToken(item)).toLowerCase(Locale.ROOT), item);
                }
            }
            columnItems.put(e.getKey(), items);
        }
        Map<String, TreeMap<Integer, String>> pks = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden from " + master
                + " m join pragma_table_xinfo(m.name, '" + db.replace("'", "''") + "') p"
                + " where m.type = 'table' order by m.name, p.cid")) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String column = rs.getString(2);
                String item = columnItems.get(t.name()).getOrDefault(column.toLowerCase(Locale.ROOT), "");
                for (SqliteSchemaText.CheckText check : SqliteSchemaText.checks(item)) {
                    t.check(new Check(check.name(), check.expression()));
                }
                int hidden = rs.getInt(7);
                String[] generated = hidden == 2 || hidden == 3 ? SqliteSchemaText.generated(item) : null;
                int pk = rs.getInt(6);
                if (pk > 0) {
                    pks.computeIfAbsent(t.name(), k -> new TreeMap<>()).put(pk, column);
                }
                t.column(new Column(column, type(rs.getString(3)), rs.getInt(4) == 0 && pk == 0, rs.getString(5),
                        generated == null ? null : new Column.Generated(generated[0], generated[1].equals("stored")),
                        pk > 0 && SqliteSchemaText.autoincrement(tableSql.get(t.name())) ? Column.Identity.BY_DEFAULT : null,
                        SqliteSchemaText.collation(item)));
            }
        }
        pks.forEach((table, columns) -> tables.get(table).primaryKey(new PrimaryKey(null, new ArrayList<>(columns.values()))));
        indexes(c, master, db, tables, columnItems);
        foreignKeys(c, master, db, tables, pks);
        return new SchemaModel(tables.build(), views, List.of(), triggers, List.of(), List.of());
    }

    private void indexes(Connection c, String master, String db, TableBuilder.ByName tables,
                         Map<String, Map<String, String>> columnItems) throws SQLException {
        String dbLiteral = "'" + db.replace("'", "''") + "'";
        try (ResultSet rs = query(c, "select m.name, il.name, il.\"unique\", il.origin, il.partial, ix.cid, ix.name, ix.\"desc\", s.sql,"
                + " ix.coll"
                + " from " + master + " m join pragma_index_list(m.name, " + dbLiteral + ") il"
                + " join pragma_index_xinfo(il.name, " + dbLiteral + ") ix"
                + " left join " + master + " s on s.type = 'index' and s.name = il.name"
                + " where m.type = 'table' and ix.key = 1 and il.origin <> 'pk' order by m.name, il.name, ix.seqno")) {
            CatalogRuns.forEach(rs, r -> List.of(r.getString(1), r.getString(2)),
                    r -> new IndexRow(r.getInt(3) == 1, r.getString(9), r.getInt(8) == 1, r.getInt(6) == -2, r.getString(7),
                            r.getString(10)),
                    (key, rows) -> {
                        List<Index.Part> parts = new ArrayList<>();
                        for (IndexRow r : rows) {
                            // a key collates as its column does unless the index says otherwise (name COLLATE NOCASE)
                            String columnCollation = r.expression() ? null : SqliteSchemaText.collation(
                                    columnItems.getOrDefault(key.get(0), Map.of()).getOrDefault(r.column().toLowerCase(Locale.ROOT), ""));
                            String collation = r.expression() || r.collation() == null
                                    || r.collation().equalsIgnoreCase(columnCollation == null ? "BINARY" : columnCollation) ? null : r.collation();
                            parts.add(r.expression()
                                    ? new Index.Part(null, SqliteSchemaText.indexExpressions(r.sql()).get(parts.size()), r.descending(), null)
                                    : new Index.Part(r.column(), null, r.descending(), null, null, collation));
                        }
                        TableBuilder t = tables.get(key.get(0));
                        if (t != null) {
                            IndexRow last = rows.get(rows.size() - 1);
                            boolean auto = key.get(1).startsWith("sqlite_autoindex_");
                            t.index(new Index(auto ? null : key.get(1), last.unique(), parts,
                                    last.sql() == null ? null : SqliteSchemaText.indexPredicate(last.sql()), null));
                        }
                    });
        }
    }

    private void foreignKeys(Connection c, String master, String db, TableBuilder.ByName tables,
                             Map<String, TreeMap<Integer, String>> pks) throws SQLException {
        try (ResultSet rs = query(c, "select m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete"
                + " from " + master + " m join pragma_foreign_key_list(m.name, '" + db.replace("'", "''") + "') f"
                + " where m.type = 'table' order by m.name, f.id, f.seq")) {
            CatalogRuns.forEach(rs, r -> List.of(r.getString(1), r.getInt(2)),
                    r -> new String[]{r.getString(1), r.getString(3), r.getString(6), r.getString(7), r.getString(4), r.getString(5)},
                    (key, rows) -> {
                        String[] head = rows.get(rows.size() - 1);
                        TableBuilder t = tables.get(head[0]);
                        if (t == null) {
                            return;
                        }
                        List<String> from = rows.stream().map(r -> r[4]).collect(Collectors.toList());
                        List<String> to = rows.stream().map(r -> r[5]).collect(Collectors.toList());
                        if (to.stream().allMatch(java.util.Objects::isNull) && pks.containsKey(head[1])) {
                            to = new ArrayList<>(pks.get(head[1]).values());
                        }
                        t.foreignKey(new ForeignKey(null, from, head[1], to, head[2], head[3]));
                    });
        }
    }

    /** SQLite keeps the declared type as written; the canonical type is it in lower case with single spaces. */
    static String type(String declared) {
        String t = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")");
        return t.replaceFirst("^character varying", "varchar").replaceFirst("^double precision$", "double");
    }

    /** One row of pragma_index_xinfo: one column (or expression, by position) of an index. */
    private record IndexRow(boolean unique, String sql, boolean descending, boolean expression, String column, String collation) {
    }

    private static ResultSet query(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        return ps.executeQuery();
    }
}
