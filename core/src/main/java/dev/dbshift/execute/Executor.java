package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Secrets;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;
import dev.dbshift.db.LockLost;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.ScriptDirectives;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.sql.TransactionMode;
import dev.dbshift.sql.TransactionPolicy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Plan} on one connection that holds the migration lock.
 *
 * <p>Where DDL is transactional (PostgreSQL, H2, SQLite) a migration and its history row commit
 * together or not at all. Where it is not (MySQL, MariaDB, or a script marked
 * {@code -- dbshift:no-transaction}) statements run in autocommit; after each one the run's row
 * records how many are done, so a run that dies mid-migration leaves a truthful record, and the
 * history row of a failure records how far it got. The next run resumes after the statements that
 * ran, provided their text is unchanged.
 */
public final class Executor {
    /** What the executor needs to know about the run it belongs to. */
    /**
     * @param schemaChecksum reads the live schema's checksum, or null where the database has no reader
     * @param schemaChecksums which steps record it
     * @param schema         the schema the run works in (online changes name tables in it)
     * @param connections    new connections to the target, for online changes
     */
    public record Context(long runId, String environment, String installedBy, Map<String, String> placeholders,
                          boolean replacePlaceholders, boolean placeholdersInLiterals, OnFailure onFailure, Secrets secrets,
                          SchemaChecksumReader schemaChecksum, SchemaChecksums schemaChecksums,
                          String schema, ConnectionFactory connections) {
    }

