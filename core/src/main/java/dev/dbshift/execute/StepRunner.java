package dev.dbshift.execute;

import dev.dbshift.db.SafeDdl;
import dev.dbshift.db.Database;
import dev.dbshift.db.DdlLocks;
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
    /** Safe DDL's lock timeout, or null where it is off or the vendor has none. */
    private final DdlLocks locks;
    private final SafeDdl safe;
    /** Tries that gave up waiting for a lock in this step. */
    private int lockTimeouts;
    /** What a Java migration ran that may have committed (watched in dbshift's transaction too); null for a script. */
    private CommittedStatements javaRan;

    StepRunner(RunTarget target, StepRun run, StepScripts scripts) {
        this.target = target;
        this.connection = target.connection();
        this.database = target.database();
        this.recorder = new StepRecorder(target);
        this.run = run;
        this.scripts = scripts;
        this.safe = target.context().safeDdl();
        this.locks = safe.enabled() ? database.ddlLocks().orElse(null) : null;
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

    /**
     * Before a Java migration runs its first statement that may change something: the mark "0 done" of its run, so that
     * a kill after it is undecided ({@link InterruptedStatement}). Where the step runs in a transaction the mark joins
     * it, and commits only with the history row, or when the migration commits that transaction itself. A down's mark
     * says so ({@link InterruptedStatement#DOWN_MARK}), as a down script's does.
     *
     * @param inSqlTransaction inside a transaction the migration opened with SQL ({@code BEGIN}), which the mark joins
     * @param commitIt         commit the mark now, before a row change whose rows stay through a rollback (nothing else
     *                         is in the transaction yet: this is the migration's first change)
     */
    final void beforeJavaChanges(boolean inSqlTransaction, boolean commitIt) throws SQLException {
        if (run.key() == null) {
            return;
        }
        String direction = run.operation() == Operation.ROLLBACK ? InterruptedStatement.DOWN_MARK : null;
        if (inSqlTransaction) {
            target.store().progressInScriptTransaction(target.context().runId(), run.key(), 0, direction);
        } else {
            target.store().progress(target.context().runId(), run.key(), 0, direction);
            if (commitIt && !connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /**
     * Records the failure of a Java migration whose statements that committed ({@link CommittedStatements}) stay, and
     * lists them ({@code outside} says why they stay); null when none did.
     */
    final StepResult javaFailedWithStatementsThatStay(Exception e, String outside) throws SQLException {
        List<String> stayed = javaRan == null ? List.of() : javaRan.committed();
        if (stayed.isEmpty()) {
            return null;
        }
        return recorder.failed(run, stayed.size(), null, recorder.message(e) + "\n  " + stayed.size() + " statement(s) it ran"
                + " before the failure stay applied (" + outside + "):" + CommittedStatements.list(stayed), e, outside);
    }

    /**
     * Where {@code st} is and what in it writes outside its transaction ({@link Database#writesOutsideTransaction}, or
     * through the database's code it calls: {@link RowsThatStay#writesOutside}); else null.
     */
    final String wroteOutside(ScriptRef s, SqlStatement st) {
        return target.rows().writesOutside(database, st).map(w -> s.name() + ":" + st.line() + " (" + w + ")").orElse(null);
    }

    /**
     * What a failure says when the rollback of statements {@code from} to {@code to} could not undo everything, and that
     * the next run stops over it: the server said a table they wrote into keeps its rows (MyISAM), or, with
     * {@code wroteOutside} (its place and call), a statement among them wrote outside the transaction
     * ({@link Database#writesOutsideTransaction}).
     */
    final String keptRows(int from, int to, String wroteOutside) {
        boolean one = from == to;
        String which = one ? "statement " + from : "statements " + from + " to " + to;
        String next = run.operation() == Operation.ROLLBACK ? "down" : "up";
        String why = wroteOutside == null
                ? "the server says a table " + (one ? "it" : "they") + " wrote into keeps its rows through a rollback (MyISAM,"
                + " Aria, MEMORY), so what " + (one ? "it" : "they") + " wrote there stays"
                : wroteOutside + " writes outside the transaction, which a rollback does not undo, so what it wrote there may"
                + " stay";
        String remove = " remove " + (wroteOutside == null ? "those rows" : "what it wrote") + " by hand, then run 'dbshift repair";
        return " (" + which + (one ? " was" : " were") + " rolled back, but not all of " + (one ? "it" : "them") + ": " + why
                + ", and running " + (one ? "it" : "them") + " again would write it twice; the next '" + next + "' stops here:"
                + (run.version() == null ? remove + " --statement-not-done " + MigrationRef.argument(run.key()) + "' (the next 'up'"
                + " runs " + which + " again))"
                : remove + " --statement-not-done " + run.version() + "' (the next '" + next + "' runs " + which + " again), or"
                + " finish the migration by hand and record it with 'dbshift stamp " + (next.equals("up") ? run.version() + "'"
                : "VERSION' (the version below it)") + ")");
    }

    /** Records the failure {@code e} and returns the failed result. */
    abstract StepResult failed(Exception e) throws SQLException;

    /** Puts the connection's autocommit back as the step found it. */
    abstract void restore(boolean autoCommit) throws SQLException;

    final StepResult run() throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(!transactional());
        StepResult result = null;
        try {
            int ran;
            MigrationRef m = run.migration();
            if (m.java() != null) {
                if (!transactional() && !database.supportsTransactionalDdl()) {
                    // MariaDB/InnoDB and H2 roll rows back but commit DDL: the migration runs in a transaction, its rows
                    // commit with its history row, and each schema change commits what came before it, as the server does
                    connection.setAutoCommit(false);
                }
                // in dbshift's transaction too: the migration may commit it itself
                javaRan = new CommittedStatements(database, connection.getAutoCommit(), target.rows().may(), target.rows(),
                        this::beforeJavaChanges);
                Connection seen = javaRan.wrap(connection);
                try {
                    if (run.operation() == Operation.ROLLBACK) {
                        m.java().down(seen);
                    } else {
                        m.java().up(seen);
                    }
                } finally {
                    target.rows().forget(); // Java code may have made any table: the run's next step asks again
                }
                done = ran = 1;
            } else {
                ran = runStatements();
            }
            if (!recorded()) {
                recorder.applied(run, done, doneChecksum(), lockNote());
            }
            recordedApplied();
            if (m.java() != null && !transactional() && !connection.getAutoCommit()) {
                connection.commit(); // a Java migration's rows and its applied row (above), where DDL commits on its own
            }
            if (lockTimeouts > 0) {
                notes.add(m.label() + ": " + lockNote());
            }
            notes.forEach(target.listener()::notice);
            result = run.succeeded(ran, notes);
            return result;
        } catch (LockLost e) {
            // another run holds the lock now: write nothing more, not even a failed row
            abandon();
            throw new LockLost(run.migration().label() + ": " + e.getMessage()); // which migration it stopped in
        } catch (Exception e) {
            result = failed(e);
            return result;
        } finally {
            restoreUnlessFailed(auto, result != null && result.success());
        }
    }

    /**
     * {@link #restore}, whose own failure fails a step that {@code succeeded} on a connection it still has; after a
     * failed step it is left unsaid: a throw from here would replace the step's own result (which names the migration,
     * file and line, and is recorded) with what the connection says after it, such as the driver's "connection closed",
     * or H2's "The database has been closed" after its disk filled up. The run stops at the failed step either way.
     */
    private void restoreUnlessFailed(boolean auto, boolean succeeded) throws SQLException {
        try {
            restore(auto);
        } catch (SQLException e) {
            if (succeeded && !target.connectionLost()) {
                throw e;
            }
        }
    }

    /**
     * What to do about a procedure or {@code DO} block that commits (PostgreSQL's "invalid transaction termination",
     * SQLState 2D000) in dbshift's transaction: psql runs it in autocommit, where it may; dbshift cannot tell from
     * {@code CALL p()} that {@code p} commits, so the author says so.
     */
    private String committedInside(SQLException e) {
        return "2D000".equals(e.getSQLState()) && transactional()
                ? "\n  a procedure or DO block that commits or rolls back runs only outside a transaction: add"
                + " '-- dbshift:no-transaction' at the top of the script" : "";
    }

    /**
     * What a refused statement outside a transaction left that the server did not undo, as the vendor cleans it up or
     * says how (PostgreSQL: the invalid index of a failed CREATE INDEX CONCURRENTLY, which would refuse the statement run
     * again), on a line of its own.
     */
    private String leftByFailure(SqlStatement st, SQLException e) {
        try {
            if (!connection.getAutoCommit()) {
                return "";
            }
        } catch (SQLException gone) {
            return "";
        }
        return database.leftByFailure(connection, target.context().schema(), st, e).map(left -> "\n  " + left).orElse("");
    }

    /** Runs one statement of {@code script}; a refusal names the script's file and line. DDL runs under safe DDL. */
    final void execute(ScriptRef script, SqlStatement st) throws StatementFailure {
        execute(script, st, true);
    }

    /**
     * Runs one statement of {@code script}; a refusal names the script's file and line.
     *
     * @param mayLimit false inside a transaction the script opened itself: a lock timeout there would abort the
     *                 script's transaction, which cannot be tried again statement by statement
     */
    final void execute(ScriptRef script, SqlStatement st, boolean mayLimit) throws StatementFailure {
        boolean limited = false;
        try {
            if (mayLimit && locks != null && locks.appliesTo(st)) {
                if (safe.reportBlockers()) {
                    for (String b : locks.blockers(connection, st)) {
                        target.listener().notice(run.migration().label() + ": before " + where(script, st) + ": " + b);
                    }
                }
                locks.limit(connection, safe.lockTimeout());
                limited = true;
            }
            database.execute(connection, st);
            if (limited) {
                limited = false;
                locks.unlimit(connection);
            }
        } catch (SQLException e) {
            String where = database.errorPosition(st, e).map(p -> p.line() + ":" + p.column()).orElse(String.valueOf(st.line()));
            StatementFailure f = StatementFailure.at(target.context().secrets(), script, where, st, e.getMessage()
                    + StatementFailure.sqlState(e) + committedInside(e) + leftByFailure(st, e), e);
            if (limited && locks.isLockTimeout(e)) {
                throw f.lockTimeout(st);
            }
            throw f;
        } finally {
            if (limited) {
                unlimitQuietly();
            }
        }
    }

    /** Whether safe DDL limits how long {@code st} waits for its lock (and a timeout is then tried again). */
    final boolean lockLimited(SqlStatement st) {
        return locks != null && locks.appliesTo(st);
    }

    /** A statement's place for messages: {@code file:line}. */
    private static String where(ScriptRef script, SqlStatement st) {
        return script.name() + ":" + st.line();
    }

    private void unlimitQuietly() {
        try {
            if (connection.getAutoCommit()) {
                locks.unlimit(connection); // in a transaction the rollback undoes the setting
            }
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }

    /** Something a step tries, again after a lock timeout. */
    @FunctionalInterface
    interface Attempt {
        int run() throws Exception;
    }

    /**
     * Runs {@code attempt}; when a DDL statement in it gave up waiting for its lock, {@code undo} (the attempt's
     * transaction is rolled back), pause and try again, up to the safe DDL tries. Each retry is told to the
     * listener with the sessions holding the lock; the last failure says how many tries there were.
     */
    final int withLockRetries(Attempt attempt, Runnable undo) throws Exception {
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                return attempt.run();
            } catch (StatementFailure f) {
                if (f.lockWait() == null || locks == null) {
                    throw f;
                }
                undo.run();
                lockTimeouts++;
                List<String> blockers = blockersQuietly(f.lockWait());
                String held = blockers.isEmpty() ? "" : "; " + String.join("; ", blockers);
                if (tryNumber >= safe.tries()) {
                    throw f.gaveUp("safe DDL gave up after " + tryNumber + " tries, each waiting " + shown(safe.lockTimeout())
                            + " for the lock (ddl_lock_timeout, ddl_lock_tries)" + held);
                }
                java.time.Duration pause = safe.pauseBefore(tryNumber + 1);
                target.listener().notice(run.migration().label() + ": line " + f.lockWait().line() + " waited "
                        + shown(safe.lockTimeout()) + " for its lock (try " + tryNumber + " of " + safe.tries()
                        + "); trying again in " + pause.toMillis() + " ms" + held);
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /** What the applied row says about safe DDL's tries; null when no try gave up. */
    final String lockNote() {
        return lockTimeouts == 0 ? null : "safe DDL: " + lockTimeouts + " tr" + (lockTimeouts == 1 ? "y" : "ies")
                + " gave up waiting for a lock (" + shown(safe.lockTimeout()) + " each) before it ran";
    }

    private List<String> blockersQuietly(SqlStatement st) {
        try {
            return locks.blockers(connection, st);
        } catch (SQLException e) {
            rollbackQuietlyIfOpen();
            return List.of();
        }
    }

    final void rollbackQuietlyIfOpen() {
        try {
            if (!connection.getAutoCommit()) {
                database.rollback(connection);
            }
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }

    private static String shown(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    final void rollbackQuietly() {
        try {
            database.rollback(connection);
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }
}
