package dev.dbshift.history.foreign;

import dev.dbshift.db.Database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;

/**
 * The target's catalog and rows as the history readers ask for them: tables found by name in any case
 * (Liquibase writes {@code DATABASECHANGELOG} upper case on MySQL, lower case on PostgreSQL), their
 * columns, and queries with names qualified by the schema. Only reads.
 */
public final class TargetTables {
    /** One row of a query. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Database database;
    private final String schema;
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    public TargetTables(Connection connection, Database database, String schema) {
        this.connection = connection;
        this.database = database;
        this.schema = schema;
    }

    /** The schema (database, on MySQL) the history is in. */
    public String schema() {
        return schema;
    }

    /** {@code name} in the target schema, as the catalog spells it; empty when there is no such table. */
    public Optional<String> find(String name) throws SQLException {
        return find(schema, name);
    }

    /** {@code name} in {@code inSchema} (a registry schema, such as Sqitch's), as the catalog spells it. */
    public Optional<String> find(String inSchema, String name) throws SQLException {
        if (!database.tableExists(connection, inSchema, name)) {
            return Optional.empty();
        }
        DatabaseMetaData md = connection.getMetaData();
        try (ResultSet rs = database.tables(md, inSchema, "%")) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME");
                if (t.equalsIgnoreCase(name)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.of(name);
    }

    /** The column names of {@code table} in the target schema, lower case. */
    public Set<String> columns(String table) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + qualified(schema, table) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** An identifier quoted for the target (a column named by a reserved word, such as Sqitch's {@code change}). */
    public String quote(String identifier) {
        return database.quote(identifier);
    }

    /** {@code table} of {@code inSchema}, quoted. */
    public String qualified(String inSchema, String table) {
        return (inSchema == null ? "" : database.quote(inSchema) + ".") + database.quote(table);
    }

    /** {@code table} of the target schema, quoted. */
    public String qualified(String table) {
        return qualified(schema, table);
    }

    public <T> List<T> query(String sql, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    /** A timestamp column read as UTC (how the tools write theirs where the column has no zone). */
    public Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, utc);
        return t == null ? null : t.toInstant();
    }
}
