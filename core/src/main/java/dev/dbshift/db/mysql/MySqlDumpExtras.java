package dev.dbshift.db.mysql;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the built-in dump of a MariaDB/MySQL database carries beside the model, as mariadb-dump does: the comments of
 * its indexes, a CHECK written on its column as that column's, its tables'
 * options and its sequences' caches, its routines' comments, the start of each recurring event, and with the rows each table's AUTO_INCREMENT and each sequence's next value. An
 * index's comment cannot be set alone: the index is written again whole, as the server's own {@code SHOW
 * CREATE TABLE} defines it, on the table while it is still empty. A view's algorithm, the order triggers of one table
 * and event fire in, and an application-time period with its keys {@code WITHOUT OVERLAPS} are the schema model's (the
 * checksum counts them), and so are the comments of tables and columns (which it does not count): the dump makes them
 * as the model says.
 */
final class MySqlDumpExtras implements JdbcSchemaDump.Extras {

    /** The table options the model leaves out (row format, statistics, checksums, Aria's TRANSACTIONAL), on empty tables. */
    private static final java.util.Set<String> TABLE_OPTIONS = java.util.Set.of("row_format", "key_block_size",
            "stats_persistent", "stats_auto_recalc", "stats_sample_pages", "pack_keys", "checksum", "page_checksum",
            "transactional", "delay_key_write", "max_rows", "min_rows", "avg_row_length", "page_compressed",
            "page_compression_level", "encrypted", "encryption_key_id");

