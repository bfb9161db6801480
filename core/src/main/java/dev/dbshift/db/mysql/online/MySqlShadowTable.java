package dev.dbshift.db.mysql.online;

import dev.dbshift.online.AlterSpec;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;
import dev.dbshift.online.ShadowTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The shadow: {@code CREATE TABLE _t_new LIKE t} and the user's ALTER applied to it while it is
 * empty (instant whatever the change). Letting the server build the new table, rather than writing
 * its DDL ourselves, means every clause MariaDB accepts works and the result is exactly what a
 * plain ALTER would give. The same trick answers "could the server do this natively": the spec is
 * tried with {@code ALGORITHM=INSTANT}, then {@code INPLACE, LOCK=NONE}, on an empty probe copy.
 */
public final class MySqlShadowTable implements ShadowTable {

    private final Connection connection;
    private final OnlineNames names;

    public MySqlShadowTable(Connection connection, OnlineNames names) {
        this.connection = connection;
        this.names = names;
    }

    public void create(AlterSpec spec) throws SQLException {
        Statements.execute(connection, "CREATE TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow())
                + " LIKE " + MySqlOnlineSql.qualified(names.schema(), names.table()));
        try {
            Statements.execute(connection, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow()) + " " + spec.text());
        } catch (SQLException e) {
            drop();
            throw new OnlineException(OnlineException.BAD_INPUT, "the server rejects the change: " + e.getMessage(), e);
        }
    }

    public void drop() throws SQLException {
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.shadow()));
    }

    /** Digest of the definition {@code spec} gives the table, found on an empty probe copy ({@link #definition}). */
    public String definitionAfter(AlterSpec spec) throws SQLException {
        String probe = MySqlOnlineSql.qualified(names.schema(), names.probe());
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        Statements.execute(connection, "CREATE TABLE " + probe + " LIKE " + MySqlOnlineSql.qualified(names.schema(), names.table()));
        try {
            Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text());
            return definition(connection, names.schema(), names.probe());
        } finally {
            Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        }
    }

    /**
     * SHA-256 of a table's {@code SHOW CREATE TABLE} without its name and AUTO_INCREMENT counter:
     * equal for two tables of the same definition.
     */
    @Override
    public String definitionNow() throws SQLException {
        return definition(connection, names.schema(), names.table());
    }

    static String definition(Connection connection, String schema, String table) throws SQLException {
        List<List<Object>> rows = Statements.rows(connection,
                MySqlOnlineSql.Statement.of("SHOW CREATE TABLE " + MySqlOnlineSql.qualified(schema, table)), 2);
        String ddl = String.valueOf(rows.get(0).get(1));
        String body = ddl.substring(ddl.indexOf('(')).replaceAll(" AUTO_INCREMENT=\\d+", "");
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Native probeNative(AlterSpec spec) throws SQLException {
        String probe = MySqlOnlineSql.qualified(names.schema(), names.probe());
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        Statements.execute(connection, "CREATE TABLE " + probe + " LIKE " + MySqlOnlineSql.qualified(names.schema(), names.table()));
        try {
            try {
                Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text() + ", ALGORITHM=INSTANT");
                return Native.INSTANT;
            } catch (SQLException instant) {
                try {
                    Statements.execute(connection, "ALTER TABLE " + probe + " " + spec.text() + ", ALGORITHM=INPLACE, LOCK=NONE");
                    return Native.INPLACE;
                } catch (SQLException inplace) {
                    return Native.NONE;
                }
            }
        } finally {
            Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
        }
    }
}
