package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.InnoDbForeignKeys;
import dev.dbshift.online.Inspector;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.TableShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads, never writes: the shape of a table, the foreign keys into and out of it, its triggers,
 * free disk space and server load. Everything a preflight refusal is based on comes from here.
 */
public final class MySqlInspector implements Inspector {

    private final Connection connection;

    public MySqlInspector(Connection connection) {
        this.connection = connection;
    }

    public Optional<TableShape> shape(String schema, String table) throws SQLException {
        long rows = 0;
        long bytes = 0;
        String engine = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT ENGINE, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, TABLE_TYPE FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!"BASE TABLE".equalsIgnoreCase(rs.getString(4))) {
                    throw OnlineException.refused(schema + "." + table + " is a " + rs.getString(4) + ", not a table");
                }
                engine = rs.getString(1);
                rows = rs.getLong(2);
                bytes = rs.getLong(3);
            }
        }
        List<TableShape.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, COLLATION_NAME "
                        + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(5) == null ? "" : rs.getString(5).toUpperCase(java.util.Locale.ROOT);
                    boolean nullable = "YES".equals(rs.getString(3));
                    boolean autoInc = extra.contains("AUTO_INCREMENT");
                    boolean generated = extra.contains("VIRTUAL") || extra.contains("STORED") || extra.contains("PERSISTENT");
                    columns.add(new TableShape.Column(rs.getString(1), rs.getString(2), nullable,
                            rs.getString(4) != null, autoInc, generated, rs.getString(6), rs.getString(7)));
                }
            }
        }
        Map<String, List<String>> cols = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Map<String, Boolean> prefixed = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    cols.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getString(3));
                    unique.put(name, rs.getInt(2) == 0);
                    rs.getObject(4);
                    prefixed.merge(name, !rs.wasNull(), Boolean::logicalOr);
                }
            }
        }
        List<TableShape.Index> indexes = new ArrayList<>();
        cols.forEach((name, c) -> indexes.add(new TableShape.Index(name, unique.get(name), c, prefixed.get(name))));
        return Optional.of(new TableShape(schema, table, columns, indexes, engine, rows, bytes));
    }

    /** Foreign keys out of the table and into it, described for a person. */
    public List<String> foreignKeys(String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        // its referenced side makes the server open every table it has; InnoDB's dictionary can say "none" first
        if (!InnoDbForeignKeys.mayTouch(connection, schema, table)) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
                        + "WHERE (CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?) OR (UNIQUE_CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, schema);
            ps.setString(4, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " (" + rs.getString(2) + " -> " + rs.getString(3) + ")");
                }
            }
        }
        return out;
    }

    public List<String> triggers(String schema, String table) throws SQLException {
        return new ArrayList<>(triggerBodies(schema, table).keySet());
    }

    /** The columns of {@code schema.table} in order, each as "name type"; empty when there is no such table. */
    public List<String> columnTypes(String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The triggers on {@code schema.table} by name, each with its body ({@code ACTION_STATEMENT}). */
    public Map<String, String> triggerBodies(String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TRIGGER_NAME, ACTION_STATEMENT"
                + " FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public boolean tableExists(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Free bytes where the server keeps its data, when that directory is visible from this host
     * (a server on the same machine); empty otherwise, and the disk check is then skipped with a warning.
     */
    public OptionalLong freeBytes() throws SQLException {
        String datadir;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT @@datadir")) {
            rs.next();
            datadir = rs.getString(1);
        }
        try {
            Path dir = Path.of(datadir);
            if (Files.isDirectory(dir)) {
                return OptionalLong.of(Files.getFileStore(dir).getUsableSpace());
            }
        } catch (Exception e) {
            // not visible from here
        }
        return OptionalLong.empty();
    }

    /** On a Galera node ({@code wsrep_on}): its {@code wsrep_OSU_method}, upper case. */
    @Override
    public Optional<String> clusterDdl() throws SQLException {
        Map<String, String> vars = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_osu_method')")) {
            while (rs.next()) {
                vars.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            }
        }
        if (!"ON".equalsIgnoreCase(vars.get("wsrep_on"))) {
            return Optional.empty();
        }
        return Optional.of(vars.getOrDefault("wsrep_osu_method", "TOI").toUpperCase(java.util.Locale.ROOT));
    }

    /** The current value of a global status variable such as {@code Threads_running}. */
    public long status(String variable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SHOW GLOBAL STATUS LIKE ?")) {
            ps.setString(1, variable);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new OnlineException(OnlineException.BAD_INPUT, "no such status variable: " + variable);
                }
                return Long.parseLong(rs.getString(2).trim());
            }
        }
    }
}
