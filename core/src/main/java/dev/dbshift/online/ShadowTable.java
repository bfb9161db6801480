package dev.dbshift.online;

import dev.dbshift.db.mysql.MySqlOnlineSql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The shadow: {@code CREATE TABLE _t_new LIKE t} and the user's ALTER applied to it while it is
 * empty (instant whatever the change). Letting the server build the new table, rather than writing
 * its DDL ourselves, means every clause MariaDB accepts works and the result is exactly what a
 * plain ALTER would give. The same trick answers "could the server do this natively": the spec is
 * tried with {@code ALGORITHM=INSTANT}, then {@code INPLACE, LOCK=NONE}, on an empty probe copy.
 */
public final class ShadowTable {

    /** What the server could do natively without blocking writes. */
    public enum Native {
        INSTANT, INPLACE, NONE
    }

    private final Connection connection;
    private final OnlineNames names;

    public ShadowTable(Connection connection, OnlineNames names) {
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
