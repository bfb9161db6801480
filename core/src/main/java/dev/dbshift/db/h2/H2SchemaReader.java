package dev.dbshift.db.h2;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.CatalogText;
import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.schema.Sequence;
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
import java.util.regex.Pattern;

/**
 * Reads an H2 2.x schema from its {@code INFORMATION_SCHEMA}, one query per kind of object. H2
 * names unnamed constraints and their indexes with counters ({@code CONSTRAINT_8A}, {@code
 * CONSTRAINT_INDEX_8}) that depend on creation order, so generated names read as null and the
 * indexes H2 made for constraints are left out (the constraint is in the model instead).
 */
public final class H2SchemaReader implements SchemaReader {
    private static final Pattern GENERATED_NAME = Pattern.compile("CONSTRAINT_[0-9A-F]+(_\\d+)?");

    public H2SchemaReader() {
    }

    @Override
    public SchemaModel read(Connection c, String requested, TableFilter filter) throws SQLException {
        String schema = schemaName(c, requested);
        TableBuilder.ByName tables = new TableBuilder.ByName();
        List<View> views = new ArrayList<>();
        // INFORMATION_SCHEMA tables apart, never joined: H2 joins two of them by scanning one per row of the other
        // (TABLE_CONSTRAINTS with CHECK_CONSTRAINTS: 2.1 s at 10,000 tables, 13 ms apart)
        Map<String, String> viewBodies = CatalogQuery.pairs(c,
                "select TABLE_NAME, VIEW_DEFINITION from INFORMATION_SCHEMA.VIEWS where TABLE_SCHEMA = ?", schema);
        Map<String, String> comments = new java.util.HashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, TABLE_TYPE, REMARKS from INFORMATION_SCHEMA.TABLES"
                + " where TABLE_SCHEMA = ? order by TABLE_NAME", schema)) {
            while (rs.next()) {
                if (rs.getString(2).equals("BASE TABLE") && filter.includes(rs.getString(1))) {
                    tables.add(rs.getString(1));
                    if (rs.getString(3) != null && !rs.getString(3).isEmpty()) {
                        comments.put(SchemaModel.commentKey(rs.getString(1), null), rs.getString(3));
                    }
                } else if (rs.getString(2).equals("VIEW")) {
                    views.add(new View(rs.getString(1), unqualify(CatalogText.tidy(viewBodies.get(rs.getString(1))), schema), false));
                }
            }
        }
        // ENUM columns: their values, spelled like MySQL's enum('a','b'), keyed by table and type identifier
        Map<String, StringBuilder> enums = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select OBJECT_NAME, ENUM_IDENTIFIER, VALUE_NAME from INFORMATION_SCHEMA.ENUM_VALUES"
                + " where OBJECT_SCHEMA = ? and OBJECT_TYPE = 'TABLE' order by OBJECT_NAME, ENUM_IDENTIFIER, VALUE_ORDINAL", schema)) {
            while (rs.next()) {
                StringBuilder b = enums.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new StringBuilder());
                b.append(b.length() == 0 ? "enum(" : ",").append('\'').append(rs.getString(3).replace("'", "''")).append('\'');
            }
        }
        // array columns (table.type identifier): their element type is read after, only when there is one
        java.util.Set<String> arrays = new java.util.HashSet<>();
        List<PendingColumn> columns = new ArrayList<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, DECLARED_NUMERIC_PRECISION,"
                + " DECLARED_NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, IS_GENERATED,"
                + " GENERATION_EXPRESSION, COLLATION_NAME, DTD_IDENTIFIER, IDENTITY_GENERATION, IS_VISIBLE, MAXIMUM_CARDINALITY,"
                + " REMARKS from INFORMATION_SCHEMA.COLUMNS"
                + " where TABLE_SCHEMA = ?"
                + " order by TABLE_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String collation = rs.getString(13);
                boolean generated = "ALWAYS".equals(rs.getString(11));
                if (rs.getString(18) != null && !rs.getString(18).isEmpty()) {
                    comments.put(SchemaModel.commentKey(rs.getString(1), rs.getString(2)), rs.getString(18));
                }
                StringBuilder enumType = enums.get(rs.getString(1) + "." + rs.getString(14));
                String type = enumType != null ? enumType + ")" : type(rs.getString(3), (Long) rs.getObject(4, Long.class),
                        rs.getObject(5, Integer.class), rs.getObject(6, Integer.class), rs.getObject(7, Integer.class));
                if (type.equals("array")) {
                    arrays.add(rs.getString(1) + "." + rs.getString(14));
                    // the largest cardinality where one was set ({@code varchar(20) array[3]}); the element type below
                    Long cardinality = rs.getObject(17, Long.class);
                    type = cardinality == null || cardinality == H2_MAX_CARDINALITY ? type : type + "[" + cardinality + "]";
                }
                columns.add(new PendingColumn(t, new Column(rs.getString(2), type,
                        "YES".equals(rs.getString(8)), rs.getString(9),
                        generated ? new Column.Generated(rs.getString(12), false) : null,
                        !"YES".equals(rs.getString(10)) ? null
                                : "ALWAYS".equals(rs.getString(15)) ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT,
                        collation == null || collation.equals("OFF") ? null : collation, !rs.getBoolean(16)),
                        rs.getString(1) + "." + rs.getString(14)));
            }
        }
        Map<String, String> elements = arrays.isEmpty() ? Map.of() : arrayTypes(c, schema);
        for (PendingColumn p : columns) {
            String type = p.column().type();
            p.table().column(type.startsWith("array") && elements.containsKey(p.key())
                    ? p.column().withType(elements.get(p.key()) + " " + type) : p.column());
        }
        Map<String, List<String[]>> indexColumns = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, INDEX_NAME, COLUMN_NAME, ORDERING_SPECIFICATION from INFORMATION_SCHEMA.INDEX_COLUMNS"
                + " where TABLE_SCHEMA = ? order by TABLE_NAME, INDEX_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                indexColumns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>())
                        .add(new String[]{rs.getString(3), rs.getString(4)});
            }
        }
        try (ResultSet rs = query(c, "select TABLE_NAME, INDEX_NAME, INDEX_TYPE_NAME from INFORMATION_SCHEMA.INDEXES"
                + " where TABLE_SCHEMA = ? and IS_GENERATED = FALSE", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t != null) {
                    t.index(new Index(rs.getString(2), rs.getString(3).startsWith("UNIQUE"),
                            parts(indexColumns.get(rs.getString(1) + "." + rs.getString(2))), null, null));
                }
            }
        }
        Map<String, List<String>> keyColumns = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME from INFORMATION_SCHEMA.KEY_COLUMN_USAGE"
                + " where TABLE_SCHEMA = ? order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                keyColumns.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        // a constraint lives in its table's schema
        Map<String, String> checkClauses = CatalogQuery.pairs(c,
                "select CONSTRAINT_NAME, CHECK_CLAUSE from INFORMATION_SCHEMA.CHECK_CONSTRAINTS where CONSTRAINT_SCHEMA = ?", schema);
        Map<String, String> constraintTables = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE, INDEX_NAME"
                + " from INFORMATION_SCHEMA.TABLE_CONSTRAINTS where TABLE_SCHEMA = ?", schema)) {
            while (rs.next()) {
                constraintTables.put(rs.getString(2), rs.getString(1));
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String name = rs.getString(2);
                switch (rs.getString(3)) {
                    case "PRIMARY KEY":
                        t.primaryKey(new PrimaryKey(named(name), keyColumns.getOrDefault(name, List.of())));
                        break;
                    case "UNIQUE":
                        t.index(new Index(named(name), true, parts(indexColumns.get(rs.getString(1) + "." + rs.getString(4))), null, null));
                        break;
                    case "CHECK":
                        t.check(new Check(named(name), CatalogText.tidy(checkClauses.get(name))));
                        break;
                    default:
                        // foreign keys below
                }
            }
        }
        try (ResultSet rs = query(c, "select CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
                + " from INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS where CONSTRAINT_SCHEMA = ?", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(constraintTables.get(rs.getString(1)));
                if (t != null) {
                    t.foreignKey(new ForeignKey(named(rs.getString(1)), keyColumns.getOrDefault(rs.getString(1), List.of()),
                            constraintTables.get(rs.getString(2)), keyColumns.getOrDefault(rs.getString(2), List.of()),
                            rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Sequence> sequences = new ArrayList<>();
        try (ResultSet rs = query(c, "select SEQUENCE_NAME, DATA_TYPE, START_VALUE, INCREMENT, MINIMUM_VALUE, MAXIMUM_VALUE, CYCLE_OPTION"
                + " from INFORMATION_SCHEMA.SEQUENCES where SEQUENCE_SCHEMA = ?", schema)) {
            while (rs.next()) {
                sequences.add(new Sequence(rs.getString(1), type(rs.getString(2), null, null, null, null), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), "YES".equals(rs.getString(7))));
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        try (ResultSet rs = query(c, "select TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORIENTATION, JAVA_CLASS"
                + " from INFORMATION_SCHEMA.TRIGGERS where TRIGGER_SCHEMA = ?", schema)) {
            while (rs.next()) {
                if (filter.includes(rs.getString(2))) {
                    triggers.add(new Trigger(rs.getString(1), rs.getString(2), "CREATE TRIGGER " + quote(rs.getString(1))
                            + " " + rs.getString(3) + " " + rs.getString(4) + " ON " + quote(rs.getString(2))
                            + " FOR EACH " + rs.getString(5) + " CALL '" + rs.getString(6) + "'"));
                }
            }
        }
        Map<String, Routine> routines = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, EXTERNAL_NAME"
                + " from INFORMATION_SCHEMA.ROUTINES where ROUTINE_SCHEMA = ?", schema)) {
            while (rs.next()) {
                String def = rs.getString(3) != null
                        ? "CREATE ALIAS " + quote(rs.getString(1)) + " AS $$" + rs.getString(3) + "$$"
                        : "CREATE ALIAS " + quote(rs.getString(1)) + " FOR '" + rs.getString(4) + "'";
                routines.putIfAbsent(rs.getString(1), new Routine(rs.getString(1),
                        rs.getString(2).toLowerCase(Locale.ROOT), def));
            }
        }
        return new SchemaModel(tables.build(), views, sequences, triggers, new ArrayList<>(routines.values()), List.of(),
                List.of(), List.of(), List.of(), List.of(), comments);
    }

    /** The schema as H2 spells it: {@code public} finds {@code PUBLIC} unless a schema is named exactly {@code public}. */
    private static String schemaName(Connection c, String requested) throws SQLException {
        String found = null;
        try (ResultSet rs = query(c, "select SCHEMA_NAME from INFORMATION_SCHEMA.SCHEMATA where upper(SCHEMA_NAME) = upper(?)", requested)) {
            while (rs.next()) {
                if (rs.getString(1).equals(requested) || found == null) {
                    found = rs.getString(1);
                }
            }
        }
        if (found == null) {
            throw new SQLException("schema " + requested + " does not exist", "90079");
        }
        return found;
    }

    private static List<Index.Part> parts(List<String[]> columns) {
        List<Index.Part> parts = new ArrayList<>();
        for (String[] col : columns == null ? List.<String[]>of() : columns) {
            parts.add(new Index.Part(col[0], null, "DESC".equals(col[1]), null));
        }
        return parts;
    }

    private static String named(String name) {
        return GENERATED_NAME.matcher(name).matches() ? null : name;
    }

    /** The cardinality H2 gives an array declared without one (its largest). */
    private static final long H2_MAX_CARDINALITY = 65_536;

    /** A column read, before an array's element type is known; {@code key} is its table and type identifier. */
    private record PendingColumn(TableBuilder table, Column column, String key) {
    }

    /**
     * The element type of each array column of {@code schema} (key: table and type identifier), canonical: the column's
     * type is it and {@code array} ({@code varchar(20) array[10]}).
     */
    private static Map<String, String> arrayTypes(Connection c, String schema) throws SQLException {
        // an element that is itself an array (INT ARRAY ARRAY) has its own row, keyed by the element's type identifier
        Map<String, String[]> rows = new java.util.HashMap<>();
        try (ResultSet rs = query(c, "select OBJECT_NAME, COLLECTION_TYPE_IDENTIFIER, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
                + " DECLARED_NUMERIC_PRECISION, DECLARED_NUMERIC_SCALE, DATETIME_PRECISION, DTD_IDENTIFIER, MAXIMUM_CARDINALITY"
                + " from INFORMATION_SCHEMA.ELEMENT_TYPES where OBJECT_SCHEMA = ? and OBJECT_TYPE = 'TABLE'", schema)) {
            while (rs.next()) {
                Long cardinality = rs.getObject(9, Long.class);
                rows.put(rs.getString(1) + "." + rs.getString(2), new String[]{rs.getString(3).equals("ARRAY") ? null
                        : type(rs.getString(3), (Long) rs.getObject(4, Long.class), rs.getObject(5, Integer.class),
                        rs.getObject(6, Integer.class), rs.getObject(7, Integer.class)),
                        rs.getString(1) + "." + rs.getString(8),
                        cardinality == null || cardinality == H2_MAX_CARDINALITY ? "" : "[" + cardinality + "]"});
            }
        }
        Map<String, String> out = new java.util.HashMap<>();
        for (String key : rows.keySet()) {
            StringBuilder type = new StringBuilder();
            String[] row = rows.get(key);
            for (int depth = 0; row != null && row[0] == null && depth < 32; depth++) {
                type.insert(0, " array" + row[2]);
                row = rows.get(row[1]);
            }
            if (row != null && row[0] != null) {
                out.put(key, row[0] + type);
            }
        }
        return out;
    }

    /** H2's DATA_TYPE with its declared sizes to the canonical type. */
    static String type(String dataType, Long length, Integer precision, Integer scale, Integer timePrecision) {
        switch (dataType) {
            case "CHARACTER VARYING":
                return length == null || length >= 1_000_000_000L ? "varchar" : "varchar(" + length + ")";
            case "VARCHAR_IGNORECASE":
                return length == null || length >= 1_000_000_000L ? "varchar_ignorecase" : "varchar_ignorecase(" + length + ")";
            case "CHARACTER":
                return "char(" + length + ")";
            case "CHARACTER LARGE OBJECT":
                return "text";
            case "BINARY LARGE OBJECT":
                return "blob";
            case "BINARY VARYING":
                return length == null || length >= 1_000_000_000L ? "varbinary" : "varbinary(" + length + ")";
            case "DOUBLE PRECISION":
                return "double";
            case "NUMERIC":
            case "DECIMAL":
                return precision == null ? "numeric" : scale == null
                        ? "numeric(" + precision + ")" : "numeric(" + precision + "," + scale + ")";
            case "TIMESTAMP":
                return "timestamp" + (timePrecision == null || timePrecision == 6 ? "" : "(" + timePrecision + ")");
            case "TIMESTAMP WITH TIME ZONE":
                return "timestamptz" + (timePrecision == null || timePrecision == 6 ? "" : "(" + timePrecision + ")");
            case "TIME":
                return "time" + (timePrecision == null || timePrecision == 0 ? "" : "(" + timePrecision + ")");
            case "TIME WITH TIME ZONE":
                return "timetz" + (timePrecision == null || timePrecision == 0 ? "" : "(" + timePrecision + ")");
            default:
                return dataType.toLowerCase(Locale.ROOT);
        }
    }

    static String unqualify(String sql, String schema) {
        return sql == null ? null : sql.replace(quote(schema) + ".", "");
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static ResultSet query(Connection c, String sql, String schema) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setString(1, schema);
        return ps.executeQuery();
    }
}
