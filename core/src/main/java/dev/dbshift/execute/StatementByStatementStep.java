package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.SessionStatements;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementClassifier;
import dev.dbshift.sql.StatementIterator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a step statement by statement. Before the first statement the run's row says "0 done" (or
 * how many a resumed step skips), and after each statement how many are done, so the statement
 * that was running when a run died is always known: the one after the mark. A statement the
 * database can roll back ({@link dev.dbshift.db.Database#sharesTransactionWithMark}) runs in one
 * transaction with its mark (the last one with the history row), so it is never in doubt; inside the
 * script's own BEGIN ... COMMIT the marks join that transaction; under MySQL table locks marks wait
 * for UNLOCK TABLES. See {@link CommitPoints} and {@link InterruptedStatement}.
 */
final class StatementByStatementStep extends StepRunner {
    private final HistoryStore store;
    private final Executor.Context context;
    private final OnlineHandOff online;
    private CommitPoints points;
    /** Whether the step marks its progress: a versioned script's, up or down (a down's marks say so: {@link #mark}). */
    private final boolean marks;
    private StatementChecksum prefix = new StatementChecksum();
    /** The skipped statements of a resumed step that set something in the session that ran them, in their order. */
    private final List<Skipped> sessionSetters = new ArrayList<>();
    /** Those of them made again in this session. */
    private final List<Skipped> replayed = new ArrayList<>();
    /** User variables a skipped statement set from the data, by name (upper case), until a statement sets them again. */
    private final Map<String, Skipped> unset = new HashMap<>();
    private int ran;
    /** True when the rollback of the statement that failed with its mark could not undo all it wrote. */
    private boolean keptByRollback;
    /** Whether row changes could land in tables that keep them through a rollback when the step began. */
    private boolean rowsMayStay;
    /** How far the database is when the script's own transaction rolls back. */
    private int doneBeforeScriptTransaction;
    private String checksumBeforeScriptTransaction;
    /** The statement running now, null between statements, and its script. */
    private SqlStatement current;
    private ScriptRef currentScript;
    /**
     * A statement of the script's own transaction open now that writes outside it ({@link Database#writesOutsideTransaction}),
     * as its place and call; else null: its rollback does not undo that.
     */
    private String wroteOutsideInScriptTransaction;
    /** True once the last statement's transaction wrote the applied row. */
    private boolean recorded;
    /**
     * Row changes that run with their mark run in groups: one transaction for up to {@link #GROUP_STATEMENTS} of them in a
     * row, or {@link #GROUP_NANOS}, committed with the mark after the last of them. The mark and the statements still
     * commit together, so none is ever in doubt; a commit per row had made a data script of 20,000 INSERTs on MariaDB
     * take 8.4 s, where the mariadb client took 4.4 s and one transaction 0.9 s. How many statements were done when the
     * open group began (-1: none open), and their checksum.
     */
    private int groupStart = -1;
    private StatementChecksum groupPrefix;
    private long groupStartedAt;
    private static final int GROUP_STATEMENTS = 1000;
    /** A group holds its rows' locks until it commits: at most this long, so an application waits no longer. */
    private static final long GROUP_NANOS = 200_000_000L;

    /** Why statements that ran stay applied after a failure, for its message ("this database cannot roll DDL back"). */
    private final String outside;

    StatementByStatementStep(RunTarget target, StepRun run, StepScripts scripts, String outside) {
        super(target, run, scripts);
        this.outside = outside;
        this.store = target.store();
        this.context = target.context();
        this.online = new OnlineHandOff(database, store, context, target.listener());
        this.points = new CommitPoints(database, false, target.rows()); // until runStatements asks the database
        MigrationRef m = run.migration();
        this.marks = m.key() != null && m.java() == null;
    }

    @Override
    boolean transactional() {
        return false;
    }

    @Override
    int runStatements() throws Exception {
        rowsMayStay = target.rows().may();
        points = new CommitPoints(database, rowsMayStay, target.rows());
        try {
            return runStatementsWalked();
        } finally {
            if (points.madeTablesThatKeepRows()) {
                target.rows().made();
            }
        }
    }

    private int runStatementsWalked() throws Exception {
        Step step = run.step();
        MigrationRef m = run.migration();
        int total = scripts.count(run.scripts());
        int skip = step.skipStatements();
        boolean firstMark = true;
        for (ScriptRef s : run.scripts()) {
            boolean onlineScript = scripts.directives(s).online();
            try (StatementIterator it = scripts.statements(s)) {
                while (it.hasNext()) {
                    SqlStatement st = it.next();
                    boolean wasInScriptTransaction = points.inScriptTransaction();
                    CommitPoints.How how = points.next(st);
                    if (done < skip) {
                        prefix.add(st.sql());
                        done++;
                        SessionStatements.Effect effect = database.scriptDialect().sessionEffect(st.sql());
                        if (effect != SessionStatements.Effect.NONE) {
                            sessionSetters.add(new Skipped(s, st, effect));
                        }
                        if (done == skip) {
                            verifyResume(step, prefix.current());
                            setSessionAgain();
                        }
                        continue;
                    }
                    unsetRead(s, st);
                    if (firstMark && marks) {
                        // from here on a crash leaves "the statement after the mark was running"
                        store.progress(context.runId(), run.key(), done, mark(prefix.current()));
                        firstMark = false;
                    }
                    int before = done;
                    String beforeChecksum = prefix.current();
                    current = st;
                    currentScript = s;
                    if (how == CommitPoints.How.IN_SCRIPT_TRANSACTION && wroteOutsideInScriptTransaction == null) {
                        wroteOutsideInScriptTransaction = wroteOutside(s, st);
                    }
                    boolean last = done + 1 == total;
                    boolean onlineAlter = onlineScript && StatementClassifier.isAlterTable(st.sql());
                    boolean grouped = how == CommitPoints.How.WITH_MARK && !onlineAlter && !lockLimited(st);
                    // a row change where rows may stay through a rollback runs with its mark, alone: a failure's rollback
                    // then says whether it left rows (a MyISAM multi-row INSERT stopped by a duplicate key), and a crash
                    // before the commit leaves it in doubt, as CommitPoints says (ALONE)
                    boolean keptAlone = points.rowChangeAlone();
                    if (!grouped) {
                        commitGroup(); // what follows commits apart from the group
                    }
                    if (grouped) {
                        runInGroup(s, st, last);
                    } else if (how == CommitPoints.How.WITH_MARK && !onlineAlter || keptAlone) {
                        // a lock timeout rolled the statement and its mark back: it is tried again alone
                        withLockRetries(() -> {
                            runWithMark(s, st, last);
                            return 1;
                        }, () -> { });
                    } else {
                        if (how != CommitPoints.How.IN_SCRIPT_TRANSACTION && !connection.getAutoCommit()) {
                            // nothing is open: each statement above committed. Inside the script's own transaction
                            // H2's driver says no autocommit, and switching it on there committed that transaction
                            connection.setAutoCommit(true);
                        }
                        if (onlineAlter) {
                            notes.add(online.alter(m, s, st, done + 1, scripts.directives(s).allowUnique()));
                        } else if (points.inScriptTransaction()) {
                            execute(s, st, false); // inside the script's own BEGIN: no retry is possible
                        } else {
                            // autocommit: a statement that gave up waiting for its lock did nothing
                            withLockRetries(() -> {
                                execute(s, st);
                                return 1;
                            }, () -> { });
                        }
                        prefix.add(st.sql());
                        if (!last && marks && points.canMark()) {
                            if (points.inScriptTransaction()) {
                                store.progressInScriptTransaction(context.runId(), run.key(), done + 1, mark(prefix.current()));
                            } else {
                                store.progress(context.runId(), run.key(), done + 1, mark(prefix.current()));
                            }
                        }
                    }
                    done++;
                    ran++;
                    if (!wasInScriptTransaction && points.inScriptTransaction()) {
                        doneBeforeScriptTransaction = before;
                        checksumBeforeScriptTransaction = beforeChecksum;
                    } else if (!points.inScriptTransaction()) {
                        wroteOutsideInScriptTransaction = null;
                    }
                }
            }
        }
        current = null;
        restoreAutoCommit();
        if (points.inScriptTransaction()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, run.scriptName() + ": the script's own transaction"
                    + (database.savepointOpensTransaction() ? " (BEGIN, or a SAVEPOINT outside one) is still open at its end: end it"
                    + " with COMMIT (or the RELEASE of that savepoint)" : " (BEGIN / START TRANSACTION) is still open at its end: end it with COMMIT"));
        }
        if (points.holdsTableLocks()) {
            database.releaseTableLocks(connection); // as the mariadb client's session end would
        }
        if (skip > 0) {
            target.listener().notice(m.label() + ": resumed after the " + skip + " statement(s) that ran before; "
                    + ran + " more ran now" + (replayed.isEmpty() ? "" : " (first, in this new session, what "
                    + lines(replayed) + " set in the session that ran them)"));
        }
        return ran;
    }

    /**
     * Runs a row change in the open group (opening one): the last statement commits it with the applied row, and a group
     * that is full or old commits with its mark. A failure rolls the group back, statements before it in the group
     * included ({@link #failed} records how far the database is).
     */
    private void runInGroup(ScriptRef s, SqlStatement st, boolean last) throws Exception {
        if (groupStart < 0) {
            connection.setAutoCommit(false);
            groupStart = done;
            groupPrefix = prefix.copy();
            groupStartedAt = System.nanoTime();
        }
        execute(s, st);
        prefix.add(st.sql());
        if (last) {
            recorder.applied(run, done + 1, prefix.current(), lockNote());
            recorded = true;
            connection.commit();
            groupStart = -1;
        } else if (done + 1 - groupStart >= GROUP_STATEMENTS || System.nanoTime() - groupStartedAt >= GROUP_NANOS) {
            markAndCommit(done + 1);
        }
    }

    /** Commits the open group, if any, with the mark of the statements done. */
    private void commitGroup() throws SQLException {
        if (groupStart >= 0) {
            markAndCommit(done);
        }
    }

    private void markAndCommit(int doneNow) throws SQLException {
        if (marks) {
            store.progress(context.runId(), run.key(), doneNow, mark(prefix.current()));
        }
        connection.commit();
        groupStart = -1;
    }

    /**
     * Runs a statement the database rolls back with its mark: the statement and its mark (the last
     * one: the applied row) commit in one transaction. Autocommit stays off across a run of such
     * statements (a dump's INSERTs): one switch, not two each.
     */
    private void runWithMark(ScriptRef s, SqlStatement st, boolean last) throws Exception {
        StatementChecksum after = prefix.copy();
        after.add(st.sql());
        connection.setAutoCommit(false);
        try {
            execute(s, st);
            if (last) {
                recorder.applied(run, done + 1, after.current(), lockNote());
                recorded = true;
            } else if (marks) {
                store.progress(context.runId(), run.key(), done + 1, mark(after.current()));
            }
            connection.commit();
        } catch (Exception e) {
            recorded = false;
            keptByRollback = rollbackKeepingRows();
            restoreAutoCommit();
            throw e;
        }
        prefix = after;
    }

    /**
     * The checksum a mark records: a down script's is marked as one ({@link InterruptedStatement#DOWN_MARK}), so that the
     * decision after a crash reads the down script and records a partly reverted migration, which the next down resumes.
     * Before, a down left no marks, and a kill in it left the next down to run its statements that had run again. A step
     * that began with row changes running alone ({@link RowsThatStay}) says so too ({@link
     * InterruptedStatement#ROWS_MAY_STAY_MARK}): the schema read after a crash may no longer show why (the step dropped
     * the last MyISAM table), and a row change read as sharing its mark's transaction would run again.
     */
    private String mark(String checksum) {
        return (run.operation() == Operation.ROLLBACK ? InterruptedStatement.DOWN_MARK : "")
                + (rowsMayStay ? InterruptedStatement.ROWS_MAY_STAY_MARK : "") + checksum;
    }

    @Override
    String doneChecksum() {
        return prefix.current();
    }

    @Override
    boolean recorded() {
        return recorded;
    }

    @Override
    void recordedApplied() {
        // each statement committed on its own, or with its mark
    }

    @Override
    void abandon() {
        // a statement's own transaction was rolled back where it failed; a Java migration's rows are still open
        rollbackQuietlyIfOpen();
    }

    @Override
    StepResult failed(Exception e) throws SQLException {
        Step step = run.step();
        MigrationRef m = run.migration();
        if (e instanceof ResumeRefused) {
            // the refusal says what to do: not "run 'dbshift up' again to resume", which it refused
            return recorder.failed(run, step.skipStatements(), step.expectedChecksum(), e.getMessage(), e, outside, false);
        }
        if (marks && target.connectionLost()) {
            // the server may yet commit the statement that was running: only the next run, once the
            // server has ended this session (and freed its lock), can find out; write nothing now
            String which = current == null ? "" : " while statement " + (done + 1) + " of " + MigrationRef.named(run.key()) + " ran";
            return new StepResult(step, false, run.elapsedMs(), done, m.label() + ": "
                    + recorder.message(e) + "\n  the connection to the database was lost" + which + ": whether it completed"
                    + " is up to the server; the next 'dbshift up' finds out (it waits for the server to end this"
                    + " session) and goes on from there, or stops and says what to check"
                    + (run.operation() == Operation.ROLLBACK ? " (a down resumes with the next 'dbshift down')" : ""));
        }
        if (m.java() != null) {
            // Java code cannot be resumed from its middle: what it committed is recorded so that the next up stops there
            StepResult stayed = javaFailedWithStatementsThatStay(e, outside);
            return stayed != null ? stayed : recorder.failed(run, 0, null, recorder.message(e), e, null);
        }
        String undone = "";
        String doneChecksum = prefix.current();
        int failedAt = done + 1;
        boolean kept = keptByRollback;
        // the statement that failed may have written outside its transaction before it failed (a DO block's dblink_exec)
        String wroteOutside = current == null ? null : wroteOutside(currentScript, current);
        if (groupStart >= 0) {
            // the group's transaction is rolled back, and with it the statements of the group that had run
            kept = rollbackKeepingRows();
            if (done > groupStart) {
                undone = " (statements " + (groupStart + 1) + " to " + done + " ran in one transaction with it, and were"
                        + " rolled back with it)";
            }
            done = groupStart;
            doneChecksum = groupPrefix.current();
            groupStart = -1;
        }
        if (points.inScriptTransaction()) {
            // the script's own transaction is rolled back, and with it its statements and their marks
            kept |= rollbackScriptTransaction();
            if (wroteOutsideInScriptTransaction != null) {
                wroteOutside = wroteOutsideInScriptTransaction;
            }
            if (done > doneBeforeScriptTransaction) {
                undone = " (the script's own transaction was rolled back: statements " + (doneBeforeScriptTransaction + 1)
                        + " to " + done + " were undone)";
            }
            done = doneBeforeScriptTransaction;
            doneChecksum = checksumBeforeScriptTransaction;
        }
        if (kept || wroteOutside != null) {
            undone = keptRows(done + 1, failedAt, wroteOutside);
            doneChecksum = HistoryRow.ROWS_STAYED + doneChecksum;
        }
        if (points.holdsTableLocks()) {
            recorder.releaseTableLocksQuietly();
        }
        return recorder.failed(run, done, doneChecksum, recorder.message(e) + undone, e, outside);
    }

    /** Rolls the group back; true when the server says rows stayed ({@link Database#rollbackKeptRows}). */
    private boolean rollbackKeepingRows() {
        rollbackQuietly();
        try {
            return database.rollbackKeptRows(connection.getWarnings());
        } catch (SQLException e) {
            return false; // the session is gone, and its transaction with it
        }
    }

    @Override
    void restore(boolean autoCommit) throws SQLException {
        if (!target.connectionLost()) {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }

    /**
     * Ends a transaction the script opened itself (the driver sees autocommit, so ROLLBACK goes as SQL); true when the
     * server says rows stayed ({@link Database#rollbackKeptRows}).
     */
    private boolean rollbackScriptTransaction() {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
            return database.rollbackKeptRows(st.getWarnings());
        } catch (SQLException ignored) {
            return false; // the session is gone, and its transaction with it
        }
    }

    /** A statement a resumed step skips that set something in the session that ran it. */
    private record Skipped(ScriptRef script, SqlStatement statement, SessionStatements.Effect effect) {
    }

    /**
     * A resumed step goes on in a new session, without what its skipped statements set in the old one: those settings
     * are made again first, in their order ({@link SessionStatements}). A value that came from the data cannot be made
     * the same again (the statements that ran after it may have changed what it read): a user variable set so is
     * remembered, and a later statement that reads it before setting it again is not run ({@link #unsetRead}); any
     * other such setting stops the step before anything runs.
     */
    private void setSessionAgain() throws StatementFailure, SQLException {
        List<Skipped> again = new ArrayList<>();
        for (Skipped k : sessionSetters) {
            List<SessionStatements.Mention> mentions = database.scriptDialect().userVariables(k.statement().sql());
            boolean fromData = k.effect() == SessionStatements.Effect.SETS_FROM_DATA
                    || mentions.stream().anyMatch(v -> !v.assigned() && unset.containsKey(v.name()));
            if (!fromData) {
                again.add(k);
                continue;
            }
            List<String> assigned = mentions.stream().filter(SessionStatements.Mention::assigned).map(SessionStatements.Mention::name).toList();
            if (assigned.isEmpty()) {
                throw new ResumeRefused(where(k) + " set a session setting from the data"
                        + " in the session that ran it ('" + head(k.statement().sql()) + "'); the statements after it may"
                        + " have changed what it read, so the " + run.step().skipStatements() + " statement(s) that ran"
                        + " cannot be followed as one run would: finish the migration by hand and record it with"
                        + " 'dbshift repair'");
            }
            assigned.forEach(v -> unset.put(v, k));
        }
        if (again.isEmpty()) {
            return;
        }
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        for (Skipped k : again) {
            execute(k.script(), k.statement(), false);
            replayed.add(k);
        }
    }

    /**
     * Before a statement of a resumed step: one that reads a user variable a skipped statement set from the data
     * ({@link #setSessionAgain}) is not run, since here it would read nothing; one that sets it again makes it known.
     */
    private void unsetRead(ScriptRef s, SqlStatement st) {
        if (unset.isEmpty()) {
            return;
        }
        List<SessionStatements.Mention> mentions = database.scriptDialect().userVariables(st.sql());
        for (SessionStatements.Mention v : mentions) {
            Skipped k = unset.get(v.name());
            if (k != null && !v.assigned()) {
                throw new DbShiftException(DbShiftException.FAILED, s.name() + ":" + st.line() + " reads @"
                        + v.name().toLowerCase(java.util.Locale.ROOT) + ", which " + where(k) + " set from the data ('"
                        + head(k.statement().sql()) + "') in the session of the earlier try; this session does not have it,"
                        + " and setting it again could read other data now, so the statement was not run. Set @"
                        + v.name().toLowerCase(java.util.Locale.ROOT) + " again in a statement before line " + st.line()
                        + " (only the statements that have not run may change) and run 'dbshift up' again");
            }
        }
        for (SessionStatements.Mention v : mentions) {
            if (v.assigned()) {
                unset.remove(v.name());
            }
        }
    }

    private static String where(Skipped k) {
        return k.script().name() + ":" + k.statement().line();
    }

    /** Where the statements are: each named up to three, else their count and first and last lines per script. */
    private static String lines(List<Skipped> skipped) {
        List<String> out = new ArrayList<>();
        if (skipped.size() <= 3) {
            for (Skipped k : skipped) {
                out.add(where(k));
            }
            return String.join(", ", out);
        }
        java.util.Map<String, List<Skipped>> byScript = new java.util.LinkedHashMap<>();
        for (Skipped k : skipped) {
            byScript.computeIfAbsent(k.script().name(), n -> new ArrayList<>()).add(k);
        }
        byScript.forEach((name, ks) -> out.add(ks.size() == 1 ? where(ks.get(0)) : ks.size() + " statements of " + name
                + " from line " + ks.get(0).statement().line() + " to line " + ks.get(ks.size() - 1).statement().line()));
        return String.join(", ", out);
    }

    /** A statement on one line for a message, shortened, with the project's secrets taken out. */
    private String head(String sql) {
        return context.secrets().scrub(StatementFailure.abbreviate(sql));
    }

    private static void verifyResume(Step step, String actual) {
        if (step.expectedChecksum() != null && !step.expectedChecksum().equals(actual)) {
            throw new ResumeRefused(step.skipStatements() + " statement(s) ran in an"
                    + " earlier try and have been edited since; they cannot be run again on a database without"
                    + " transactional DDL. Restore them as they were (fix only the statements after them), or repair"
                    + " the database by hand and record it with 'dbshift repair'");
        }
    }

    /**
     * Thrown when a resumed migration cannot go on as one run would have: its already-run statements were edited, or
     * one of them set a session value from the data.
     */
    private static final class ResumeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResumeRefused(String message) {
            super(message);
        }
    }
}
