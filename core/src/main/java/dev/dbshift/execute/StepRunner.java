package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.db.LockLost;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one step and records it: the skeleton both ways of running a step share. A Java migration
 * runs as one statement; a script's statements run as the subclass says ({@link InTransactionStep}:
 * all in one transaction with the history row; {@link StatementByStatementStep}: each on its own,
 * with progress marks). Then the applied row is written (unless the last statement's transaction
 * wrote it), the notes are told, and the result returned. A failing migration becomes a failed result
 * (never an exception); a lost lock goes up unrecorded. Made for one step and thrown away: its fields
 * are that step's state, never the next one's.
 */
abstract sealed class StepRunner permits InTransactionStep, StatementByStatementStep {
    final RunTarget target;
    final Connection connection;
    final Database database;
    final StepRecorder recorder;
    final StepRun run;
    final StepScripts scripts;
    /** What the step has to say besides (the online engine's account of its ALTERs). */
    final List<String> notes = new ArrayList<>();
    /** Statements of the migration done so far, those a resume skips included. */
    int done;

    StepRunner(RunTarget target, StepRun run, StepScripts scripts) {
        this.target = target;
        this.connection = target.connection();
        this.database = target.database();
        this.recorder = new StepRecorder(target);
        this.run = run;
        this.scripts = scripts;
    }

    /** True: the step runs in one transaction; false: in autocommit, statement by statement. */
    abstract boolean transactional();

    /** Runs the scripts' statements; returns how many ran now. */
    abstract int runStatements() throws Exception;

    /** The checksum of the statements done, for the applied row. */
    abstract String doneChecksum();

    /** True when the last statement's transaction already wrote the applied row. */
    abstract boolean recorded();

    /** After the applied row is written. */
    abstract void recordedApplied() throws SQLException;

    /** The lock was lost: leave nothing open. */
    abstract void abandon();

    /** Records the failure {@code e} and returns the failed result. */
    abstract StepResult failed(Exception e) throws SQLException;

    /** Puts the connection's autocommit back as the step found it. */
    abstract void restore(boolean autoCommit) throws SQLException;

    final StepResult run() throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(!transactional());
        try {
            int ran;
            MigrationRef m = run.migration();
            if (m.java() != null) {
                if (run.operation() == Operation.ROLLBACK) {
                    m.java().down(connection);
                } else {
                    m.java().up(connection);
                }
                done = ran = 1;
            } else {
                ran = runStatements();
            }
            if (!recorded()) {
                recorder.applied(run, done, doneChecksum());
            }
            recordedApplied();
            notes.forEach(target.listener()::notice);
            return run.succeeded(ran, notes);
        } catch (LockLost e) {
            // another run holds the lock now: write nothing more, not even a failed row
            abandon();
            throw e;
        } catch (Exception e) {
            return failed(e);
        } finally {
            restore(auto);
        }
    }

    /** Runs one statement of {@code script}; a refusal names the script's file and line. */
    final void execute(ScriptRef script, SqlStatement st) throws StatementFailure {
        try {
            database.execute(connection, st);
        } catch (SQLException e) {
            String where = database.errorPosition(st, e).map(p -> p.line() + ":" + p.column()).orElse(String.valueOf(st.line()));
            throw StatementFailure.at(target.context().secrets(), script, where, st, e.getMessage() + StatementFailure.sqlState(e), e);
        }
    }

    final void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }
}
