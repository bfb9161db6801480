package dev.dbshift.execute;

import dev.dbshift.db.SafeDdl;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Secrets;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Database;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementIterator;

import java.io.StringReader;
import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link Plan} on one connection that holds the migration lock: each step by a
 * {@link StepRunner} made for it ({@link InTransactionStep} where the database and the script allow
 * one transaction, else {@link StatementByStatementStep}), and, with {@code --on-failure
 * rollback-run}, the reverting of what the run applied when a step fails. It keeps no state between
 * steps: each step's state lives in its runner.
 */
public final class Executor {
    /**
     * What the executor needs to know about the run it belongs to.
     *
     * @param schemaChecksum reads the live schema's checksum, or null where the database has no reader
     * @param schemaChecksums which steps record it
     * @param schema         the schema the run works in (online changes name tables in it)
     * @param connections    new connections to the target, for online changes
     * @param safeDdl        how DDL waits for its locks ({@link SafeDdl})
     */
    public record Context(long runId, String environment, String installedBy, Map<String, String> placeholders,
                          boolean replacePlaceholders, boolean placeholdersInLiterals, OnFailure onFailure, Secrets secrets,
                          SchemaChecksumReader schemaChecksum, SchemaChecksums schemaChecksums,
                          String schema, ConnectionFactory connections, SafeDdl safeDdl, OnlineOptions online,
                          Connections.Others otherServers) {

        /** Without online settings: {@code -- dbshift:online} changes use the defaults, replicas are reached by URL alone. */
        public Context(long runId, String environment, String installedBy, Map<String, String> placeholders,
                       boolean replacePlaceholders, boolean placeholdersInLiterals, OnFailure onFailure, Secrets secrets,
                       SchemaChecksumReader schemaChecksum, SchemaChecksums schemaChecksums,
                       String schema, ConnectionFactory connections, SafeDdl safeDdl) {
            this(runId, environment, installedBy, placeholders, replacePlaceholders, placeholdersInLiterals, onFailure, secrets,
                    schemaChecksum, schemaChecksums, schema, connections, safeDdl, OnlineOptions.defaults(),
                    java.sql.DriverManager::getConnection);
        }

        /** The placeholder settings every script of the run is read with. */
        ScriptOptions.Placeholders scriptPlaceholders() {
            return new ScriptOptions.Placeholders(placeholders, replacePlaceholders, placeholdersInLiterals);
        }
    }

    /** Reads the checksum of the schema as the connection sees it now. */
    @FunctionalInterface
    public interface SchemaChecksumReader {
        String read(Connection connection) throws SQLException;
    }

    private final RunTarget target;
    private final Connection connection;
    private final Database database;
    private final MigrationSource source;
    private final Context context;
    private final ExecutionListener listener;
    /** The source's callback scripts by event, read once when a run first needs them. */
    private Map<String, List<ScriptRef>> callbacks;

    /** The session's settings before the run's first step, set back after each step that may change them. */
    private Database.SessionState session;
    /** Whether the session was readied for scripts ({@link Database#readyForScripts}), which is done once, before the first. */
    private boolean readied;

    public Executor(Connection connection, Database database, HistoryStore store, MigrationSource source,
                    Context context, ExecutionListener listener) {
        this.target = new RunTarget(connection, database, store, context, listener);
        this.connection = connection;
        this.database = database;
        this.source = source;
        this.context = context;
        this.listener = listener;
    }

    public Report run(Plan plan) throws SQLException {
        boolean up = plan.command().equals("up");
        // what the run's callbacks set that no catalog lists is set back when it ends, for an application's pool
        // (PooledConnections sets back the rest); the command line's session ends with the run anyway
        Database.Undo kept = Database.Undo.NOTHING;
        if (up && !(callbackScripts("beforeMigrate").isEmpty() && callbackScripts("afterMigrate").isEmpty())) {
            List<ScriptRef> both = new ArrayList<>(callbackScripts("beforeMigrate"));
            both.addAll(callbackScripts("afterMigrate"));
            try (StepScripts reader = scripts()) {
                kept = database.keep(connection, reader.named(both));
            }
        }
        Report report = run(plan, up);
        try {
            kept.undo(connection);
        } catch (SQLException e) {
            if (report.success()) {
                throw e;
            }
            // the run failed already (its connection, often): what it reports stands
        }
        return report;
    }

