package dev.dbshift.execute;

import dev.dbshift.db.Database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether a run's row changes may land in tables that keep them through a rollback (MySQL's MyISAM, Aria, MEMORY...):
 * asked of the database at the run's first step that runs statement by statement (or Java), told when a statement of
 * the run may have made such a table, and asked again after a Java migration, whose statements it does not read. While
 * true, row changes do not share a transaction with their progress marks. Other schemas a statement names are asked of
 * once each ({@link #mayIn}).
 */
final class RowsThatStay implements CommitPoints.OtherSchemas {
    private final Connection connection;
    private final Database database;
    private final String schema;
    private Boolean may;
    /** What other schemas answered: tables are seldom made or changed there by the run, and a run asks once. */
    private final java.util.Map<String, Boolean> others = new java.util.HashMap<>();

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

    /**
     * Whether row changes into {@code other}, a schema a statement names ({@code INSERT INTO other.log},
     * {@code USE other}), may land in a table that keeps them through a rollback; the run's own schema answers
     * {@link #may}. A name that is no schema (an alias qualifying a column) has no tables and answers false.
     */
    @Override
    public boolean mayIn(String other) throws SQLException {
        if (other.equals(schema)) {
            return may();
        }
        Boolean known = others.get(other);
        if (known == null) {
            known = database.keepsRowsThroughRollback(connection, other);
            others.put(other, known);
        }
        return known;
    }

    /** A statement of the run may have made a table that keeps its rows through a rollback. */
    void made() {
        may = true;
    }

    /** Something the statements do not show (a Java migration) may have made one: the databases are asked again. */
    void forget() {
        may = null;
        others.clear();
    }
}
