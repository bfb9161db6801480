package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.history.HistoryStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * Writes a step's history row: the applied row, in whatever transaction the runner has open, or the
 * failed row, whatever state the session was left in (on this connection, after releasing table
 * locks, or on a new connection).
 */
final class StepRecorder {
    private final RunTarget target;
    private final Connection connection;
    private final Database database;
    private final HistoryStore store;
    private final Executor.Context context;
    private final ExecutionListener listener;

    StepRecorder(RunTarget target) {
        this.target = target;
        this.connection = target.connection();
        this.database = target.database();
        this.store = target.store();
        this.context = target.context();
        this.listener = target.listener();
    }

    private HistoryRow.Origin origin() {
        return new HistoryRow.Origin(context.runId(), context.environment(), context.installedBy());
    }

    /** Appends the row saying {@code run} succeeded with {@code done} statements whose text has {@code doneChecksum}. */
    void applied(StepRun run, int done, String doneChecksum, String note) throws SQLException {
        long ms = run.elapsedMs();
        String schema = schemaChecksum(run.recordsSchema());
        store.append(HistoryRow.applied(origin(), run.subject(), schema, run.timing(ms, done, doneChecksum), note));
    }

    /**
     * Records {@code run} as failed after {@code done} statements and returns its failed result; when the connection is
     * lost, or the row cannot be written anywhere, the result says so instead. {@code outside} says why the statements
     * that ran stay applied ("this database cannot roll DDL back"); null when none stayed (rolled back, or none ran).
     */
    StepResult failed(StepRun run, int done, String doneChecksum, String failure, Throwable e, String outside)
            throws SQLException {
        return failed(run, done, doneChecksum, failure, e, outside, true);
    }

    /** {@link #failed(StepRun, int, String, String, Throwable, String)}; {@code wayOut}: the message says how to resume. */
    StepResult failed(StepRun run, int done, String doneChecksum, String failure, Throwable e, String outside, boolean wayOut)
            throws SQLException {
        boolean rolledBack = outside == null;
        String message = context.secrets().scrub(failure);
        long ms = run.elapsedMs();
        boolean lost = target.connectionLost();
        String schema = lost ? null : schemaChecksum(true);
        HistoryRow failed = HistoryRow.failed(origin(), run.subject(), schema,
                run.timing(ms, rolledBack ? 0 : done, rolledBack ? null : doneChecksum), message, trace(e));
        String unrecorded = lost ? "the connection to the database is lost" : recordFailure(failed);
        // where rows stayed through the rollback, the failure's own text says what to do: not "run up again to resume"
        boolean stayed = failed.rowsStayed();
        String suffix = rolledBack || done == 0 || stayed || !wayOut ? "" : wayOut(run, done, outside);
        if (unrecorded != null) {
            suffix += "\n  (this failure could not be written to the history: " + context.secrets().scrub(unrecorded) + ")";
        }
        return new StepResult(run.step(), false, ms, done, run.migration().label() + ": " + message + suffix, List.of(),
                DbShiftException.lockedOrFailed(e), stayed);
    }

    /** What the user does after a failure that left {@code done} statements run, for the failure's message. */
    private static String wayOut(StepRun run, int done, String outside) {
        boolean down = run.operation() == Operation.ROLLBACK;
        if (run.migration().java() != null) {
            return "\n  dbshift cannot run a Java migration from its middle: undo them by hand and run 'dbshift repair' (the"
                    + " next '" + (down ? "down" : "up") + "' runs it from its start), or finish it by hand and record it with"
                    + " 'dbshift stamp " + (down ? "VERSION' (the version below it)" : run.version() + "'");
        }
        if (down) {
            return " (" + done + " statement(s) of the down script before it ran and stay run: " + outside + "; fix the"
                    + " script after them and run 'dbshift down' again to resume: the migration stays applied until its"
                    + " down script has run to its end)";
        }
        return " (" + done + " statement(s) before it ran and stay applied: " + outside + "; fix the script after them, or"
                + " the cause the error names (a full disk), and run 'dbshift up' again to resume)";
    }

    /**
     * Writes a failed row whatever state the session was left in: on this connection; else after
     * releasing table locks (a script that failed between LOCK TABLES and UNLOCK TABLES); else on a new
     * connection. Returns null when written, else why not.
     */
    private String recordFailure(HistoryRow failed) {
        SQLException first;
        try {
            appendInAutocommit(failed);
            return null;
        } catch (SQLException e) {
            first = e;
        }
        releaseTableLocksQuietly();
        try {
            appendInAutocommit(failed);
            return null;
        } catch (SQLException ignored) {
            // the session cannot write: a new one can
        }
        if (context.connections() == null) {
            return first.getMessage();
        }
        try (Connection fresh = context.connections().open()) {
            fresh.setAutoCommit(true);
            store.on(fresh).append(failed);
            return null;
        } catch (SQLException e) {
            return first.getMessage() + "; on a new connection: " + e.getMessage();
        }
    }

    private void appendInAutocommit(HistoryRow r) throws SQLException {
        boolean auto = connection.getAutoCommit();
        if (!auto) {
            database.rollback(connection);
            connection.setAutoCommit(true);
        }
        try {
            store.append(r);
        } finally {
            if (!auto) {
                connection.setAutoCommit(false);
            }
        }
    }

    /**
     * The live schema's checksum when the row records it ({@code wanted}), else null. A failure to read
     * it never fails the migration: inside a transaction the read runs under a savepoint, so a catalog
     * error cannot abort the migration's transaction.
     */
    private String schemaChecksum(boolean wanted) {
        if (context.schemaChecksum() == null || context.schemaChecksums() == SchemaChecksums.OFF || !wanted) {
            return null;
        }
        Savepoint savepoint = null;
        try {
            if (!connection.getAutoCommit()) {
                savepoint = connection.setSavepoint();
            }
            String checksum = store.readAsRunBegan(() -> context.schemaChecksum().read(connection));
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return checksum;
        } catch (SQLException | RuntimeException e) {
            try {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
            } catch (SQLException ignored) {
                // the transaction is in trouble anyway; the commit will say so
            }
            listener.notice("could not read the schema's checksum: " + context.secrets().scrub(e.getMessage()));
            return null;
        }
    }

    void releaseTableLocksQuietly() {
        try {
            database.releaseTableLocks(connection);
        } catch (SQLException ignored) {
            // the failed row is then written on a new connection
        }
    }

    /** What a failure says: a statement's or dbshift's own message as it is, anything else with its type. */
    String message(Exception e) {
        if (e instanceof StatementFailure || e instanceof DbShiftException) {
            return context.secrets().scrub(e.getMessage());
        }
        return context.secrets().scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return context.secrets().scrub(w.toString());
    }
}