    private Report run(Plan plan, boolean up) throws SQLException {
        List<StepResult> results = new ArrayList<>();
        List<Step> applied = new ArrayList<>();
        int total = plan.steps().size();
        if (up) {
            callbacks("beforeMigrate");
        }
        // what the callbacks set stays; what a migration sets is set back before the next (Database.sessionState)
        if (total > 0) {
            readyForScripts();
        }
        session = total == 0 ? null : database.sessionState(connection);
        for (int i = 0; i < total; i++) {
            Step step = plan.steps().get(i);
            listener.stepStarted(step, i + 1, total);
            boolean recordsSchema = recordsSchema(i == total - 1);
            StepResult r = runStep(step, recordsSchema);
            results.add(r);
            listener.stepFinished(r, i + 1, total);
            if (!r.success()) {
                return failedRun(plan, results, applied, step, r, recordsSchema);
            }
            if (step.action() != Step.Action.REVERT) {
                applied.add(step);
            }
        }
        if (up) {
            callbacks("afterMigrate");
        }
        return new Report(context.runId(), plan, results, List.of(), true, str(plan.from()), str(plan.to()), null);
    }

    private List<ScriptRef> callbackScripts(String event) {
        if (callbacks == null) {
            callbacks = source.callbacks();
        }
        return callbacks.getOrDefault(event, List.of());
    }

    /**
     * Runs the callback scripts of {@code event} ({@code beforeMigrate}, {@code afterMigrate}: Flyway's, which run
     * on every {@code up}, with or without pending migrations), each statement on its own, unrecorded; a failing
     * statement stops the command naming the script and line.
     */
    /**
     * Readies the session to run scripts as the vendor's own client would ({@link Database#readyForScripts}: on
     * PostgreSQL psql's time zone, on MySQL the server's sql_mode), once, before the first script of a run that records;
     * a run with nothing to run (a no-op {@code up} at an application's start) asks nothing (PostgreSQL's questions cost
     * ~15 ms on a new connection).
     */
    private void readyForScripts() throws SQLException {
        if (!readied && context.runId() > 0) {
            database.readyForScripts(connection);
            readied = true;
        }
    }

