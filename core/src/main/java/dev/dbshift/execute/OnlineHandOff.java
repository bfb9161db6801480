package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.online.ChangeOwner;
import dev.dbshift.online.OnlineChange;
import dev.dbshift.online.OnlineMigrator;
import dev.dbshift.online.ProgressLines;
import dev.dbshift.online.Connections;
import dev.dbshift.sql.SqlStatement;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Hands an ALTER TABLE of a {@code -- dbshift:online} script to the online change engine: the one
 * place the executor calls it. The engine's state table, not this run's progress mark, knows whether
 * an interrupted run's change of this statement (the {@code ordinal}-th of the migration) is still
 * going or finished: the engine resumes it, or reports it done, instead of running the ALTER again.
 * The engine's progress goes to the run's notes as {@code online alter} prints it to a log (a line every
 * status interval, and one at once when a phase begins or a wait does): a copy of hours, or a wait for a
 * row the application holds, is never silent.
 */
final class OnlineHandOff {
    private final Database database;
    private final HistoryStore store;
    private final Executor.Context context;
    private final ExecutionListener listener;

    OnlineHandOff(Database database, HistoryStore store, Executor.Context context, ExecutionListener listener) {
        this.database = database;
        this.store = store;
        this.context = context;
        this.listener = listener;
    }

    /**
     * Runs {@code st} through the engine; returns the engine's account of it (a note for the step's result).
     * {@code allowUnique}: the script's {@code -- dbshift:online allow-unique}.
     */
    String alter(MigrationRef m, ScriptRef script, SqlStatement st, int ordinal, boolean allowUnique)
            throws StatementFailure, SQLException {
        OnlineChange online = database.online().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                script.name() + ":" + st.line() + ": -- dbshift:online: " + database.name() + " has no online change engine"
                        + " (MySQL/MariaDB and PostgreSQL only); remove the directive"));
        List<HistoryRow> history = store.read();
        String version = m.version() == null ? null : m.version().toString();
        ChangeOwner statement = new ChangeOwner(
                m.label() + " " + script.name() + " statement " + ordinal,
                history.stream().mapToLong(HistoryRow::id).max().orElse(0),
                mark -> history.stream().anyMatch(r -> r.success() && r.id() > mark && Objects.equals(r.version(), version)
                        && (version != null || Objects.equals(r.description(), m.description()))));
        try {
            return "online: " + OnlineMigrator.alterStatement(online, Connections.withOthers(context.connections()::open,
                    context.otherServers()), context.schema(), st.sql(), allowUnique ? context.online().withAllowUnique(true)
                    : context.online(), statement,
                    new ProgressLines(context.online().statusInterval(), line -> listener.notice("online: " + line))).description();
        } catch (DbShiftException e) {
            throw StatementFailure.at(context.secrets(), script, String.valueOf(st.line()), st,
                    "online change refused or failed: " + e.getMessage(), new SQLException(e.getMessage(), e));
        }
    }
}