    /**
     * A DBA's table options and sequence caches, which change no result and which the model leaves out, set while the
     * tables are still empty: an {@code ALTER TABLE ... ROW_FORMAT} after the rows would copy each table again.
     */
    @Override
    public List<String> tables(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select TABLE_NAME, TABLE_TYPE, CREATE_OPTIONS from information_schema.TABLES"
                + " where TABLE_SCHEMA = ? and TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE') order by TABLE_NAME", schema)) {
            if ("SEQUENCE".equals(r[1])) {
                sequences.add(r[0]);
                continue;
            }
            List<String> options = new ArrayList<>();
            for (String option : (r[2] == null ? "" : r[2]).split(" ")) {
                int eq = option.indexOf('=');
                if (eq > 0 && TABLE_OPTIONS.contains(option.substring(0, eq).toLowerCase(java.util.Locale.ROOT))
                        && option.substring(eq + 1).matches("[A-Za-z0-9_]+")) {
                    options.add(option.substring(0, eq).toUpperCase(java.util.Locale.ROOT) + "=" + option.substring(eq + 1));
                }
            }
            if (!options.isEmpty()) {
                out.add("ALTER TABLE " + writer.quote(r[0]) + " " + String.join(" ", options));
            }
        }
        for (String sequence : sequences) {
            String cache = CatalogQuery.first(c, "select cache_size from " + writer.quote(schema) + "." + writer.quote(sequence))
                    .orElse("1000");
            if (!cache.equals("1000")) {
                out.add("ALTER SEQUENCE " + writer.quote(sequence) + " CACHE = " + cache);
            }
        }
        out.addAll(asDefined(c, schema, writer));
        return out;
    }

    /**
     * The columns and indexes the model cannot give back as made, written again on the empty tables as {@code SHOW
     * CREATE TABLE} defines them: a commented index (its comment cannot be set alone), and a column with a
     * CHECK written on it (MariaDB's JSON columns have one), which the model holds as the table's constraint of the
     * column's name and the dump has made so: it is dropped in the same statement. Left a table's constraint, a later
     * {@code MODIFY} of the column, which drops the column's own CHECK with it, kept this one.
     */
    private static List<String> asDefined(Connection c, String schema, DdlWriter writer) throws SQLException {
        // no join with TABLES to tell tables from views: MariaDB fills an information_schema table joined on a column
        // for every database on the server; a view's name has no line in the SHOW CREATE read below, so nothing of it is
        // written, and whether a table is system-versioned that statement says too
        Map<String, Rewrite> tables = new java.util.TreeMap<>();
        // MariaDB says which checks were written on a column (LEVEL); MySQL 8 keeps none apart from the table's
        if (MySqlSchemaReader.catalogColumns(c, "CHECK_CONSTRAINTS").contains("CHECK_CONSTRAINTS.LEVEL")) {
            for (String[] r : CatalogQuery.rows(c, "select TABLE_NAME, CONSTRAINT_NAME from information_schema.CHECK_CONSTRAINTS"
                    + " where CONSTRAINT_SCHEMA = ? and LEVEL = 'Column' order by TABLE_NAME, CONSTRAINT_NAME", schema)) {
                tables.computeIfAbsent(r[0], k -> new Rewrite()).checks.add(r[1]);
            }
        }
        for (String[] r : CatalogQuery.rows(c, "select distinct TABLE_NAME, INDEX_NAME from information_schema.STATISTICS"
                + " where TABLE_SCHEMA = ? and INDEX_COMMENT <> '' order by TABLE_NAME, INDEX_NAME", schema)) {
            tables.computeIfAbsent(r[0], k -> new Rewrite()).indexes.add(r[1]);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Rewrite> t : tables.entrySet()) {
            String shown = MySqlSchemaReader.showCreate(c, schema, t.getKey());
            List<String> lines = shown == null ? List.of() : List.of(shown.split("\n"));
            List<String> changes = new ArrayList<>();
            for (String check : t.getValue().checks) {
                changes.add("DROP CONSTRAINT " + writer.quote(check));
            }
            for (String column : t.getValue().checks) {
                // a CHECK written on a column is named after it: the column is written again with it
                line(lines, writer.quote(column) + " ").ifPresent(l -> changes.add("MODIFY COLUMN " + l));
            }
            for (String index : t.getValue().indexes) {
                String key = index.equals("PRIMARY") ? "PRIMARY KEY (" : "KEY " + writer.quote(index) + " (";
                line(lines, key).or(() -> line(lines, "UNIQUE " + key)).or(() -> line(lines, "FULLTEXT " + key))
                        .or(() -> line(lines, "SPATIAL " + key)).ifPresent(l -> {
                            changes.add(index.equals("PRIMARY") ? "DROP PRIMARY KEY" : "DROP INDEX " + writer.quote(index));
                            changes.add("ADD " + l);
                        });
            }
            if (!changes.isEmpty()) {
                // MariaDB refuses to change a column of a system-versioned table unless told to keep its history
                boolean versioned = lines.stream().anyMatch(l -> l.startsWith(")") && l.contains(" WITH SYSTEM VERSIONING"));
                out.add((versioned ? MySqlDdlWriter.KEEP_HISTORY : "") + "ALTER TABLE " + writer.quote(t.getKey()) + " "
                        + String.join(", ", changes));
            }
        }
        return out;
    }

    /** What {@link #asDefined} writes again of one table. */
    private record Rewrite(List<String> checks, List<String> indexes) {
        Rewrite() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /** The line of {@code SHOW CREATE TABLE} that starts with {@code start}, without its indent and comma. */
    private static java.util.Optional<String> line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.startsWith("  " + start)).findFirst().map(MySqlDumpExtras::strip);
    }

    /**
     * The routines' comments and the events' starts, once everything is made.
     */
    @Override
    public List<String> after(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        out.addAll(routineComments(c, schema, writer));
        out.addAll(eventStarts(c, schema, writer));
        return out;
    }

    /** What the model leaves out of a function or procedure: its comment (its {@code SQL SECURITY} the model holds). */
    private static List<String> routineComments(Connection c, String schema, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select ROUTINE_TYPE, ROUTINE_NAME, ROUTINE_COMMENT from information_schema.ROUTINES"
                + " where ROUTINE_SCHEMA = ? and ROUTINE_COMMENT <> '' order by 2, 1", schema)) {
            out.add("ALTER " + r[0] + " " + writer.quote(r[1]) + " COMMENT " + writer.literal(r[2]));
        }
        return out;
    }

    /**
     * Each table's AUTO_INCREMENT as it stands (after the rows the server sets it past the highest key loaded, which
     * hands out again the keys of deleted rows), and each sequence's next value, as mariadb-dump keeps them.
     */
    @Override
    public List<String> counters(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select TABLE_NAME, TABLE_TYPE, AUTO_INCREMENT from information_schema.TABLES"
                + " where TABLE_SCHEMA = ? and (AUTO_INCREMENT is not null or TABLE_TYPE = 'SEQUENCE') order by TABLE_NAME", schema)) {
            if ("SEQUENCE".equals(r[1])) {
                sequences.add(r[0]);
            } else {
                out.add("ALTER TABLE " + writer.quote(r[0]) + " AUTO_INCREMENT = " + r[2]);
            }
        }
        for (String sequence : sequences) {
            CatalogQuery.first(c, "select next_not_cached_value from " + writer.quote(schema) + "." + writer.quote(sequence))
                    .ifPresent(next -> out.add("SELECT SETVAL(" + writer.quote(sequence) + ", " + next + ", 0)"));
        }
        return out;
    }

    /**
     * The start of each recurring event, which the model leaves out (made again without it, an event starts when it is
     * made, and the schema checksum must not tell two replays apart by it): restored without it, a job set to run
     * daily at 02:00 runs at the time of day the dump was loaded. Set in the event's own time zone, as its start is
     * read in it; the session's zone is set back after.
     */
    private static List<String> eventStarts(Connection c, String schema, DdlWriter writer) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(c, "select EVENT_NAME, INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, TIME_ZONE"
                + " from information_schema.EVENTS where EVENT_SCHEMA = ? and EVENT_TYPE = 'RECURRING' and STARTS is not null"
                + " order by EVENT_NAME", schema)) {
            if (out.isEmpty()) {
                out.add("SET @dbshift_time_zone = @@session.time_zone");
            }
            out.add("SET time_zone = " + writer.literal(r[5]));
            out.add("ALTER EVENT " + writer.quote(r[0]) + " ON SCHEDULE EVERY " + (r[1].matches("\\d+") ? r[1] : writer.literal(r[1]))
                    + " " + r[2] + " STARTS " + writer.literal(r[3]) + (r[4] == null ? "" : " ENDS " + writer.literal(r[4])));
        }
        if (!out.isEmpty()) {
            out.add("SET time_zone = @dbshift_time_zone");
        }
        return out;
    }

    private static String strip(String line) {
        String l = line.strip();
        return l.endsWith(",") ? l.substring(0, l.length() - 1) : l;
    }
}
