package dev.dbshift.db.mysql.online;

import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Removes what a change created. Triggers always go first: a trigger that writes to a table that
 * is gone would make every application write fail. Each step is idempotent ({@code IF EXISTS}),
 * so a cleanup interrupted by a crash is simply run again.
 */
public final class MySqlCleanup {

    private final Connection connection;
    private final OnlineNames names;

    public MySqlCleanup(Connection connection, OnlineNames names) {
        this.connection = connection;
        this.names = names;
    }

    /** After the swap: triggers (now on the old table), change log, and the old table unless kept. */
    public void afterSwap(boolean keepOld) throws SQLException {
        MySqlTriggerCapture.dropAll(connection, names);
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.changeLog()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), MySqlTriggerCapture.control(names)));
        if (!keepOld) {
            MySqlTriggerCapture.shortWait(connection, MySqlOnlineSql.dropTable(names.schema(), names.old()));
        }
    }

    /** Abort: triggers, change log, shadow and probe; the table itself is untouched. */
    public void abort() throws SQLException {
        MySqlTriggerCapture.dropAll(connection, names);
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.changeLog()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), MySqlTriggerCapture.control(names)));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.shadow()));
        Statements.execute(connection, MySqlOnlineSql.dropTable(names.schema(), names.probe()));
    }
}
