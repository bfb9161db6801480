package dev.dbshift.db.mysql;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.schema.CatalogText;
import dev.dbshift.schema.CatalogRuns;
import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;
import dev.dbshift.schema.Sequence;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.TableBuilder;
import dev.dbshift.schema.TableFilter;
import dev.dbshift.schema.Trigger;
import dev.dbshift.schema.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a MariaDB or MySQL database (a "schema" here) from {@code information_schema}: one query per
 * kind of object for the whole database. AUTO_INCREMENT counters, row counts and statistics are
 * never read. View bodies come back qualified with the database name, which is removed so two
 * databases with the same objects read the same.
 */
public final class MySqlSchemaReader implements SchemaReader {
    /** Where the read may open a second connection; null: every query on the caller's connection. */
    private final ConnectionFactory helpers;
    /** The fewest tables for which a second connection is worth opening; null: more than the server's {@code table_open_cache}. */
    private final Integer helperAbove;

    /** A reader that runs every query on the caller's connection (inside a migration's transaction, for one). */
    public MySqlSchemaReader() {
        this(null, null);
    }

    /**
     * A reader that, on MariaDB, reads the check constraints and the foreign keys' columns on a connection of its own
     * from {@code helpers}, beside the rest, when the database has more tables than the server's {@code table_open_cache}.
     * Each of those reads opens every table of the database (not only its definition), and with more tables than the
     * cache holds each opens them all again, from disk when they are also more than {@code table_definition_cache}:
     * 1.3-1.6 s apiece at 10,000 tables with the server's defaults, mostly the server's CPU. On a second connection they
     * run on the server's other core. A helper that cannot connect, fails, or hangs ({@link Beside}) leaves the read to
     * the caller's connection.
     */
    public MySqlSchemaReader(ConnectionFactory helpers) {
        this(helpers, null);
    }

    /** {@link #MySqlSchemaReader(ConnectionFactory)} with the helper used from {@code helperAbove} tables on (the tests' small schemas). */
    MySqlSchemaReader(ConnectionFactory helpers, Integer helperAbove) {
        this.helpers = helpers;
        this.helperAbove = helperAbove;
    }

