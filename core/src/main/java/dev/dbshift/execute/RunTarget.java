package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What every step of one run works on: the locked connection, its database, the history, the run's context, and whether
 * its row changes may outlive a rollback.
 */
record RunTarget(Connection connection, Database database, HistoryStore store, Executor.Context context,
                 ExecutionListener listener, RowsThatStay rows) {

    RunTarget(Connection connection, Database database, HistoryStore store, Executor.Context context,
              ExecutionListener listener) {
        this(connection, database, store, context, listener, new RowsThatStay(connection, database, context.schema()));
    }

    /** True when the connection died (closed, reset, or the server ended the session). */
    boolean connectionLost() {
        try {
            return connection.isClosed() || !connection.isValid(10);
        } catch (SQLException e) {
            return true;
        }
    }
}
