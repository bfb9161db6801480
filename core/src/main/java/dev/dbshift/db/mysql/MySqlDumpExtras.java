package dev.dbshift.db.mysql;

import dev.dbshift.db.CatalogQuery;
import dev.dbshift.schema.DdlWriter;
import dev.dbshift.schema.JdbcSchemaDump;
import dev.dbshift.schema.SchemaDump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the built-in dump of a MariaDB/MySQL database carries beside the model, as mariadb-dump does: the comments of
 * its tables and columns, its tables' options and its sequences' caches, the start of each recurring event, and with
 * the rows each table's AUTO_INCREMENT and each sequence's next value. A column's comment cannot be set alone: the column is written again whole, as the server's
 * own {@code SHOW CREATE TABLE} defines it, comment included ({@code ALTER TABLE ... MODIFY COLUMN}, which changes no
 * row when only the comment differs).
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
        return out;
    }

    @Override
    public List<String> after(Connection c, SchemaDump.Request request, DdlWriter writer) throws SQLException {
        String schema = request.schema();
        List<String> out = new ArrayList<>();
        Map<String, List<String>> commented = new LinkedHashMap<>();
        java.util.Set<String> versioned = new java.util.HashSet<>();
        for (String[] r : CatalogQuery.rows(c, "select c.TABLE_NAME, c.COLUMN_NAME, t.TABLE_TYPE from information_schema.COLUMNS c"
                + " join information_schema.TABLES t on t.TABLE_SCHEMA = c.TABLE_SCHEMA and t.TABLE_NAME = c.TABLE_NAME"
                + " where c.TABLE_SCHEMA = ? and t.TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED') and c.COLUMN_COMMENT <> ''"
                + " order by c.TABLE_NAME, c.ORDINAL_POSITION", schema)) {
            commented.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            if ("SYSTEM VERSIONED".equals(r[2])) {
                versioned.add(r[0]);
            }
        }
        for (Map.Entry<String, List<String>> t : commented.entrySet()) {
            List<String> lines = createTableLines(c, schema, t.getKey(), writer);
            List<String> modify = new ArrayList<>();
            for (String column : t.getValue()) {
                String start = "  " + writer.quote(column) + " ";
                lines.stream().filter(l -> l.startsWith(start)).findFirst().ifPresent(l ->
                        modify.add("MODIFY COLUMN " + withoutCheck(strip(l))));
            }
            if (!modify.isEmpty()) {
                // MariaDB refuses to change a column of a system-versioned table unless told to keep its history
                out.add((versioned.contains(t.getKey()) ? MySqlDdlWriter.KEEP_HISTORY : "") + "ALTER TABLE "
                        + writer.quote(t.getKey()) + " " + String.join(", ", modify));
            }
        }
        for (String[] r : CatalogQuery.rows(c, "select TABLE_NAME, TABLE_COMMENT from information_schema.TABLES"
                + " where TABLE_SCHEMA = ? and TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED') and TABLE_COMMENT <> ''"
                + " order by TABLE_NAME", schema)) {
            out.add("ALTER TABLE " + writer.quote(r[0]) + " COMMENT = " + writer.literal(r[1]));
        }
        out.addAll(eventStarts(c, schema, writer));
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

    private static List<String> createTableLines(Connection c, String schema, String table, DdlWriter writer) throws SQLException {
        List<String[]> rows = CatalogQuery.rows(c, "SHOW CREATE TABLE " + writer.quote(schema) + "." + writer.quote(table));
        return rows.isEmpty() ? List.of() : List.of(rows.get(0)[1].split("\n"));
    }

    /**
     * A commented column's line without the CHECK written on it (MariaDB's JSON columns have one): the dump has already
     * made it as the table's constraint of the column's name, and a second was refused ("Duplicate CHECK constraint
     * name"). The CHECK comes after the comment, so it is looked for past the comment's literal.
     */
    static String withoutCheck(String column) {
        int comment = column.indexOf(" COMMENT '");
        int from = comment < 0 ? 0 : comment + " COMMENT '".length();
        while (comment >= 0 && from < column.length()) {
            char ch = column.charAt(from);
            if (ch == '\\') {
                from += 2;
            } else if (ch == '\'' && from + 1 < column.length() && column.charAt(from + 1) == '\'') {
                from += 2;
            } else if (ch == '\'') {
                from++;
                break;
            } else {
                from++;
            }
        }
        int check = column.indexOf(" CHECK (", Math.min(from, column.length()));
        return check < 0 ? column : column.substring(0, check);
    }

    private static String strip(String line) {
        String l = line.strip();
        return l.endsWith(",") ? l.substring(0, l.length() - 1) : l;
    }
}