    private void callbacks(String event) throws SQLException {
        List<ScriptRef> scripts = callbackScripts(event);
        if (scripts.isEmpty()) {
            return;
        }
        readyForScripts();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (StepScripts reader = scripts(); java.sql.Statement st = connection.createStatement()) {
            for (ScriptRef s : scripts) {
                listener.notice(event + " callback: " + s.name());
                try (StatementIterator it = reader.statements(s)) {
                    while (it.hasNext()) {
                        SqlStatement q = it.next();
                        try {
                            st.execute(q.sql());
                        } catch (SQLException e) {
                            throw new DbShiftException(DbShiftException.FAILED, s.name() + ":" + q.line() + ": the " + event
                                    + " callback failed: " + context.secrets().scrub(e.getMessage()), e);
                        }
                    }
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Whether a step's history row records the schema's checksum (see {@link SchemaChecksums}). */
    private boolean recordsSchema(boolean lastStep) {
        return context.schemaChecksums() == SchemaChecksums.EACH || (context.schemaChecksums() == SchemaChecksums.LAST && lastStep);
    }

    /**
     * The report of a run whose step {@code step} failed with {@code r}: with {@code --on-failure
     * rollback-run}, first the failed migration's statements that stayed (no transactional DDL) are
     * reverted with its down script, then the migrations this run applied, newest first.
     */
    private Report failedRun(Plan plan, List<StepResult> results, List<Step> applied, Step step, StepResult r,
                             boolean recordsSchema) throws SQLException {
        List<StepResult> reverted = new ArrayList<>();
        String error = r.error();
        boolean rollbackRun = context.onFailure() == OnFailure.ROLLBACK_RUN;
        int stayed = step.action() == Step.Action.REVERT ? 0 : r.statements();
        if (rollbackRun && (stayed > 0 || !applied.isEmpty()) && target.connectionLost()) {
            error += "\nthe run was not rolled back: the connection to the database is lost";
        } else if (rollbackRun && stayed > 0) {
            MigrationRef m = step.migration();
            String which = stayed == 1 ? "statement 1" : "statements 1 to " + stayed;
            if (!m.hasDown()) {
                error += "\n--on-failure rollback-run: " + which + " of " + m.label() + " ran and stay applied: it has"
                        + " no down script; undo them by hand";
            } else {
                listener.notice("--on-failure rollback-run: reverting " + m.label() + ", whose " + which
                        + " ran before it failed, with its down script");
                StepResult br = runStep(Step.of(Step.Action.REVERT, m), recordsSchema);
                reverted.add(br);
                if (!br.success()) {
                    error += "\nand reverting it failed too: " + br.error() + "\n" + which + " of " + m.label() + " ("
                            + m.scriptName() + ") ran and stay applied, and its down script stopped part way: fix the"
                            + " database by hand, then record that with 'dbshift repair'";
                    return new Report(context.runId(), plan, results, reverted, false, str(plan.from()), null, error);
                }
                error += "\n--on-failure rollback-run: the " + which + " of " + m.label() + " that ran were reverted"
                        + " with its down script" + (r.rowsStayed()
                        ? "; the rows the failed try's rollback could not undo are what that down script left of them: the"
                        + " next 'up' runs the migration from its start and does not stop there" : "");
            }
        }
        if (rollbackRun && !applied.isEmpty() && !target.connectionLost()) {
            listener.notice("--on-failure rollback-run: reverting the " + applied.size() + " migration(s) this run applied");
            for (int j = applied.size() - 1; j >= 0; j--) {
                Step back = Step.of(Step.Action.REVERT, applied.get(j).migration());
                listener.stepStarted(back, applied.size() - j, applied.size());
                StepResult br = runStep(back, recordsSchema(j == 0));
                reverted.add(br);
                listener.stepFinished(br, applied.size() - j, applied.size());
                if (!br.success()) {
                    error += "\nand reverting the run failed too: " + br.error();
                    break;
                }
            }
        }
        return new Report(context.runId(), plan, results, reverted, false, str(plan.from()), null, error);
    }

    /** How a step would run and its statements, without running anything (for --dry-run). */
    public PlannedStep describe(Step step) {
        MigrationRef m = step.migration();
        List<ScriptRef> refs = step.action() == Step.Action.REVERT ? m.down() : m.up();
        if (m.java() != null) {
            // where DDL commits on its own, a Java migration still runs in a transaction: its rows commit with its history row
            String mode = database.supportsTransactionalDdl() ? "transaction" : "transaction (its DDL commits)";
            try {
                Optional<List<SqlStatement>> statements = javaStatements(m, step.action() == Step.Action.REVERT);
                if (statements.isEmpty()) {
                    return new PlannedStep(step, mode, List.of(), null);
                }
                if (database.supportsTransactionalDdl() && !javaInTransaction(m, statements.get())) {
                    mode = "no-transaction";
                }
                return new PlannedStep(step, mode, List.of(new PlannedStep.Script(m.scriptName(), statements.get())), null);
            } catch (Exception e) {
                return new PlannedStep(step, "refused", List.of(), e.getMessage());
            }
        }
        try (StepScripts scripts = scripts()) {
            String mode;
            try {
                mode = !database.supportsTransactionalDdl() ? "autocommit" : scripts.inTransaction(refs) ? "transaction" : "no-transaction";
            } catch (DbShiftException e) {
                return new PlannedStep(step, "refused", List.of(), e.getMessage());
            }
            List<PlannedStep.Script> out = new ArrayList<>();
            int index = 0;
            try {
                for (ScriptRef s : refs) {
                    List<SqlStatement> statements = new ArrayList<>();
                    try (StatementIterator it = scripts.statements(s)) {
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
    }

    /**
     * Whether the statement {@code run} was running when it died completed, decided as
     * {@link InterruptedStatement} says; {@code migration} is the one its progress mark names (null
     * when its scripts are gone).
     */
    public InterruptedStatement.Decision interrupted(RunRow run, MigrationRef migration) throws SQLException {
        try (StepScripts scripts = scripts()) {
            return new InterruptedStatement(connection, database, context.schema(), scripts::statements,
                    s -> database.online().isPresent() && scripts.directives(s).online()).decide(run, migration);
        }
    }

    /** Why a step that runs statement by statement keeps what ran when it fails, for the failure's message. */
    private String outsideATransactionBecause(MigrationRef m, StepScripts scripts, StepRun run) {
        if (!database.supportsTransactionalDdl()) {
            return "this database cannot roll DDL back";
        }
        if (m.java() != null) {
            return "the Java migration runs outside a transaction (its statements hold their own, or one cannot run in one)";
        }
        return scripts.online(run.scripts()) ? "an online migration runs outside a transaction"
                : "the script runs outside a transaction (-- dbshift:no-transaction, or a statement the database refuses in one)";
    }

    /** Runs one step and records it; returns a failed result (never throws) for a migration that fails. */
    StepResult runStep(Step step, boolean recordsSchema) throws SQLException {
        // Flyway's beforeEachMigrate/afterEachMigrate callbacks run with each migration applied, in its transaction
        StepRun run = step.action() == Step.Action.REVERT ? StepRun.start(step, recordsSchema)
                : StepRun.start(step, recordsSchema, callbackScripts("beforeEachMigrate"), callbackScripts("afterEachMigrate"));
        MigrationRef m = step.migration();
        target.rows().read(); // what of the database's code writes outside a transaction, before a transaction is open
        try (StepScripts scripts = scripts()) {
            boolean transactional;
            try {
                // an online change runs outside any transaction, statement by statement
                boolean online = m.java() == null && scripts.online(run.scripts());
                transactional = database.supportsTransactionalDdl() && !online && (m.java() != null
                        ? javaInTransaction(m, step.action() == Step.Action.REVERT)
                        : scripts.inTransaction(run.scripts()));
            } catch (DbShiftException e) {
                StepRecorder recorder = new StepRecorder(target);
                return recorder.failed(run, 0, null, recorder.message(e), e, null); // nothing ran
            }
            StepRunner runner = transactional ? new InTransactionStep(target, run, scripts)
                    : new StatementByStatementStep(target, run, scripts, outsideATransactionBecause(m, scripts, run));
            // dbshift's own writes in the step run as the run began: a script's SET ROLE must not decide them
            java.util.regex.Pattern ownWriteWords = session == null ? null : session.ownWriteWords();
            target.store().ownWritesAs(ownWriteWords != null
                    && (m.java() != null || scripts.mayChangeOwnWrites(run.scripts(), ownWriteWords)) ? session : null);
            // a step that may release the session's lock proves it still holds it before each of its writes
            target.store().checkLockHeld(m.java() != null || scripts.mayReleaseLock(run.scripts()));
            boolean settings = m.java() != null || scripts.mayChangeSession(run.scripts());
            boolean objects = m.java() != null || scripts.mayLeaveSessionObjects(run.scripts());
            boolean setsBack = session != null && session != Database.SessionState.NONE && (settings || objects);
            Database.SessionState.Named named = setsBack ? scripts.named(run.scripts()) : null;
            // what no catalog lists (a callback's SET app.tenant, SET @tenant), as the step begins
            Database.Undo kept = setsBack ? database.keep(connection, named) : Database.Undo.NOTHING;
            StepResult result;
            try {
                result = runner.run();
            } finally {
                target.store().ownWritesAs(null);
                target.store().checkLockHeld(false);
            }
            if (setsBack) {
                try {
                    if (settings) {
                        session.restore(connection);
                    }
                    if (objects) {
                        session.dropSessionObjects(connection, named);
                    }
                    kept.undo(connection);
                } catch (SQLException e) {
                    if (result.success()) {
                        throw e;
                    }
                    // the step failed already (its connection, often): what it reports stands
                }
            }
            return result;
        }
    }

    /**
     * The statements a Java migration says it runs ({@link dev.dbshift.migration.JavaMigration#statements}), split
     * and classified by this database's dialect as a script of them would be; empty when it cannot say.
     */
    private Optional<List<SqlStatement>> javaStatements(MigrationRef m, boolean down) throws Exception {
        Optional<List<String>> sql = m.java().statements(connection, down);
        if (sql.isEmpty()) {
            return Optional.empty();
        }
        String text = database.ddlWriter().map(w -> w.script(sql.get()))
                .orElseGet(() -> String.join("", sql.get().stream().map(q -> q + "\n;\n").toList()));
        List<SqlStatement> out = new ArrayList<>();
        try (StatementIterator it = database.scriptDialect().split(new StringReader(text), ScriptOptions.of(m.scriptName()))) {
            it.forEachRemaining(out::add);
        }
        return Optional.of(out);
    }

    /** Whether a Java migration runs in a transaction (see below); a failure to tell fails the step. */
    private boolean javaInTransaction(MigrationRef m, boolean down) {
        try {
            return javaStatements(m, down).map(l -> javaInTransaction(m, l)).orElse(true);
        } catch (DbShiftException e) {
            throw e;
        } catch (Exception e) {
            throw new DbShiftException(DbShiftException.FAILED, m.label() + " (" + m.scriptName() + "): " + e.getMessage(), e);
        }
    }

    /**
     * The transaction policy of scripts ({@link dev.dbshift.sql.TransactionPolicy}) for a Java migration's
     * statements: in a transaction unless a statement is one the server refuses there, or they hold their own
     * transaction; a refused statement mixed with others is refused, since autocommit could leave half the migration
     * applied.
     */
    private static boolean javaInTransaction(MigrationRef m, List<SqlStatement> statements) {
        if (statements.stream().anyMatch(st -> st.kind() == dev.dbshift.sql.StatementKind.TRANSACTION_CONTROL)) {
            return false; // its statements hold their own transaction (an SQLite rebuild with foreign keys on): in autocommit
        }
        Optional<SqlStatement> refused = statements.stream().filter(SqlStatement::noTransaction).findFirst();
        if (refused.isEmpty()) {
            return true;
        }
        if (statements.stream().anyMatch(st -> !st.noTransaction())) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, m.label() + " (" + m.scriptName() + "): '"
                    + refused.get().sql() + "' cannot run inside a transaction, and the migration makes other changes:"
                    + " move it to a migration of its own");
        }
        return false;
    }

    private StepScripts scripts() {
        return new StepScripts(database, source, context.scriptPlaceholders(), target.rows());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