    @Override
    public SchemaModel read(Connection c, String schema, TableFilter filter) throws SQLException {
        try (ResultSet rs = query(c, "select 1 from information_schema.SCHEMATA where SCHEMA_NAME = ?", schema)) {
            if (!rs.next()) {
                throw new SQLException("database " + schema + " does not exist", "42000", 1049);
            }
        }
        boolean mariadb;
        long openCache;
        try (ResultSet rs = query(c, "select version() like concat('%', ?, '%'), @@table_open_cache", "MariaDB")) {
            rs.next();
            mariadb = rs.getBoolean(1);
            openCache = rs.getLong(2);
        }
        TableBuilder.ByName tables = new TableBuilder.ByName();
        Map<String, String> tableCollations = new LinkedHashMap<>();
        List<String> viewNames = new ArrayList<>();
        List<String> sequenceNames = new ArrayList<>();
        int listed = 0;
        // the partitioned tables: MySQL 8 says so in TABLES from its data dictionary; MariaDB opens every table for it
        // (CREATE_OPTIONS), so it is asked apart (partitioned), by each table's engine
        List<String> partitioned = new ArrayList<>();
        Map<String, String> engines = new LinkedHashMap<>();
        // comments are read from the table definitions these queries open anyway
        Map<String, String> comments = new java.util.HashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, TABLE_TYPE, TABLE_COLLATION, ENGINE, " + (mariadb ? "null" : "CREATE_OPTIONS")
                + ", TABLE_COMMENT from information_schema.TABLES where TABLE_SCHEMA = ? order by TABLE_NAME", schema)) {
            while (rs.next()) {
                listed++;
                String name = rs.getString(1);
                String type = rs.getString(2);
                boolean versioned = type.equals("SYSTEM VERSIONED");
                if ((versioned || type.equals("BASE TABLE")) && filter.includes(name)) {
                    tables.add(name);
                    tables.get(name).collation(rs.getString(3)).engine(engine(rs.getString(4))).persistence(versioned ? Table.SYSTEM_VERSIONED : null);
                    tableCollations.put(name, rs.getString(3));
                    String options = rs.getString(5);
                    if (options != null && options.contains("partitioned")) {
                        partitioned.add(name);
                    }
                    engines.put(name, rs.getString(4));
                    String comment = rs.getString(6);
                    if (comment != null && !comment.isEmpty()) {
                        comments.put(SchemaModel.commentKey(name, null), comment);
                    }
                } else if (type.equals("VIEW")) {
                    viewNames.add(name);
                } else if (type.equals("SEQUENCE")) {
                    sequenceNames.add(name);
                }
            }
        }
        if (mariadb && !engines.isEmpty()) {
            partitioned.addAll(partitionedOnMariaDb(c, schema, engines));
        }
        for (String name : partitioned) {
            // one statement per partitioned table: information_schema.PARTITIONS has the parts, not the clause that makes them
            String layout = partitionLayout(showCreate(c, schema, name));
            if (layout != null) {
                tables.get(name).partitioning(Table.Partitioning.layout(layout));
            }
        }
        boolean foreignKeys = !mariadb || InnoDbForeignKeys.mayDeclare(c, schema);
        // MariaDB names column checks after their column, so check names repeat across tables and it
        // has CHECK_CONSTRAINTS.TABLE_NAME; MySQL 8 has unique names and no such column
        Set<String> catalog = catalogColumns(c, "STATISTICS", "CHECK_CONSTRAINTS", "VIEWS");
        String checks = catalog.contains("CHECK_CONSTRAINTS.TABLE_NAME")
                ? "select TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE from information_schema.CHECK_CONSTRAINTS where CONSTRAINT_SCHEMA = ?"
                : "select tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE from information_schema.CHECK_CONSTRAINTS cc"
                + " join information_schema.TABLE_CONSTRAINTS tc on tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA"
                + " and tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME and tc.CONSTRAINT_TYPE = 'CHECK' where cc.CONSTRAINT_SCHEMA = ?";
        Beside beside = null;
        if (mariadb && helpers != null && listed > (helperAbove != null ? helperAbove : openCache)) {
            beside = new Beside(helpers, helper -> new Constraints(checks(helper, checks, schema),
                    foreignKeys ? foreignKeyColumns(helper, schema) : Map.of()));
        }
        // views apart, not joined: MariaDB pushes only a constant condition down into an information_schema table, so
        // VIEWS joined on t.TABLE_SCHEMA was filled for every database on the server (+85 ms at 1,000 tables here); and
        // only when TABLES lists a view: VIEWS opens every table of the database to find none (9.5 ms at 1,000 tables)
        List<View> views = new ArrayList<>();
        if (!viewNames.isEmpty()) {
            Map<String, String> viewBodies = CatalogQuery.pairs(c, viewTexts(catalog), schema);
            for (String name : viewNames) {
                views.add(view(name, viewBodies.get(name), schema));
            }
        }
        try (ResultSet rs = query(c, "select TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
                + " IS_GENERATED, GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT from information_schema.COLUMNS"
                + " where TABLE_SCHEMA = ? order by TABLE_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                TableBuilder t = tables.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String extra = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase(Locale.ROOT);
                Column.Generated generated = "ALWAYS".equals(rs.getString(7))
                        ? new Column.Generated(rs.getString(8), extra.contains("stored") || extra.contains("persistent"))
                        : null;
                String dflt = generated != null ? null : columnDefault(rs.getString(5), extra, mariadb);
                Matcher onUpdate = ON_UPDATE.matcher(extra);
                if (onUpdate.find()) {
                    dflt = (dflt == null ? "NULL" : dflt) + " ON UPDATE " + onUpdate.group(1);
                }
                String collation = rs.getString(9);
                if (collation != null && collation.equals(tableCollations.get(t.name()))) {
                    collation = null;
                }
                String comment = rs.getString(10);
                if (comment != null && !comment.isEmpty()) {
                    comments.put(SchemaModel.commentKey(t.name(), rs.getString(2)), comment);
                }
                t.column(new Column(rs.getString(2), type(rs.getString(3)), "YES".equals(rs.getString(4)), dflt,
                        generated, extra.contains("auto_increment") ? Column.Identity.BY_DEFAULT : null, collation,
                        extra.contains("invisible"), extra.contains("without system versioning")));
            }
        }
        // MySQL 8 has functional indexes (COLUMN_NAME null, EXPRESSION set); MariaDB has no EXPRESSION column. An index
        // the optimizer does not use is IGNORED = 'YES' on MariaDB 10.6+, IS_VISIBLE = 'NO' on MySQL 8
        String expression = catalog.contains("STATISTICS.EXPRESSION") ? "EXPRESSION" : "null";
        String ignored = catalog.contains("STATISTICS.IGNORED") ? "IGNORED = 'YES'"
                : catalog.contains("STATISTICS.IS_VISIBLE") ? "IS_VISIBLE = 'NO'" : "false";
        try (ResultSet rs = query(c, "select TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, "
                + expression + ", " + ignored + " from information_schema.STATISTICS where TABLE_SCHEMA = ?"
                + " order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", schema)) {
            CatalogRuns.forEach(rs, r -> List.of(r.getString(1), r.getString(2)), r -> {
                String type = r.getString(7);
                String column = r.getString(4);
                Integer sub = r.getObject(5) == null ? null : r.getInt(5);
                boolean descending = "D".equals(r.getString(6));
                return new IndexRow(r.getInt(3) == 0, type == null || type.equals("BTREE") ? null : type.toLowerCase(Locale.ROOT),
                        column, column == null ? new Index.Part(null, r.getString(8), descending, null)
                                : new Index.Part(column, null, descending, sub), r.getBoolean(9));
            }, (key, rows) -> {
                TableBuilder t = tables.get(key.get(0));
                if (t == null) {
                    return;
                }
                IndexRow last = rows.get(rows.size() - 1);
                if (key.get(1).equals("PRIMARY")) {
                    t.primaryKey(new PrimaryKey("PRIMARY", rows.stream().map(IndexRow::column).collect(Collectors.toList())));
                } else {
                    t.index(new Index(key.get(1), last.unique(), rows.stream().map(IndexRow::part).collect(Collectors.toList()),
                            null, last.method(), last.ignored()));
                }
            });
        }
        // the constraints first, their columns only when there are some: on MariaDB each of these reads opens every
        // table of the schema (KEY_COLUMN_USAGE 2.2 s at 10,000 tables), and most schemas at that size have no foreign keys
        List<String[]> constraints = new ArrayList<>();
        if (foreignKeys) {
            try (ResultSet rs = query(c, "select TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE,"
                    + " UNIQUE_CONSTRAINT_SCHEMA from information_schema.REFERENTIAL_CONSTRAINTS where CONSTRAINT_SCHEMA = ?", schema)) {
                while (rs.next()) {
                    constraints.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)});
                }
            }
        }
        // what the helper read, or null: read here
        Constraints helped = beside == null ? null : beside.outcome();
        Map<String, List<String[]>> fkColumns = helped != null ? helped.fkColumns()
                : constraints.isEmpty() ? Map.of() : foreignKeyColumns(c, schema);
        for (String[] fk : constraints) {
            TableBuilder t = tables.get(fk[0]);
            if (t == null) {
                continue;
            }
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            for (String[] pair : fkColumns.getOrDefault(fk[0] + "\u0000" + fk[1], List.of())) {
                from.add(pair[0]);
                to.add(pair[1]);
            }
            String target = schema.equals(fk[5]) ? fk[2] : fk[5] + "." + fk[2];
            t.foreignKey(new ForeignKey(fk[1], from, target, to, fk[3], fk[4]));
        }
        Set<String> periodShaped = new java.util.TreeSet<>();
        for (String[] check : helped != null ? helped.checks() : checks(c, checks, schema)) {
            TableBuilder t = tables.get(check[0]);
            if (t != null) {
                t.check(new Check(check[1], CatalogText.tidy(check[2])));
                if (mariadb && PERIOD_CHECK.matcher(check[2]).matches()) {
                    periodShaped.add(check[0]);
                }
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        // triggers of one table, timing and event fire in the order they were made: each follows the one before it
        try (ResultSet rs = query(c, "select TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT"
                + " from information_schema.TRIGGERS where TRIGGER_SCHEMA = ?"
                + " order by EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER", schema)) {
            String group = null;
            String before = null;
            while (rs.next()) {
                if (filter.includes(rs.getString(2))) {
                    String of = rs.getString(2) + "\u0000" + rs.getString(3) + "\u0000" + rs.getString(4);
                    triggers.add(new Trigger(rs.getString(1), rs.getString(2), "CREATE TRIGGER " + quote(rs.getString(1)) + " "
                            + rs.getString(3) + " " + rs.getString(4) + " ON " + quote(rs.getString(2))
                            + " FOR EACH ROW " + CatalogText.tidy(rs.getString(5)), null, of.equals(group) ? before : null));
                    group = of;
                    before = rs.getString(1);
                }
            }
        }
        List<Routine> routines = routines(c, schema);
        routines.addAll(events(c, schema));
        List<Table> built = new ArrayList<>();
        for (Table t : tables.build()) {
            t = withoutRowEndInKeys(t);
            built.add(periodShaped.contains(t.name()) ? withPeriods(t, showCreate(c, schema, t.name())) : t);
        }
        return new SchemaModel(built, views, sequences(c, schema, sequenceNames), triggers, routines, List.of(), List.of(),
                List.of(), List.of(), List.of(), comments);
    }

    /** What the helper connection reads: the check constraints (table, name, clause) and the foreign keys' columns. */
    private record Constraints(List<String[]> checks, Map<String, List<String[]>> fkColumns) {
    }

    /** What the helper connection does with the connection it opened. */
    private interface HelperRead {
        Constraints read(Connection helper) throws SQLException;
    }

    /** A table's engine as the model keeps it: null for InnoDB (or none reported), else lower case. */
    static String engine(String reported) {
        return reported == null || reported.equalsIgnoreCase("InnoDB") ? null : reported.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The helper's part of a read, on a daemon thread of its own. It is waited for at most as long again as the caller's
     * connection took for its part since the helper started, and at least {@link #WAIT_AT_LEAST}: a helper that hangs (a
     * proxy that queues connections beyond its pool, a server that accepts and never answers) is given up, its
     * connection aborted, and the caller's connection reads its part; the read is slower, never wrong or stuck.
     */
    private static final class Beside {
        static final Duration WAIT_AT_LEAST = Duration.ofSeconds(2);
        private final FutureTask<Constraints> task;
        private final long started = System.nanoTime();
        private Connection connection;
        private boolean givenUp;

        Beside(ConnectionFactory helpers, HelperRead work) {
            task = new FutureTask<>(() -> {
                Connection helper = helpers.open();
                if (!hold(helper)) {
                    helper.close();
                    return null;
                }
                try (helper) {
                    return work.read(helper);
                }
            });
            Thread t = new Thread(task, "dbshift-catalog-beside");
            t.setDaemon(true);
            t.start();
        }

        /** Keeps the helper's connection to abort it if it is given up; false when it already was. */
        private synchronized boolean hold(Connection helper) {
            if (givenUp) {
                return false;
            }
            connection = helper;
            return true;
        }

        /** The helper's reads, or null when it failed in any way or was given up (then the caller's connection reads them). */
        Constraints outcome() {
            long wait = Math.max(System.nanoTime() - started, WAIT_AT_LEAST.toNanos());
            try {
                return task.get(wait, TimeUnit.NANOSECONDS);
            } catch (ExecutionException failed) {
                return null;
            } catch (TimeoutException hung) {
                giveUp();
                return null;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                giveUp();
                return null;
            }
        }

        /**
         * Aborts the helper's connection on a thread of its own: the driver's abort may itself wait on the network, and
         * must not hold the caller up. The server ends the helper's statement (MariaDbCatalogBesideTest sees it leave
         * the server's process list).
         */
        private void giveUp() {
            Connection c;
            synchronized (this) {
                givenUp = true;
                c = connection;
            }
            task.cancel(true);
            if (c != null) {
                Thread t = new Thread(() -> {
                    try {
                        c.abort(Runnable::run);
                    } catch (SQLException | RuntimeException ignored) {
                        // gone already, or the server cannot be asked: the daemon thread ends with the process
                    }
                }, "dbshift-catalog-beside-abort");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static List<String[]> checks(Connection c, String sql, String schema) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = query(c, sql, schema)) {
            while (rs.next()) {
                out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    /** The columns of every foreign key of {@code schema}, by table and constraint name joined with a NUL. */
    private static Map<String, List<String[]>> foreignKeyColumns(Connection c, String schema) throws SQLException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_COLUMN_NAME"
                + " from information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = ? and REFERENCED_TABLE_NAME is not null"
                + " order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                        .add(new String[]{rs.getString(3), rs.getString(4)});
            }
        }
        return out;
    }

    /**
     * MariaDB sequences are tables of one row holding their definition; information_schema has no
     * view of them before 11.x, so one UNION ALL query reads them all.
     */
    private List<Sequence> sequences(Connection c, String schema, List<String> names) throws SQLException {
        List<Sequence> out = new ArrayList<>();
        if (names.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (String name : names) {
            if (sql.length() > 0) {
                sql.append(" union all ");
            }
            sql.append("select ? as name, start_value, increment, minimum_value, maximum_value, cycle_option from ")
                    .append(quote(schema)).append('.').append(quote(name));
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < names.size(); i++) {
                ps.setString(i + 1, names.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Sequence(rs.getString(1), null, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getInt(6) != 0));
                }
            }
        }
        return out;
    }

    private List<Routine> routines(Connection c, String schema) throws SQLException {
        Map<String, StringBuilder> params = new LinkedHashMap<>();
        Map<String, String> returns = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "select SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER"
                + " from information_schema.PARAMETERS where SPECIFIC_SCHEMA = ? order by SPECIFIC_NAME, ORDINAL_POSITION", schema)) {
            while (rs.next()) {
                String key = rs.getString(2) + " " + rs.getString(1);
                if (rs.getInt(3) == 0) {
                    returns.put(key, rs.getString(6));
                    continue;
                }
                StringBuilder b = params.computeIfAbsent(key, k -> new StringBuilder());
                if (b.length() > 0) {
                    b.append(", ");
                }
                if (rs.getString(2).equals("PROCEDURE") && rs.getString(4) != null) {
                    b.append(rs.getString(4)).append(' ');
                }
                b.append(quote(rs.getString(5))).append(' ').append(rs.getString(6));
            }
        }
        List<Routine> out = new ArrayList<>();
        try (ResultSet rs = query(c, "select ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS,"
                + " SECURITY_TYPE from information_schema.ROUTINES where ROUTINE_SCHEMA = ?", schema)) {
            while (rs.next()) {
                String key = rs.getString(2) + " " + rs.getString(1);
                String kind = rs.getString(2).toLowerCase(Locale.ROOT);
                StringBuilder def = new StringBuilder("CREATE ").append(rs.getString(2)).append(' ')
                        .append(quote(rs.getString(1))).append('(').append(params.getOrDefault(key, new StringBuilder())).append(')');
                if (returns.containsKey(key)) {
                    def.append(" RETURNS ").append(returns.get(key));
                }
                if ("YES".equals(rs.getString(4))) {
                    def.append(" DETERMINISTIC");
                }
                if (rs.getString(5) != null && !rs.getString(5).equals("CONTAINS SQL")) {
                    def.append(' ').append(rs.getString(5));
                }
                def.append('\n').append(CatalogText.tidy(rs.getString(3)));
                // run with the caller's rights: a routine made again without it runs with its definer's
                out.add(new Routine(rs.getString(1), kind, def.toString(), "INVOKER".equals(rs.getString(6)) ? "SQL SECURITY INVOKER" : null));
            }
        }
        return out;
    }

    /**
     * A column default as SQL. MariaDB (10.2.7+) prints it as SQL already ({@code 'x'}, {@code 0},
     * {@code current_timestamp()}, {@code NULL}); MySQL 8 prints a literal's bare value and an
     * expression without the parentheses its DDL needs, so both are put back.
     */
    static String columnDefault(String value, String extra, boolean mariadb) {
        if (value == null || mariadb && value.equals("NULL")) {
            return null;
        }
        if (mariadb) {
            return value;
        }
        if (extra.contains("default_generated")) {
            return value.toLowerCase(Locale.ROOT).startsWith("current_timestamp") ? value : "(" + value + ")";
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static final Pattern ON_UPDATE = Pattern.compile("on update (\\S+)");
    private static final Pattern INT = Pattern.compile("^(tinyint|smallint|mediumint|int|bigint)(\\(\\d+\\))?(.*)$");

    /** MariaDB's COLUMN_TYPE to the canonical type. */
    static String type(String columnType) {
        String t = columnType.toLowerCase(Locale.ROOT).strip();
        Matcher m = INT.matcher(t);
        if (m.matches()) {
            if (m.group(1).equals("tinyint") && "(1)".equals(m.group(2)) && m.group(3).isEmpty()) {
                return "boolean";
            }
            return (m.group(1).equals("int") ? "integer" : m.group(1)) + m.group(3);
        }
        if (t.startsWith("decimal")) {
            return "numeric" + t.substring("decimal".length());
        }
        if (t.equals("float")) {
            return "real";
        }
        if (t.startsWith("datetime")) {
            return "timestamp" + t.substring("datetime".length());
        }
        if (t.startsWith("timestamp")) {
            return "timestamptz" + t.substring("timestamp".length());
        }
        return t;
    }

    /**
     * The schema's events, each as the CREATE EVENT that makes it again without its definer or its start: a recurring
     * event made without {@code STARTS} starts when it is made, so the same migrations replayed elsewhere (or the
     * reverse DDL of a diff) would give another start and every replay would be drift. An event a replica or another
     * Galera node got by replication is {@code SLAVESIDE_DISABLED} there (so it does not run twice): that is the enabled
     * event of its source, read as such, or every replica and every other node would differ from where it was made.
     */
    private List<Routine> events(Connection c, String schema) throws SQLException {
        List<Routine> out = new ArrayList<>();
        try (ResultSet rs = query(c, "select EVENT_NAME, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, ENDS, STATUS,"
                + " ON_COMPLETION, EVENT_DEFINITION from information_schema.EVENTS where EVENT_SCHEMA = ?", schema)) {
            while (rs.next()) {
                StringBuilder def = new StringBuilder("CREATE EVENT ").append(quote(rs.getString(1))).append(" ON SCHEDULE ");
                if ("ONE TIME".equals(rs.getString(2))) {
                    def.append("AT '").append(rs.getString(3)).append('\'');
                } else {
                    String every = rs.getString(4);
                    def.append("EVERY ").append(every.matches("\\d+") ? every : "'" + every.replace("'", "''") + "'")
                            .append(' ').append(rs.getString(5));
                    if (rs.getString(6) != null) {
                        def.append(" ENDS '").append(rs.getString(6)).append('\'');
                    }
                }
                def.append(" ON COMPLETION ").append(rs.getString(8)).append("DISABLED".equals(rs.getString(7)) ? " DISABLE" : " ENABLE")
                        .append(" DO ").append(unqualify(CatalogText.tidy(rs.getString(9)), schema));
                out.add(new Routine(rs.getString(1), "event", def.toString()));
            }
        }
        return out;
    }

    /**
     * The columns ({@code TABLE.COLUMN}) of those information_schema {@code tables} whose columns differ between MariaDB
     * and MySQL and their versions, in one question.
     */
    static Set<String> catalogColumns(Connection c, String... tables) throws SQLException {
        return new java.util.HashSet<>(CatalogQuery.column(c, "select concat(TABLE_NAME, '.', COLUMN_NAME) from information_schema.COLUMNS"
                + " where TABLE_SCHEMA = 'information_schema' and TABLE_NAME in (" + String.join(", ", java.util.Collections.nCopies(
                tables.length, "?")) + ")", tables));
    }

    /**
     * The query selecting what {@link #view} reads, by TABLE_NAME, for the views of one schema (its one parameter), given
     * the server's {@link #catalogColumns} of {@code VIEWS}: MariaDB's has the algorithm a view was made with, MySQL's not.
     */
    private static String viewTexts(Set<String> catalog) {
        return "select TABLE_NAME, concat(CHECK_OPTION, '|', SECURITY_TYPE, '|', "
                + (catalog.contains("VIEWS.ALGORITHM") ? "ALGORITHM" : "'UNDEFINED'") + ", '|', VIEW_DEFINITION)"
                + " from information_schema.VIEWS where TABLE_SCHEMA = ?";
    }

    /**
     * A view from its {@link #viewTexts} text: the check option, the security and the algorithm in front of the body (none
     * has a '|').
     */
    private static View view(String name, String text, String schema) {
        // a NULL definition makes the whole text NULL: no options, and the body as it was read before
        String[] view = text == null ? new String[]{"NONE", "DEFINER", "UNDEFINED", null} : text.split("\\|", 4);
        String check = view[0].equalsIgnoreCase("NONE") ? null : view[0].toLowerCase(Locale.ROOT);
        String algorithm = view[2].equalsIgnoreCase("UNDEFINED") ? null : view[2].toLowerCase(Locale.ROOT);
        return new View(name, unqualify(CatalogText.tidy(view[3]), schema), false, List.of(),
                View.options(check, false, view[1].equalsIgnoreCase("INVOKER")), algorithm);
    }

    static String unqualify(String sql, String schema) {
        return sql == null ? null : sql.replace(quote(schema) + ".", "");
    }

    static String quote(String name) {
        return MySqlIdentifiers.quote(name);
    }

    /**
     * A system-versioned table's primary key and unique indexes without the column where a row version ends, which
     * MariaDB adds to each as their last part (a past version of a row keeps its key): the migration did not name it,
     * the server adds it again to what the DDL writer writes, and {@code STATISTICS} shows it only where the table names
     * its period columns.
     */
    static Table withoutRowEndInKeys(Table t) {
        String end = !t.systemVersioned() ? null : t.columns().stream().filter(col -> col.periodOfRow()
                && col.generated().expression().equals(Column.ROW_END)).map(Column::name).findFirst().orElse(null);
        if (end == null) {
            return t;
        }
        PrimaryKey pk = t.primaryKey();
        if (pk != null && pk.columns().size() > 1 && pk.columns().get(pk.columns().size() - 1).equals(end)) {
            pk = new PrimaryKey(pk.name(), pk.columns().subList(0, pk.columns().size() - 1));
        }
        List<Index> indexes = new ArrayList<>();
        for (Index i : t.indexes()) {
            List<Index.Part> parts = i.parts();
            boolean endLast = i.unique() && parts.size() > 1 && end.equals(parts.get(parts.size() - 1).column());
            indexes.add(!endLast ? i : i.withParts(parts.subList(0, parts.size() - 1)));
        }
        return t.withKeys(t.columns(), pk, indexes, t.foreignKeys());
    }

    /**
     * A MariaDB application-time period ({@code PERIOD FOR p (s, e)}) shows in the catalog only as its check, {@code `s`
     * < `e`}, named after it, and a unique key {@code WITHOUT OVERLAPS} of it as a plain one ending with the period's
     * columns; a user's own {@code CHECK (s < e)} looks the same. {@code SHOW CREATE TABLE} tells them apart: asked only
     * for the tables with a check of that shape (none in most schemas), one round trip each.
     */
    private static final Pattern PERIOD_CHECK = Pattern.compile(MySqlIdentifiers.QUOTED + " < " + MySqlIdentifiers.QUOTED);
    private static final Pattern PERIOD = Pattern.compile("  PERIOD FOR " + MySqlIdentifiers.QUOTED_NAME + " \\(.*\\),?");
    // the key's other parts one by one, so a comment after the parts that says WITHOUT OVERLAPS is not taken for them
    private static final Pattern OVERLAPS_KEY = Pattern.compile("  (?:PRIMARY KEY|UNIQUE KEY " + MySqlIdentifiers.QUOTED_NAME + ")"
            + " \\((?:" + MySqlIdentifiers.QUOTED + "(?:\\(\\d+\\))?(?: DESC)?,)*" + MySqlIdentifiers.QUOTED_NAME
            + " WITHOUT OVERLAPS\\).*");

    /**
     * What {@code SHOW CREATE TABLE} prints of a table (or a view) of {@code schema}, or null: the clauses the catalog
     * has no column for (a partitioning, a period, a key {@code WITHOUT OVERLAPS}, the dump's commented keys).
     */
    static String showCreate(Connection c, String schema, String table) throws SQLException {
        List<String[]> rows = CatalogQuery.rows(c, "show create table " + MySqlIdentifiers.qualified(schema, table));
        return rows.isEmpty() ? null : rows.get(0)[1];
    }

    /** {@code t} with the periods and the keys {@code WITHOUT OVERLAPS} that {@code create}, its {@code SHOW CREATE TABLE}, shows. */
    static Table withPeriods(Table t, String create) {
        if (create == null) {
            return t;
        }
        Set<String> periods = new java.util.HashSet<>();
        Map<String, String> keys = new java.util.HashMap<>();
        for (String line : create.split("\n")) {
            Matcher period = PERIOD.matcher(line);
            Matcher key = OVERLAPS_KEY.matcher(line);
            if (period.matches()) {
                periods.add(MySqlIdentifiers.unquoted(period.group(1)));
            } else if (key.matches()) {
                keys.put(key.group(1) == null ? "PRIMARY" : MySqlIdentifiers.unquoted(key.group(1)), MySqlIdentifiers.unquoted(key.group(2)));
            }
        }
        List<Check> checks = new ArrayList<>();
        for (Check check : t.checks()) {
            checks.add(periods.contains(check.name()) ? new Check(check.name(), check.expression(), true) : check);
        }
        List<Index> indexes = new ArrayList<>();
        for (Index i : t.indexes()) {
            indexes.add(i.unique() && keys.containsKey(i.name()) ? i.withPeriod(keys.get(i.name())) : i);
        }
        PrimaryKey pk = t.primaryKey() != null && keys.containsKey("PRIMARY") ? t.primaryKey().withPeriod(keys.get("PRIMARY")) : t.primaryKey();
        return t.withKeys(t.columns(), pk, indexes, t.foreignKeys()).withChecks(checks);
    }

    /** The most tables whose partitioning MariaDB is asked one by one (each a round trip, opening that table only). */
    private static final int ASKED_BY_NAME = 20;

    /**
     * The partitioned tables among {@code engines} (table -> its {@code ENGINE}). InnoDB's dictionary tells for the InnoDB
     * tables, unless two of their names differ in case only (it keeps them in lower case); {@code TABLES} tells for the
     * rest, opening the tables it is asked about: the few in other engines each by its name (a constant condition, which
     * MariaDB pushes down), else the whole database at once.
     */
    private static List<String> partitionedOnMariaDb(Connection c, String schema, Map<String, String> engines) throws SQLException {
        Map<String, String> byLowerName = new java.util.HashMap<>();
        List<String> otherEngines = new ArrayList<>();
        boolean caseClash = false;
        for (Map.Entry<String, String> e : engines.entrySet()) {
            if ("InnoDB".equalsIgnoreCase(e.getValue())) {
                caseClash |= byLowerName.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey()) != null;
            } else {
                otherEngines.add(e.getKey());
            }
        }
        java.util.Optional<Set<String>> known = caseClash || byLowerName.isEmpty() ? java.util.Optional.empty()
                : InnoDbPartitions.of(c, schema);
        List<String> out = new ArrayList<>();
        known.ifPresent(names -> names.stream().map(byLowerName::get).filter(java.util.Objects::nonNull).forEach(out::add));
        String partitionedTables = "select TABLE_NAME from information_schema.TABLES where TABLE_SCHEMA = ?"
                + " and CREATE_OPTIONS like '%partitioned%'";
        if (known.isEmpty() || otherEngines.size() > ASKED_BY_NAME) {
            Set<String> asked = known.isEmpty() ? engines.keySet() : new java.util.HashSet<>(otherEngines);
            CatalogQuery.column(c, partitionedTables, schema).stream().filter(asked::contains).forEach(out::add);
        } else {
            for (String name : otherEngines) {
                out.addAll(CatalogQuery.column(c, partitionedTables + " and TABLE_NAME = ?", schema, name));
            }
        }
        return out;
    }

    /**
     * MariaDB's partitioning by system time that makes its own partitions: {@code AUTO} ends the clause's first line, and
     * the rest of the clause is the server's. Only there: a partition may be named {@code AUTO} too.
     */
    private static final Pattern AUTO_BY_TIME = Pattern.compile("^PARTITION BY SYSTEM_TIME\\b[^\\n]*? AUTO(?=\\n|$)");

    /**
     * The partitioning clause of a {@code SHOW CREATE TABLE}, from {@code PARTITION BY} to its end, or null for none.
     * MariaDB prints it on a line of its own after the table options; MySQL in a version comment ({@code /*!50100}).
     * For MariaDB's {@code AUTO} partitions by system time, the clause without the start (which the server takes from
     * the day the table was made when none is given) and without the partitions, which the server adds as time goes.
     */
    static String partitionLayout(String createTable) {
        if (createTable == null) {
            return null;
        }
        String clause;
        int at = createTable.indexOf("\n PARTITION BY ");
        if (at >= 0) {
            clause = createTable.substring(at + 2);
        } else if ((at = createTable.indexOf("\n/*!50100 PARTITION BY ")) >= 0) {
            clause = createTable.substring(at + "\n/*!50100 ".length());
            clause = clause.endsWith("*/") ? clause.substring(0, clause.length() - 2) : clause;
        } else {
            return null;
        }
        clause = clause.strip();
        Matcher auto = AUTO_BY_TIME.matcher(clause);
        if (auto.find()) {
            clause = auto.group().replaceFirst("\\s+STARTS\\s+TIMESTAMP\\s*'[^']*'", "");
        }
        return clause;
    }

    /** One row of information_schema.STATISTICS: one column (or expression) of an index. */
    private record IndexRow(boolean unique, String method, String column, Index.Part part, boolean ignored) {
    }

    private static ResultSet query(Connection c, String sql, String schema) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setString(1, schema);
        return ps.executeQuery();
    }
}