    /** Reads the checksum of the schema as the connection sees it now. */
    @FunctionalInterface
    public interface SchemaChecksumReader {
        String read(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Database database;
    private final HistoryStore store;
    private final MigrationSource source;
    private final Context context;
    private final ExecutionListener listener;
    /** Whether the step now running records the schema checksum (see {@link SchemaChecksums}). */
    private boolean recordSchema;

    public Executor(Connection connection, Database database, HistoryStore store, MigrationSource source,
                    Context context, ExecutionListener listener) {
        this.connection = connection;
        this.database = database;
        this.store = store;
        this.source = source;
        this.context = context;
        this.listener = listener;
    }

    public Report run(Plan plan) throws SQLException {
        List<StepResult> results = new ArrayList<>();
        List<Step> applied = new ArrayList<>();
        int total = plan.steps().size();
        for (int i = 0; i < total; i++) {
            Step step = plan.steps().get(i);
            listener.stepStarted(step, i + 1, total);
            recordSchema = context.schemaChecksums() == SchemaChecksums.EACH
                    || (context.schemaChecksums() == SchemaChecksums.LAST && i == total - 1);
            StepResult r = runStep(step);
            results.add(r);
            listener.stepFinished(r, i + 1, total);
            if (!r.success()) {
                List<StepResult> reverted = new ArrayList<>();
                String error = r.error();
                int stayed = step.action() == Step.Action.REVERT ? 0 : r.statements();
                if (context.onFailure() == OnFailure.ROLLBACK_RUN && (stayed > 0 || !applied.isEmpty()) && connectionLost()) {
                    error += "\nthe run was not rolled back: the connection to the database is lost";
                } else if (context.onFailure() == OnFailure.ROLLBACK_RUN && stayed > 0) {
                    // the failed migration's statements that ran stay (no transactional DDL): its down script reverts them
                    MigrationRef m = step.migration();
                    String which = stayed == 1 ? "statement 1" : "statements 1 to " + stayed;
                    if (!m.hasDown()) {
                        error += "\n--on-failure rollback-run: " + which + " of " + m.label() + " ran and stay applied: it has"
                                + " no down script; undo them by hand";
                    } else {
                        listener.notice("--on-failure rollback-run: reverting " + m.label() + ", whose " + which
                                + " ran before it failed, with its down script");
                        StepResult br = runStep(Step.of(Step.Action.REVERT, m));
                        reverted.add(br);
                        if (!br.success()) {
                            error += "\nand reverting it failed too: " + br.error() + "\n" + which + " of " + m.label() + " ("
                                    + m.scriptName() + ") ran and stay applied, and its down script stopped part way: fix the"
                                    + " database by hand, then record that with 'dbshift repair'";
                            return new Report(context.runId(), plan, results, reverted, false, str(plan.from()), null, error);
                        }
                        error += "\n--on-failure rollback-run: the " + which + " of " + m.label() + " that ran were reverted"
                                + " with its down script";
                    }
                }
                if (context.onFailure() == OnFailure.ROLLBACK_RUN && !applied.isEmpty() && !connectionLost()) {
                    listener.notice("--on-failure rollback-run: reverting the " + applied.size()
                            + " migration(s) this run applied");
                    for (int j = applied.size() - 1; j >= 0; j--) {
                        Step back = Step.of(Step.Action.REVERT, applied.get(j).migration());
                        recordSchema = context.schemaChecksums() == SchemaChecksums.EACH
                                || (context.schemaChecksums() == SchemaChecksums.LAST && j == 0);
                        listener.stepStarted(back, applied.size() - j, applied.size());
                        StepResult br = runStep(back);
                        reverted.add(br);
                        listener.stepFinished(br, applied.size() - j, applied.size());
                        if (!br.success()) {
                            error += "\nand reverting the run failed too: " + br.error();
                            break;
                        }
                    }
                }
                return new Report(context.runId(), plan, results, reverted, false, str(plan.from()),
                        null, error);
            }
            if (step.action() != Step.Action.REVERT) {
                applied.add(step);
            }
        }
        return new Report(context.runId(), plan, results, List.of(), true, str(plan.from()), str(plan.to()), null);
    }

    /** How a step would run and its statements, without running anything (for --dry-run). */
    public PlannedStep describe(Step step) {
        MigrationRef m = step.migration();
        List<ScriptRef> scripts = step.action() == Step.Action.REVERT ? m.down() : m.up();
        if (m.java() != null) {
            return new PlannedStep(step, database.supportsTransactionalDdl() ? "transaction" : "autocommit", List.of(), null);
        }
        String mode;
        try {
            mode = !database.supportsTransactionalDdl() ? "autocommit" : inTransaction(scripts) ? "transaction" : "no-transaction";
        } catch (DbShiftException e) {
            return new PlannedStep(step, "refused", List.of(), e.getMessage());
        }
        List<PlannedStep.Script> out = new ArrayList<>();
        int index = 0;
        try {
            for (ScriptRef s : scripts) {
                List<SqlStatement> statements = new ArrayList<>();
                try (StatementIterator it = split(s)) {
                    while (it.hasNext()) {
                        SqlStatement st = it.next();
                        if (index++ >= step.skipStatements()) {
                            statements.add(st);
                        }
                    }
                }
                out.add(new PlannedStep.Script(s.name(), statements));
            }
        } catch (DbShiftException e) {
            return new PlannedStep(step, mode, out, e.getMessage());
        }
        return new PlannedStep(step, mode, out, null);
    }

    /**
     * Whether the statement {@code run} was running when it died completed, decided as
     * {@link InterruptedStatement} says; {@code migration} is the one its progress mark names (null
     * when its scripts are gone).
     */
    public InterruptedStatement.Decision interrupted(dev.dbshift.history.RunRow run, MigrationRef migration) throws SQLException {
        texts.clear();
        try {
            return new InterruptedStatement(connection, database, context.schema(), this::split,
                    s -> database.online().isPresent() && directives(s).online()).decide(run, migration);
        } finally {
            texts.clear();
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Scripts up to this size are read once per step and split from memory; larger ones stream from the file each pass. */
    private static final long IN_MEMORY = 4L * 1024 * 1024;
    /** The text of the current step's small scripts: each is read once, however often it is split. */
    private final Map<ScriptRef, String> texts = new java.util.HashMap<>();

    /** Runs one step and records it; returns a failed result (never throws) for a migration that fails. */
    StepResult runStep(Step step) throws SQLException {
        texts.clear();
        try {
            return runStepOnce(step);
        } finally {
            texts.clear();
        }
    }

    private StepResult runStepOnce(Step step) throws SQLException {
        MigrationRef m = step.migration();
        boolean revert = step.action() == Step.Action.REVERT;
        List<ScriptRef> scripts = revert ? m.down() : m.up();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Operation op = revert ? Operation.ROLLBACK : step.action() == Step.Action.RESUME ? Operation.APPLY_PARTIAL : Operation.APPLY;
        String scriptName = revert ? m.downScriptName() : m.scriptName();
        String checksum = revert ? null : m.checksum();

        boolean transactional;
        try {
            // an online change runs outside any transaction, statement by statement
            boolean online = m.java() == null && scripts.stream().anyMatch(s -> directives(s).online());
            transactional = database.supportsTransactionalDdl() && !online && (m.java() != null || inTransaction(scripts));
        } catch (DbShiftException e) {
            return fail(step, op, scriptName, checksum, started, t0, 0, null, e.getMessage(), e, false);
        }
        if (transactional) {
            return runInTransaction(step, op, scripts, scriptName, checksum, started, t0);
        }
        return runStatementByStatement(step, op, scripts, scriptName, checksum, started, t0);
    }

    /**
     * Decides the transaction mode from the whole migration before running any of it, so syntax
     * errors and a statement that cannot run in a transaction surface before anything changes.
     */
    private boolean inTransaction(List<ScriptRef> scripts) {
        boolean directive = false;
        for (ScriptRef s : scripts) {
            directive |= directives(s).noTransaction();
        }
        boolean noTransaction = false;
        for (ScriptRef s : scripts) {
            try (StatementIterator it = split(s)) {
                Iterable<SqlStatement> statements = () -> it;
                noTransaction |= TransactionPolicy.decide(s.name(), statements, directive) == TransactionMode.NO_TRANSACTION;
            }
        }
        return !noTransaction;
    }

    private ScriptDirectives directives(ScriptRef s) {
        try (Reader r = reader(s)) {
            return ScriptDirectives.read(s.name(), r);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The script's text, from memory when it is small (read once per step), else streamed from its file. */
    private Reader reader(ScriptRef s) throws IOException {
        String text = texts.get(s);
        if (text == null) {
            long size = s.path() == null ? Long.MAX_VALUE : java.nio.file.Files.size(s.path());
            if (size > IN_MEMORY) {
                return source.reader(s);
            }
            text = source.text(s);
            texts.put(s, text);
        }
        return new java.io.StringReader(text);
    }

    private StepResult runInTransaction(Step step, Operation op, List<ScriptRef> scripts, String scriptName, String checksum,
                                        Instant started, long t0) throws SQLException {
        MigrationRef m = step.migration();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int done = 0;
        try {
            if (m.java() != null) {
                if (op == Operation.ROLLBACK) {
                    m.java().down(connection);
                } else {
                    m.java().up(connection);
                }
                done = 1;
            } else {
                for (ScriptRef s : scripts) {
                    try (StatementIterator it = split(s)) {
                        while (it.hasNext()) {
                            SqlStatement st = it.next();
                            execute(s, st);
                            done++;
                        }
                    }
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            store.append(row(m, op, scriptName, checksum, schemaChecksum(false), started, ms, true, null, null, done, null));
            connection.commit();
            return new StepResult(step, true, (System.nanoTime() - t0) / 1_000_000, done, null);
        } catch (LockLost e) {
            // another run holds the lock now: roll back and write nothing more, not even a failed row
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // nothing was committed either way
            }
            throw e;
        } catch (Exception e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the failure row below will say so
            }
            return fail(step, op, scriptName, checksum, started, t0, 0, null, message(e), e, true);
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /**
     * Runs a step statement by statement. Before the first statement the run's row says "0 done" (or
     * how many a resumed step skips), and after each statement how many are done, so the statement
     * that was running when a run died is always known: the one after the mark. A statement the
     * database can roll back ({@link Database#sharesTransactionWithMark}) runs in one transaction with
     * its mark (the last one with the history row), so it is never in doubt; inside the script's own
     * BEGIN ... COMMIT the marks join that transaction; under MySQL table locks marks wait for UNLOCK
     * TABLES. See {@link CommitPoints} and {@link InterruptedStatement}.
     */
    private StepResult runStatementByStatement(Step step, Operation op, List<ScriptRef> scripts, String scriptName,
                                               String checksum, Instant started, long t0) throws SQLException {
        MigrationRef m = step.migration();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        StatementChecksum prefix = new StatementChecksum();
        List<String> notes = new ArrayList<>();
        CommitPoints points = new CommitPoints(database);
        // a down script leaves no marks: the decision after a crash reads the up script (see InterruptedStatement)
        boolean marks = m.version() != null && m.java() == null && op != Operation.ROLLBACK;
        String version = m.version() == null ? null : m.version().toString();
        int done = 0;
        int ran = 0;
        // how far the database is when the script's own transaction rolls back
        int doneBeforeScriptTransaction = 0;
        String checksumBeforeScriptTransaction = null;
        SqlStatement current = null;
        boolean recorded = false;
        try {
            if (m.java() != null) {
                if (op == Operation.ROLLBACK) {
                    m.java().down(connection);
                } else {
                    m.java().up(connection);
                }
                done = ran = 1;
            } else {
                int total = countStatements(scripts);
                int skip = step.skipStatements();
                boolean firstMark = true;
                for (ScriptRef s : scripts) {
                    boolean online = directives(s).online();
                    try (StatementIterator it = split(s)) {
                        while (it.hasNext()) {
                            SqlStatement st = it.next();
                            boolean wasInScriptTransaction = points.inScriptTransaction();
                            CommitPoints.How how = points.next(st);
                            if (done < skip) {
                                prefix.add(st.sql());
                                done++;
                                if (done == skip) {
                                    verifyResume(step, prefix.current());
                                }
                                continue;
                            }
                            if (firstMark && marks) {
                                // from here on a crash leaves "the statement after the mark was running"
                                store.progress(context.runId(), version, done, prefix.current());
                                firstMark = false;
                            }
                            int before = done;
                            String beforeChecksum = prefix.current();
                            current = st;
                            boolean last = done + 1 == total;
                            if (how == CommitPoints.How.WITH_MARK && !(online && isAlterTable(st))) {
                                StatementChecksum after = prefix.copy();
                                after.add(st.sql());
                                // autocommit stays off across a run of such statements (a dump's INSERTs): one switch, not two each
                                connection.setAutoCommit(false);
                                try {
                                    execute(s, st);
                                    if (last) {
                                        long ms = (System.nanoTime() - t0) / 1_000_000;
                                        store.append(row(m, op, scriptName, checksum, schemaChecksum(false), started, ms, true,
                                                notes.isEmpty() ? null : String.join("\n", notes), null, done + 1, after.current()));
                                        recorded = true;
                                    } else if (marks) {
                                        store.progress(context.runId(), version, done + 1, after.current());
                                    }
                                    connection.commit();
                                } catch (Exception e) {
                                    recorded = false;
                                    rollbackQuietly();
                                    restoreAutoCommit();
                                    throw e;
                                }
                                prefix = after;
                            } else {
                                if (!connection.getAutoCommit()) {
                                    connection.setAutoCommit(true); // nothing is open: each statement above committed
                                }
                                if (online && isAlterTable(st)) {
                                    notes.add(executeOnline(m, s, st, done + 1));
                                } else {
                                    execute(s, st);
                                }
                                prefix.add(st.sql());
                                if (!last && marks && points.canMark()) {
                                    store.progress(context.runId(), version, done + 1, prefix.current());
                                }
                            }
                            done++;
                            ran++;
                            if (!wasInScriptTransaction && points.inScriptTransaction()) {
                                doneBeforeScriptTransaction = before;
                                checksumBeforeScriptTransaction = beforeChecksum;
                            }
                        }
                    }
                }
                current = null;
                restoreAutoCommit();
                if (points.inScriptTransaction()) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, scriptName + ": the script's own transaction"
                            + " (BEGIN / START TRANSACTION) is still open at its end: end it with COMMIT");
                }
                if (points.holdsTableLocks()) {
                    database.releaseTableLocks(connection); // as the mariadb client's session end would
                }
                if (skip > 0) {
                    listener.notice(m.label() + ": resumed after the " + skip + " statement(s) that ran before; "
                            + ran + " more ran now");
                }
            }
            if (!recorded) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String note = notes.isEmpty() ? null : String.join("\n", notes);
                store.append(row(m, op, scriptName, checksum, schemaChecksum(false), started, ms, true, note, null, done, prefix.current()));
            }
            notes.forEach(listener::notice);
            return new StepResult(step, true, (System.nanoTime() - t0) / 1_000_000, ran, null);
        } catch (LockLost e) {
            throw e;   // another run holds the lock now: no failed row
        } catch (ResumeMismatch e) {
            return fail(step, op, scriptName, checksum, started, t0, step.skipStatements(), step.expectedChecksum(), e.getMessage(), e, false);
        } catch (Exception e) {
            if (marks && connectionLost()) {
                // the server may yet commit the statement that was running: only the next run, once the
                // server has ended this session (and freed its lock), can find out; write nothing now
                String which = current == null ? "" : " while statement " + (done + 1) + " of " + version + " ran";
                return new StepResult(step, false, (System.nanoTime() - t0) / 1_000_000, done, m.label() + ": "
                        + message(e) + "\n  the connection to the database was lost" + which + ": whether it completed"
                        + " is up to the server; the next 'dbshift up' finds out (it waits for the server to end this"
                        + " session) and goes on from there, or stops and says what to check");
            }
            String undone = "";
            if (points.inScriptTransaction()) {
                // the script's own transaction is rolled back, and with it its statements and their marks
                rollbackScriptTransaction();
                if (done > doneBeforeScriptTransaction) {
                    undone = " (the script's own transaction was rolled back: statements " + (doneBeforeScriptTransaction + 1)
                            + " to " + done + " were undone)";
                }
                done = doneBeforeScriptTransaction;
                prefix = null;
            }
            if (points.holdsTableLocks()) {
                releaseTableLocksQuietly();
            }
            return fail(step, op, scriptName, checksum, started, t0, done,
                    prefix == null ? checksumBeforeScriptTransaction : prefix.current(), message(e) + undone, e, false);
        } finally {
            if (!connectionLost()) {
                connection.setAutoCommit(auto);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone; the failure path finds out
        }
    }

    /** Ends a transaction the script opened itself (the driver sees autocommit, so ROLLBACK goes as SQL). */
    private void rollbackScriptTransaction() {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the session is gone, and its transaction with it
        }
    }

    private void releaseTableLocksQuietly() {
        try {
            database.releaseTableLocks(connection);
        } catch (SQLException ignored) {
            // the failed row is then written on a new connection
        }
    }

    /** True when the connection died (closed, reset, or the server ended the session). */
    private boolean connectionLost() {
        try {
            return connection.isClosed() || !connection.isValid(10);
        } catch (SQLException e) {
            return true;
        }
    }

    private void verifyResume(Step step, String actual) {
        if (step.expectedChecksum() != null && !step.expectedChecksum().equals(actual)) {
            throw new ResumeMismatch(step.migration().label() + ": " + step.skipStatements() + " statement(s) ran in an"
                    + " earlier try and have been edited since; they cannot be run again on a database without"
                    + " transactional DDL. Restore them as they were (fix only the statements after them), or repair"
                    + " the database by hand and record it with 'dbshift repair'");
        }
    }

    /** Thrown when a resumed migration's already-run statements were edited. */
    private static final class ResumeMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResumeMismatch(String message) {
            super(message);
        }
    }

    private int countStatements(List<ScriptRef> scripts) {
        int n = 0;
        for (ScriptRef s : scripts) {
            try (StatementIterator it = split(s)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
        }
        return n;
    }

    private StepResult fail(Step step, Operation op, String scriptName, String checksum, Instant started, long t0,
                            int done, String doneChecksum, String failure, Throwable e, boolean rolledBack) throws SQLException {
        String message = context.secrets().scrub(failure);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean lost = connectionLost();
        HistoryRow failed = row(step.migration(), op, scriptName, checksum, lost ? null : schemaChecksum(true), started, ms, false,
                message, trace(e), rolledBack ? 0 : done, rolledBack ? null : doneChecksum);
        String unrecorded = lost ? "the connection to the database is lost" : recordFailure(failed);
        String suffix = !rolledBack && done > 0 && step.migration().java() == null
                ? " (" + done + " statement(s) before it ran and stay applied: this database cannot roll DDL back;"
                + " fix the script after them and run 'dbshift up' again to resume)" : "";
        if (unrecorded != null) {
            suffix += "\n  (this failure could not be written to the history: " + context.secrets().scrub(unrecorded) + ")";
        }
        return new StepResult(step, false, ms, done, step.migration().label() + ": " + message + suffix);
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
            connection.rollback();
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

    private HistoryRow row(MigrationRef m, Operation op, String script, String checksum, String schemaChecksum,
                           Instant started, long ms, boolean success, String error, String trace, Integer done,
                           String doneChecksum) {
        return new HistoryRow(0, context.runId(), m.version() == null ? null : m.version().toString(), m.description(),
                m.kind().code(), op, script, checksum, schemaChecksum, context.environment(), context.installedBy(),
                started, Instant.now(), ms, success, context.secrets().scrub(error), context.secrets().scrub(trace), done, doneChecksum);
    }

    /**
     * The live schema's checksum when this step records it, else null. A failure to read it never
     * fails the migration: inside a transaction the read runs under a savepoint, so a catalog error
     * cannot abort the migration's transaction.
     */
    private String schemaChecksum(boolean failed) {
        if (context.schemaChecksum() == null || context.schemaChecksums() == SchemaChecksums.OFF || !(recordSchema || failed)) {
            return null;
        }
        Savepoint savepoint = null;
        try {
            if (!connection.getAutoCommit()) {
                savepoint = connection.setSavepoint();
            }
            String checksum = context.schemaChecksum().read(connection);
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

    private void execute(ScriptRef script, SqlStatement st) throws StatementFailure {
        try {
            database.execute(connection, st);
        } catch (SQLException e) {
            String where = database.errorPosition(st, e).map(p -> p.line() + ":" + p.column()).orElse(String.valueOf(st.line()));
            throw new StatementFailure(context.secrets().scrub(script.name() + ":" + where + ": " + e.getMessage()
                    + sqlState(e) + "\n    in: " + abbreviate(st.sql())), e);
        }
    }

    static boolean isAlterTable(SqlStatement st) {
        return st.sql().stripLeading().regionMatches(true, 0, "ALTER", 0, 5)
                && st.sql().stripLeading().substring(5).stripLeading().regionMatches(true, 0, "TABLE", 0, 5);
    }

    /**
     * Runs an ALTER TABLE of a {@code -- dbshift:online} script through the online change engine. The
     * engine's state table, not this run's progress mark, knows whether an interrupted run's change of
     * this statement (the {@code ordinal}-th of the migration) is still going or finished: the engine
     * resumes it, or reports it done, instead of running the ALTER again.
     */
    private String executeOnline(MigrationRef m, ScriptRef script, SqlStatement st, int ordinal) throws StatementFailure, SQLException {
        dev.dbshift.online.OnlineChange online = database.online().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                script.name() + ":" + st.line() + ": -- dbshift:online: " + database.name() + " has no online change engine"
                        + " (MySQL/MariaDB only); remove the directive"));
        List<HistoryRow> history = store.read();
        String version = m.version() == null ? null : m.version().toString();
        dev.dbshift.online.ChangeOwner statement = new dev.dbshift.online.ChangeOwner(
                m.label() + " " + script.name() + " statement " + ordinal,
                history.stream().mapToLong(HistoryRow::id).max().orElse(0),
                mark -> history.stream().anyMatch(r -> r.success() && r.id() > mark && java.util.Objects.equals(r.version(), version)
                        && (version != null || java.util.Objects.equals(r.description(), m.description()))));
        try {
            return "online: " + dev.dbshift.online.OnlineMigrator.alterStatement(online, context.connections(), context.schema(),
                    st.sql(), dev.dbshift.online.OnlineOptions.defaults(), statement).description();
        } catch (DbShiftException e) {
            throw new StatementFailure(context.secrets().scrub(script.name() + ":" + st.line() + ": online change refused or failed: "
                    + e.getMessage() + "\n    in: " + abbreviate(st.sql())), new SQLException(e.getMessage(), e));
        }
    }

    private static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    }

    /** A statement the server refused, with the script's file and line in the message. */
    static final class StatementFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StatementFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }

    private String message(Exception e) {
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

    StatementIterator split(ScriptRef s) {
        try {
            return database.scriptDialect().split(reader(s),
                    new ScriptOptions(s.name(), context.placeholders(), context.replacePlaceholders(),
                            context.placeholdersInLiterals()));
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

}
