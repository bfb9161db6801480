package dev.dbshift.execute;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.Secret;
import dev.dbshift.db.Database;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    public record Context(long runId, String environment, String installedBy, Map<String, String> placeholders,
                          boolean replacePlaceholders, OnFailure onFailure, Secret password,
                          Function<Connection, String> schemaChecksum) {
    }

    private final Connection connection;
    private final Database database;
    private final HistoryStore store;
    private final MigrationSource source;
    private final Context context;
    private final ExecutionListener listener;

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
            StepResult r = runStep(step);
            results.add(r);
            listener.stepFinished(r, i + 1, total);
            if (!r.success()) {
                List<StepResult> reverted = new ArrayList<>();
                String error = r.error();
                if (context.onFailure() == OnFailure.ROLLBACK_RUN && !applied.isEmpty()) {
                    listener.notice("--on-failure rollback-run: reverting the " + applied.size()
                            + " migration(s) this run applied");
                    for (int j = applied.size() - 1; j >= 0; j--) {
                        Step back = Step.of(Step.Action.REVERT, applied.get(j).migration());
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

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Runs one step and records it; returns a failed result (never throws) for a migration that fails. */
    StepResult runStep(Step step) throws SQLException {
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
            transactional = database.supportsTransactionalDdl() && (m.java() != null || inTransaction(scripts));
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
        try (Reader r = new InputStreamReader(source.open(s), StandardCharsets.UTF_8)) {
            return ScriptDirectives.read(s.name(), r);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
        }
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
            store.append(row(m, op, scriptName, checksum, schemaChecksum(), started, ms, true, null, null, done, null));
            connection.commit();
            return new StepResult(step, true, ms, done, null);
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

    private StepResult runStatementByStatement(Step step, Operation op, List<ScriptRef> scripts, String scriptName,
                                               String checksum, Instant started, long t0) throws SQLException {
        MigrationRef m = step.migration();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        StatementChecksum prefix = new StatementChecksum();
        int done = 0;
        int ran = 0;
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
                for (ScriptRef s : scripts) {
                    try (StatementIterator it = split(s)) {
                        while (it.hasNext()) {
                            SqlStatement st = it.next();
                            if (done < skip) {
                                prefix.add(st.sql());
                                done++;
                                if (done == skip) {
                                    verifyResume(step, prefix.current());
                                }
                                continue;
                            }
                            execute(s, st);
                            prefix.add(st.sql());
                            done++;
                            ran++;
                            if (total > 1 && m.version() != null) {
                                store.progress(context.runId(), m.version().toString(), done, prefix.current());
                            }
                        }
                    }
                }
                if (skip > 0) {
                    listener.notice(m.label() + ": resumed after the " + skip + " statement(s) that ran before; "
                            + ran + " more ran now");
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            store.append(row(m, op, scriptName, checksum, schemaChecksum(), started, ms, true, null, null, done, prefix.current()));
            return new StepResult(step, true, ms, ran, null);
        } catch (ResumeMismatch e) {
            return fail(step, op, scriptName, checksum, started, t0, step.skipStatements(), step.expectedChecksum(), e.getMessage(), e, false);
        } catch (Exception e) {
            return fail(step, op, scriptName, checksum, started, t0, done, prefix.current(), message(e), e, false);
        } finally {
            connection.setAutoCommit(auto);
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
                            int done, String doneChecksum, String message, Throwable e, boolean rolledBack) throws SQLException {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            store.append(row(step.migration(), op, scriptName, checksum, null, started, ms, false,
                    message, trace(e), rolledBack ? 0 : done, rolledBack ? null : doneChecksum));
        } finally {
            connection.setAutoCommit(auto);
        }
        String suffix = !rolledBack && done > 0 && step.migration().java() == null
                ? " (" + done + " statement(s) before it ran and stay applied: this database cannot roll DDL back;"
                + " fix the script after them and run 'dbshift up' again to resume)" : "";
        return new StepResult(step, false, ms, done, step.migration().label() + ": " + message + suffix);
    }

    private HistoryRow row(MigrationRef m, Operation op, String script, String checksum, String schemaChecksum,
                           Instant started, long ms, boolean success, String error, String trace, Integer done,
                           String doneChecksum) {
        return new HistoryRow(0, context.runId(), m.version() == null ? null : m.version().toString(), m.description(),
                m.kind().code(), op, script, checksum, schemaChecksum, context.environment(), context.installedBy(),
                started, Instant.now(), ms, success, error, trace, done, doneChecksum);
    }

    private String schemaChecksum() {
        return context.schemaChecksum() == null ? null : context.schemaChecksum().apply(connection);
    }

    private void execute(ScriptRef script, SqlStatement st) throws StatementFailure {
        try {
            database.execute(connection, st);
        } catch (SQLException e) {
            throw new StatementFailure(script.name() + ":" + st.line() + ": " + context.password().scrub(e.getMessage())
                    + sqlState(e) + "\n    in: " + abbreviate(st.sql()), e);
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
            return e.getMessage();
        }
        return context.password().scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return context.password().scrub(w.toString());
    }

    StatementIterator split(ScriptRef s) {
        try {
            InputStream in = source.open(s);
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            return database.scriptDialect().split(new BomSkippingReader(reader),
                    new ScriptOptions(s.name(), context.placeholders(), context.replacePlaceholders()));
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

}
