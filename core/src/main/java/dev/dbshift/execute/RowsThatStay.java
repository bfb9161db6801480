package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a run's row changes may land in tables that keep them through a rollback (MySQL's MyISAM, Aria, MEMORY...):
 * asked of the database at the run's first step that runs statement by statement (or Java), told when a statement of
 * the run may have made such a table, and asked again after a Java migration, whose statements it does not read. While
 * true, row changes do not share a transaction with their progress marks. Other schemas a statement names are asked of
 * once each ({@link #mayIn}), and so are those that the code a row change runs names (a trigger's body, a view's
 * definition: {@link Database.RowsKept}). And what a statement writes outside its transaction through code of the
 * database it calls ({@link #writesOutside}: PostgreSQL's {@code SELECT my_sync()}, where {@code my_sync} calls
 * {@code dblink_exec}), which no rollback undoes either.
 */
final class RowsThatStay implements CommitPoints.OtherSchemas {
    private final Connection connection;
    private final Database database;
    private final String schema;
    private Boolean may;
    /** What other schemas answered: tables are seldom made or changed there by the run, and a run asks once. */
    private final Map<String, Boolean> others = new HashMap<>();
    /** The schemas whose code is being read, so that code naming its own schema, or a cycle, ends. */
    private final Set<String> reading = new HashSet<>();
    /** What writes outside a transaction ({@link #writesOutside}): read at the run's start and after {@link #forget}. */
    private Database.OutsideWrites outside;

    RowsThatStay(Connection connection, Database database, String schema) {
        this.connection = connection;
        this.database = database;
        this.schema = schema;
    }

    boolean may() throws SQLException {
        if (may != null) {
            return may;
        }
        boolean known = keeps(schema);
        if (known || reading.isEmpty()) {
            may = known; // a "no" found inside a cycle may be a "yes" once the cycle's start is read
        }
        return known;
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
            known = keeps(other);
            if (known || reading.isEmpty()) {
                others.put(other, known); // a "no" found inside a cycle may be a "yes" once the cycle's start is read
            }
        }
        return known;
    }

    /**
     * A table of {@code s} keeps rows through a rollback, or code a row change there may run (a trigger, a view, a
     * routine) names another schema that does: a trigger writing into another database's MyISAM table left its row
     * after a killed group, and the next up wrote it again.
     */
    private boolean keeps(String s) throws SQLException {
        Database.RowsKept kept = database.rowsKeptThroughRollback(connection, s);
        if (kept.kept()) {
            return true;
        }
        if (kept.code().isEmpty() && kept.views().isEmpty() || !reading.add(s)) {
            return false; // no code, or code naming a schema whose code names this one back: it is being read already
        }
        try {
            List<String> named = new ArrayList<>();
            kept.code().forEach(code -> named.addAll(StatementEffect.schemasWrittenBy(code)));
            kept.views().forEach(view -> named.addAll(StatementEffect.schemasNamed(view)));
            for (String other : new LinkedHashSet<>(named)) {
                if (!reading.contains(other) && mayIn(other)) {
                    return true;
                }
            }
            return false;
        } finally {
            reading.remove(s);
        }
    }

    /**
     * What in {@code st} writes outside the transaction it runs in, with the code of the database it may call
     * ({@link Database#outsideWrites}, read once, before {@link #forget}): asked in the order the run's statements run, as
     * it learns from their definitions.
     */
    @Override
    public Optional<String> writesOutside(Database database, SqlStatement st) {
        if (outside == null) {
            try {
                read(); // the executor reads it before each step; a plan or a decision after a crash, here
            } catch (SQLException e) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.FAILED, "could not read which functions"
                        + " of the database write outside a transaction (dblink): " + e.getMessage(), e);
            }
        }
        return outside.in(st);
    }

    /** Reads the code of the database that writes outside a transaction, unless read since {@link #forget}. */
    void read() throws SQLException {
        if (outside == null) {
            outside = database.outsideWrites(connection);
        }
    }

    /** A statement of the run may have made a table that keeps its rows through a rollback. */
    void made() {
        may = true;
    }

    /** Something the statements do not show (a Java migration) may have made one: the databases are asked again. */
    void forget() {
        may = null;
        others.clear();
        outside = null;
    }
}
