package dev.dbshift.execute;

import dev.dbshift.db.Database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether a run's row changes may land in tables that keep them through a rollback (MySQL's MyISAM, Aria, MEMORY...):
 * asked of the database at the run's first step that runs statement by statement (or Java), told when a statement of
 * the run may have made such a table, and asked again after a Java migration, whose statements it does not read. While true, row changes do not share a transaction with their progress marks.
 */
final class RowsThatStay {
    private final Connection connection;
    private final Database database;
    private final String schema;
    private Boolean may;

    RowsThatStay(Connection connection, Database database, String schema) {
        this.connection = connection;
        this.database = database;
        this.schema = schema;
    }

    boolean may() throws SQLException {
        if (may == null) {
            may = database.keepsRowsThroughRollback(connection, schema);
        }
        return may;
    }

    /** A statement of the run may have made a table that keeps its rows through a rollback. */
    void made() {
        may = true;
    }

    /** Something the statements do not show (a Java migration) may have made one: the database is asked again. */
    void forget() {
        may = null;
    }
}
