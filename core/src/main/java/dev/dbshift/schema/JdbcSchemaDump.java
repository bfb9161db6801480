package dev.dbshift.schema;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in dump: the model read with every table (dbshift's own included), written as DDL by
 * the vendor's {@link DdlWriter}, rows as multi-row INSERTs. Phases: the vendor's {@link Extras} before (extensions);
 * types, sequences, tables and indexes; rows; identity counters; foreign keys, routines, views, triggers; the
 * extras after (comments, counters). Keys and triggers
 * come after the rows so rows load in any table order and no trigger fires on load. Statements are
 * written by {@link DdlWriter#script}, each ended by a line holding only its delimiter, so {@link #load} needs no
 * SQL parser and bodies with semicolons survive.
 */
public final class JdbcSchemaDump implements SchemaDump {
    private static final int ROWS_PER_INSERT = 100;

    private final SchemaReader reader;
    private final DdlWriter writer;
    private final boolean valuesAsStored;
    private final Extras extras;

    /**
     * What a database holds beside the schema model that its dump must carry, as statements: the model is what the
     * schema checksum compares, and leaves out what does not change how the schema behaves (comments) or is not the
     * schema's own (an extension's objects), but a dump restored without them is not the database it was taken of.
     */
    public interface Extras {
        Extras NONE = new Extras() {
        };

        /** Statements before the schema's own (an extension whose types its tables use). */
        default List<String> before(Connection c, Request request, DdlWriter writer) throws SQLException {
            return List.of();
        }

        /** Statements once the tables are made, before their rows (a table option that rebuilds a table with rows). */
        default List<String> tables(Connection c, Request request, DdlWriter writer) throws SQLException {
            return List.of();
        }

        /** Statements after everything else (comments). */
        default List<String> after(Connection c, Request request, DdlWriter writer) throws SQLException {
            return List.of();
        }

        /**
         * With the rows, last: the counters as they stand (a sequence's value, an identity's next value), which the
         * dump would otherwise set to follow the highest key it loaded: a sequence of its own lost its value (the next
         * order number one already handed out), and a key whose row was deleted was handed out again.
         */
        default List<String> counters(Connection c, Request request, DdlWriter writer) throws SQLException {
            return List.of();
        }

        /**
         * What the rows of a table (its quoted name) are read from: PostgreSQL reads a table's own rows with {@code ONLY},
         * where the table's name alone gives those of the tables that inherit from it too.
         */
        default String rowsOf(String table) {
            return table;
        }

        /**
         * The rows of tables an extension made that are the database's and not the extension's, by table name: the
         * condition ({@code WHERE ...}, or empty for all rows) that picks them, as the extension told the server
         * (PostgreSQL's {@code pg_extension_config_dump}: a user's own coordinate systems in PostGIS's {@code
         * spatial_ref_sys}). The dump leaves every other row of an extension's table to {@code CREATE EXTENSION}.
         */
        default Map<String, String> extensionRows(Connection c, Request request) throws SQLException {
            return Map.of();
        }
    }

    public JdbcSchemaDump(SchemaReader reader, DdlWriter writer) {
        this(reader, writer, Extras.NONE);
    }

    public JdbcSchemaDump(SchemaReader reader, DdlWriter writer, Extras extras) {
        this(reader, writer, false, extras);
    }

    private JdbcSchemaDump(SchemaReader reader, DdlWriter writer, boolean valuesAsStored, Extras extras) {
        this.reader = reader;
        this.writer = writer;
        this.valuesAsStored = valuesAsStored;
        this.extras = extras;
    }

    /**
     * A dump of a database whose values keep their own type whatever the column declares (SQLite's storage classes): each
     * value is read as what it is stored as, not converted to the column's type. A REAL in a NUMERIC column, read as
     * the column's BigDecimal, went through the driver's 15-digit text and lost its last digits; text in an INTEGER
     * column stays text.
     */
    public static JdbcSchemaDump valuesAsStored(SchemaReader reader, DdlWriter writer, Extras extras) {
        return new JdbcSchemaDump(reader, writer, true, extras);
    }

    /**
     * Reads schema and rows in one REPEATABLE READ transaction where the connection is in
     * autocommit and the database has that level, so the rows of all tables are one moment's;
     * the connection is left as it was found.
     */
    @Override
    public Result dump(Connection connection, Request request) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean snapshot = autoCommit && request.withData()
                && connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ);
        if (snapshot) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            return dumpIn(connection, request);
        } finally {
            if (snapshot) {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * The statements that make the schema again without its rows, as the dump writes them, the vendor's {@link Extras}
     * included (collations, comments, table options, unique constraints as constraints...): a baseline, which {@link
     * DdlWriter#create} of the model alone left short of the database (a PostgreSQL column of an extension's type failed
     * to be made on a fresh database). {@code model} is the schema as the caller read it, some tables left out (dbshift's
     * own); an extra's statement that names a table it leaves out (its quoted name anywhere in it) is left out with it.
     */
    public List<String> statements(Connection connection, String schema, SchemaModel model) throws SQLException {
        java.util.Set<String> kept = model.tables().stream().map(Table::name).collect(Collectors.toSet());
        List<String> leftOut = reader.read(connection, schema, TableFilter.everything()).tables().stream().map(Table::name)
                .filter(t -> !kept.contains(t)).map(writer::quote).collect(Collectors.toList());
        java.util.function.UnaryOperator<List<String>> keep = statements -> statements.stream()
                .filter(st -> leftOut.stream().noneMatch(st::contains)).collect(Collectors.toList());
        Request request = new Request(null, null, null, schema, false, null);
        List<List<SchemaChange>> phases = phases(model);
        List<String> out = new ArrayList<>(keep.apply(extras.before(connection, request, writer)));
        out.addAll(writer.write(new SchemaDiff(SchemaModel.empty(), model, phases.get(0))));
        out.addAll(keep.apply(extras.tables(connection, request, writer)));
        out.addAll(writer.write(new SchemaDiff(SchemaModel.empty(), model, phases.get(1))));
        out.addAll(keep.apply(extras.after(connection, request, writer)));
        return out;
    }

    /** The model's changes from nothing in two phases: what comes before the rows, and what after (keys, views, routines, triggers). */
    private static List<List<SchemaChange>> phases(SchemaModel model) {
        List<SchemaChange> first = new ArrayList<>();
        List<SchemaChange> last = new ArrayList<>();
        for (SchemaChange c : SchemaDiff.between(SchemaModel.empty(), model).changes()) {
            if (c instanceof SchemaChange.AddForeignKey || c instanceof SchemaChange.CreateView
                    || c instanceof SchemaChange.CreateRoutine || c instanceof SchemaChange.CreateTrigger) {
                last.add(c);
            } else {
                first.add(c);
            }
        }
        return List.of(first, last);
    }

    private Result dumpIn(Connection connection, Request request) throws SQLException, IOException {
        SchemaModel model = reader.read(connection, request.schema(), TableFilter.everything());
        List<List<SchemaChange>> phases = phases(model);
        List<SchemaChange> first = phases.get(0);
        List<SchemaChange> last = phases.get(1);
        try (BufferedWriter out = Files.newBufferedWriter(request.file(), StandardCharsets.UTF_8)) {
            out.write("-- dbshift dump of schema " + request.schema() + (request.withData() ? " with data" : "")
                    + ", " + Instant.now() + "\n-- load with JdbcSchemaDump.load, psql, sqlite3 or H2 RUNSCRIPT\n\n");
            out.write(writer.script(extras.before(connection, request, writer)));
            out.write(writer.script(writer.write(new SchemaDiff(SchemaModel.empty(), model, first))));
            out.write(writer.script(extras.tables(connection, request, writer)));
            if (request.withData()) {
                // an extension's own tables are its to fill (PostGIS's spatial_ref_sys comes with its rows), but for the rows it
                // says are the database's (extensionRows, after these)
                for (Table t : model.ownObjects().tables()) {
                    // a partitioned table's rows are its partitions' rows
                    if (t.partitioning() == null || t.partitioning().by() == null) {
                        if (t.systemVersioned()) {
                            out.write("-- " + t.name() + ": its current rows; the past versions MariaDB keeps of them are not in this dump\n");
                        }
                        rows(connection, t, "", out);
                    }
                }
                Map<String, String> theirs = extras.extensionRows(connection, request);
                for (Table t : model.tables()) {
                    if (theirs.containsKey(t.name())) {
                        rows(connection, t, theirs.get(t.name()), out);
                    }
                }
            }
            out.write(writer.script(writer.write(new SchemaDiff(SchemaModel.empty(), model, last))));
            out.write(writer.script(extras.after(connection, request, writer)));
            if (request.withData()) {
                out.write(writer.script(extras.counters(connection, request, writer)));
            }
        }
        return new Result("jdbc", request.file());
    }

    /** The rows of {@code table} that {@code where} picks (empty: all) as multi-row INSERTs. */
    private void rows(Connection connection, Table table, String where, BufferedWriter out) throws SQLException, IOException {
        List<Column> columns = table.columns().stream().filter(c -> c.generated() == null).collect(Collectors.toList());
        if (columns.isEmpty()) {
            return;
        }
        String names = columns.stream().map(c -> writer.quote(c.name())).collect(Collectors.joining(", "));
        String insert = writer.insertInto(table, columns.stream().map(Column::name).collect(Collectors.toList())) + " VALUES\n";
        long[] maxIdentity = new long[columns.size()];
        boolean[] counted = new boolean[columns.size()];
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery("SELECT " + names + " FROM " + extras.rowsOf(writer.quote(table.name()))
                    + (where.isEmpty() ? "" : " " + where))) {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder batch = new StringBuilder();
                int inBatch = 0;
                while (rs.next()) {
                    batch.append(inBatch == 0 ? insert + "(" : ",\n(");
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            batch.append(", ");
                        }
                        Object value = valuesAsStored ? asStored(rs, i + 1) : value(rs, md, i + 1);
                        batch.append(writer.literal(value));
                        if (value instanceof Long n) {
                            maxIdentity[i] = counted[i] ? Math.max(maxIdentity[i], n.longValue()) : n.longValue();
                            counted[i] = true;
                        }
                    }
                    batch.append(')');
                    if (++inBatch == ROWS_PER_INSERT) {
                        out.write(batch.append("\n;\n").toString());
                        batch.setLength(0);
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    out.write(batch.append("\n;\n").toString());
                }
            }
        }
        List<String> counters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (counted[i]) {
                // the writer knows which columns count (identity, serial) and answers nothing for the others
                counters.addAll(writer.continueIdentity(table, columns.get(i), maxIdentity[i] + 1));
            }
        }
        out.write(writer.script(counters));
    }

    /** A value as its storage class holds it: whole numbers as Long (the identity counters look for those). */
    private static Object asStored(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        return o == null || o instanceof Number || o instanceof byte[] ? o : rs.getString(i);
    }

    /** Numbers, booleans and bytes as Java values; everything else as the driver's text, which the same database parses back. */
    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        switch (type) {
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return rs.getBytes(i);
            case Types.BOOLEAN:
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? null : b;
            case Types.BIT:
                if (md.getPrecision(i) <= 1) {
                    boolean bit = rs.getBoolean(i);
                    return rs.wasNull() ? null : bit;
                }
                return rs.getString(i);
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                long l = rs.getLong(i);
                return rs.wasNull() ? null : l;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return rs.getBigDecimal(i);
            case Types.ARRAY:
                java.sql.Array array = rs.getArray(i);
                return array == null ? null : new ArrayValue(rs.getString(i), elements((Object[]) array.getArray()));
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                Object d = rs.getObject(i);
                return d instanceof Number && Double.isFinite(((Number) d).doubleValue()) ? d : rs.getString(i);
            default:
                Object o = rs.getObject(i);
                if (o == null || o instanceof Number || o instanceof byte[]) {
                    return o;
                }
                return rs.getString(i);
        }
    }

    /**
     * An array read from a row: the driver's text (PostgreSQL's {@code {a,b}}, which it parses back) and the elements
     * (H2's text, {@code [a, b]}, is read back as one element; its writer spells {@code ARRAY['a', 'b']}).
     */
    public record ArrayValue(String text, List<Object> elements) {
    }

    private static List<Object> elements(Object[] values) throws SQLException {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v instanceof Object[] nested ? new ArrayValue(null, elements(nested))
                    : v instanceof java.sql.Array nested ? new ArrayValue(null, elements((Object[]) nested.getArray())) : v);
        }
        return out;
    }

    /** This dump standing in for the dump program {@code tool}, which failed with {@code errors}: the result says so. */
    public Result insteadOf(String tool, String errors, Connection connection, Request request) throws SQLException, IOException {
        Result own = dump(connection, request);
        return new Result(own.method() + " (" + tool + " failed: " + errors + ")", own.file());
    }

    /** Loads a file written by {@link #dump} (or any file of statements separated by {@code ;} lines). */
    public static void load(Connection connection, Path file) throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            for (String sql : StatementFile.split(Files.readString(file, StandardCharsets.UTF_8))) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " (loading " + file + ": " + abbreviate(sql) + ")", e.getSQLState(), e);
                }
            }
        }
    }

    private static String abbreviate(String sql) {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }
}
