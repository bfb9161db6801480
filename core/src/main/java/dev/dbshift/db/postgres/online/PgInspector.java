package dev.dbshift.db.postgres.online;

import dev.dbshift.online.Inspector;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.TableShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the catalog, never writes. The primary key's index is reported as {@code PRIMARY} (the
 * neutral {@link TableShape} convention); an expression or partial unique index is reported as
 * "prefixed", so it is never taken as the row key. Table names are matched exactly as stored.
 */
final class PgInspector implements Inspector {

    private final Connection connection;

    PgInspector(Connection connection) {
        this.connection = connection;
    }

    static final String REL = "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ?)";

    /**
     * A table linked to others by PostgreSQL's inheritance is refused: the copy is a table of its own, which the swap
     * puts in its place without the link. A partition's copy was left outside its partitioned table (whose rows then
     * lacked the partition's, and whose writes for it failed); a parent's copy took its children's rows as its own
     * (they were read with its), and the children stayed the old table's.
     */
    private void refuseInheritance(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relispartition,"
                + " (SELECT string_agg(p.relname, ', ') FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid),"
                + " (SELECT string_agg(ch.relname, ', ') FROM pg_inherits i JOIN pg_class ch ON ch.oid = i.inhrelid WHERE i.inhparent = c.oid AND NOT ch.relispartition)"
                + " FROM pg_class c WHERE c.oid = " + REL)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                String parents = rs.getString(2);
                String children = rs.getString(3);
                if (rs.getBoolean(1)) {
                    throw OnlineException.refused(table + " is a partition of " + parents + ": the copy engine's swap would leave"
                            + " its copy outside " + parents + "; change " + table + " with a plain ALTER TABLE, or change "
                            + parents + " as a whole");
                }
                if (parents != null) {
                    throw OnlineException.refused(table + " inherits from " + parents + ": the copy engine's swap would leave its"
                            + " copy outside the inheritance; change it with a plain ALTER TABLE");
                }
                if (children != null) {
                    throw OnlineException.refused("tables inherit from " + table + " (" + children + "): its copy would take their"
                            + " rows as its own and leave them the old table's; change it with a plain ALTER TABLE");
                }
            }
        }
    }

    @Override
    public Optional<TableShape> shape(String schema, String table) throws SQLException {
        String kind;
        long rows;
        long bytes;
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relkind, c.reltuples::bigint,"
                + " pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = " + REL)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                kind = rs.getString(1);
                rows = Math.max(0, rs.getLong(2));
                bytes = rs.getLong(3);
            }
        }
        if (!kind.equals("r") && !kind.equals("p")) {
            throw OnlineException.refused(schema + "." + table + " is not a table (relkind " + kind + ")");
        }
        refuseInheritance(schema, table);
        List<TableShape.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " NOT a.attnotnull, a.atthasdef OR a.attidentity <> '', a.attidentity <> ''"
                + " OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%', a.attgenerated <> '',"
                + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE a.attrelid = " + REL + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableShape.Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), null, rs.getString(7)));
                }
            }
        }
        List<TableShape.Index> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT ic.relname, i.indisprimary, i.indisunique,"
                + " i.indexprs IS NOT NULL OR i.indpred IS NOT NULL OR NOT i.indisvalid,"
                + " ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(num, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)::text[]"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = " + REL
                + " ORDER BY i.indisprimary DESC, ic.relname")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = List.of((String[]) rs.getArray(5).getArray());
                    indexes.add(new TableShape.Index(rs.getBoolean(2) ? "PRIMARY" : rs.getString(1), rs.getBoolean(3), cols,
                            rs.getBoolean(4)));
                }
            }
        }
        return Optional.of(new TableShape(schema, table, columns, indexes, kind.equals("p") ? "partitioned" : "heap",
                rows, bytes));
    }

    @Override
    public List<String> foreignKeys(String schema, String table) throws SQLException {
        return PgSql.strings(connection, "SELECT conname || ' (' || conrelid::regclass || ' -> ' || confrelid::regclass || ')'"
                + " FROM pg_constraint WHERE contype = 'f' AND (conrelid = " + REL + " OR confrelid = " + REL + ") ORDER BY 1",
                schema, table, schema, table);
    }

    /** Triggers of the table's own (not the internal ones of constraints). */
    @Override
    public List<String> triggers(String schema, String table) throws SQLException {
        return PgSql.strings(connection, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = " + REL
                + " ORDER BY 1", schema, table);
    }

    /** Views (and materialized views) whose definition reads the table. */
    @Override
    public List<String> dependents(String schema, String table) throws SQLException {
        return PgSql.strings(connection, "SELECT DISTINCT v.oid::regclass::text FROM pg_depend d"
                + " JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class"
                + " WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = " + REL + " AND v.oid <> d.refobjid ORDER BY 1",
                schema, table);
    }

    @Override
    public boolean tableExists(String schema, String table) throws SQLException {
        return !PgSql.strings(connection, "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')", schema, table).isEmpty();
    }

    /** Free bytes of the data directory when this host can see it (a server on the same machine, readable). */
    @Override
    public OptionalLong freeBytes() throws SQLException {
        try {
            String dir = PgSql.strings(connection, "SELECT current_setting('data_directory')").get(0);
            Path p = Path.of(dir);
            if (Files.isDirectory(p)) {
                return OptionalLong.of(Files.getFileStore(p).getUsableSpace());
            }
        } catch (SQLException e) {
            // not allowed to read the setting (needs pg_read_all_settings): not visible
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (Exception e) {
            // not visible from here
        }
        return OptionalLong.empty();
    }

    /**
     * {@code Threads_running} (the load measure the options name, as on MySQL) is the number of
     * backends of this database running a statement now; other names are not known here.
     */
    @Override
    public long status(String variable) throws SQLException {
        if (!variable.toLowerCase(Locale.ROOT).equals("threads_running")) {
            throw new OnlineException(OnlineException.BAD_INPUT, "no such load measure on PostgreSQL: " + variable
                    + " (known: Threads_running, the active backends of the database)");
        }
        return Long.parseLong(PgSql.strings(connection, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND datname = current_database()").get(0));
    }

    /** The SQL types of {@code columns} of a table, in order (for casting bound key values). */
    static List<String> types(Connection c, String schema, String table, List<String> columns) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String col : columns) {
            List<String> t = PgSql.strings(c, "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = "
                    + REL + " AND a.attname = ?", schema, table, col);
            if (t.isEmpty()) {
                throw new OnlineException(OnlineException.FAILED, "no column " + col + " in " + schema + "." + table);
            }
            out.add(t.get(0));
        }
        return out;
    }
}
