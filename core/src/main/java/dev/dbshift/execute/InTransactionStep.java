package dev.dbshift.execute;

import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;

import java.sql.SQLException;

/**
 * A step whose statements and history row commit in one transaction (transactional DDL, and a
 * script that allows it): after a crash the database is before or after the migration, and the
 * history agrees. A failure rolls everything back and records a failed row with nothing done.
 */
final class InTransactionStep extends StepRunner {

    InTransactionStep(RunTarget target, StepRun run, StepScripts scripts) {
        super(target, run, scripts);
    }

    @Override
    boolean transactional() {
        return true;
    }

    @Override
    int runStatements() throws Exception {
        boolean outside = scripts.anyWritesOutside(run.scripts());
        if (outside && run.key() != null) {
            // a crash in the transaction rolls it back, but not what the step wrote outside it: the mark, committed before
            // the transaction begins, leaves such a crash in doubt ("not done" ran dblink_exec's INSERT twice)
            target.store().progress(target.context().runId(), run.key(), 0, (run.operation() == Operation.ROLLBACK
                    ? InterruptedStatement.DOWN_MARK : "") + InterruptedStatement.OUTSIDE_MARK + scripts.checksum(run.scripts()));
            connection.commit();
        }
        // a lock timeout rolls the whole transaction back: the migration is tried again from its first statement, unless
        // it had written outside it
        return withLockRetries(() -> {
            done = 0;
            for (ScriptRef s : run.scripts()) {
                try (StatementIterator it = scripts.statements(s)) {
                    while (it.hasNext()) {
                        SqlStatement st = it.next();
                        if (outside && firstOutsideWrite == null) {
                            firstOutsideWrite = wroteOutside(s, st);
                        }
                        try {
                            execute(s, st);
                        } catch (StatementFailure f) {
                            throw firstOutsideWrite == null || f.lockWait() == null ? f : f.gaveUp("not tried again: " + firstOutsideWrite
                                    + " wrote outside the transaction, and would write again");
                        }
                        done++;
                    }
                }
            }
            return done;
        }, this::rollbackQuietly);
    }

    /** Where the first statement that writes outside the transaction is, and what it calls, once it began; else null. */
    private String firstOutsideWrite;

    @Override
    String doneChecksum() {
        return null;
    }

    @Override
    boolean recorded() {
        return false;
    }

    @Override
    void recordedApplied() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        // else a Java migration switched autocommit on, which committed its work; the applied row committed on its own
    }

    @Override
    void abandon() {
        rollbackQuietly(); // nothing was committed either way
    }

    @Override
    StepResult failed(Exception e) throws SQLException {
        rollbackQuietly();
        if (target.connectionLost()) {
            // the history row was to commit in the migration's own transaction: whatever the server did with that
            // transaction, the history says it, so nothing is written from here and the next run reads it
            return new StepResult(run.step(), false, run.elapsedMs(), 0, run.migration().label() + ": " + recorder.message(e)
                    + "\n  the connection to the database was lost in this migration's transaction: the server rolls it"
                    + " back unless it had committed, and its history row commits with it; " + (firstOutsideWrite == null
                    ? "the next 'dbshift up' reads which and goes on from there" : "what " + firstOutsideWrite + " wrote"
                    + " outside it stays either way: the next 'dbshift up' stops and asks what was done"));
        }
        // a Java migration that committed dbshift's transaction itself: what it committed stays
        StepResult stayed = javaFailedWithStatementsThatStay(e, COMMITTED_ITSELF);
        if (stayed != null) {
            return stayed;
        }
        if (firstOutsideWrite != null) {
            // rolled back, but not what went outside the transaction: nothing runs it again until a user says it is undone
            return recorder.failed(run, 0, HistoryRow.ROWS_STAYED + new StatementChecksum().current(), recorder.message(e)
                    + keptRows(1, done + 1, firstOutsideWrite), e, "what it wrote outside the transaction stays");
        }
        return recorder.failed(run, 0, null, recorder.message(e), e, null); // rolled back
    }

    private static final String COMMITTED_ITSELF = "the Java migration committed the transaction it was given, or it was"
            + " committed before a statement that writes outside it";

    @Override
    void restore(boolean autoCommit) throws SQLException {
        connection.setAutoCommit(autoCommit);
    }
}
