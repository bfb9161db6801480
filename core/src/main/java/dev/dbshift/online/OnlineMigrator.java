package dev.dbshift.online;


import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Orchestrates one online change: preflight ({@link Preflight}), capture, the copy phases
 * ({@link CopyRun}, {@link Verification}), swap and cleanup ({@link Completion}), each phase
 * recorded in the state table so that {@link #resume} continues a run that was killed at any point.
 * Vendor-neutral: every statement it causes is sent by the vendor's {@link OnlineChange}.
 *
 * <p>The library entry point for the executor ({@code -- dbshift:online} scripts) is
 * {@link #alterStatement(OnlineChange, Connections, String, String, OnlineOptions, ChangeOwner, Consumer)}.
 */
public final class OnlineMigrator {

    private final Job job;

    public OnlineMigrator(OnlineChange engine, Connections factory, OnlineOptions options,
                          Consumer<OnlineProgress> listener) {
        this(new Job(engine, factory, options, listener, null));
    }

    private OnlineMigrator(Job job) {
        this.job = job;
    }

    /** Runs one change to the end (or to the postponed cut-over). */
    public static OnlineResult alter(OnlineChange engine, Connections factory, String schema, String table,
                                     String alterSpec, OnlineOptions options) {
        return new OnlineMigrator(engine, factory, options, null).execute(schema, table, alterSpec);
    }

    /**
     * Runs one whole {@code ALTER TABLE [schema.]t ...} statement through the engine; {@code defaultSchema}
     * (null: the connection's database) applies when the statement names no schema.
     * {@link OnlineResult#description()} is for the history row.
     */
    public static OnlineResult alterStatement(OnlineChange engine, Connections factory, String defaultSchema,
                                              String alterTableSql, OnlineOptions options) {
        AlterSpec.Statement st = AlterSpec.parseStatement(alterTableSql, engine::unquotedName);
        return alter(engine, factory, st.schema() != null ? st.schema() : defaultSchema, st.table(), st.spec(), options);
    }

    /**
     * For a statement of a {@code -- dbshift:online} migration, run exactly once across crashes: when
     * the state table holds a change of the same table, spec and {@code owner} statement begun since
     * the migration was last recorded, an unfinished one is resumed from its checkpoint and a
     * finished one is not run again (its result says so); otherwise the change runs from the start.
     * An aborted change is a failure here ({@link OnlineException}), never a success for the history.
     * {@code listener} gets the engine's progress (null: nobody watches).
     */
    public static OnlineResult alterStatement(OnlineChange engine, Connections factory, String defaultSchema,
                                              String alterTableSql, OnlineOptions options, ChangeOwner owner,
                                              Consumer<OnlineProgress> listener) {
        AlterSpec.Statement st = AlterSpec.parseStatement(alterTableSql, engine::unquotedName);
        OnlineMigrator migrator = new OnlineMigrator(new Job(engine, factory, options, listener, owner));
        String spec = AlterSpec.parse(st.spec(), options.renames()).text();
        String schema = st.schema() != null ? st.schema() : defaultSchema;
        // the state row; when there is none yet and a session holds the engine lock, a run killed in its preflight is
        // finishing that statement (this up holds the migration lock, so no other up runs) or an engine started by
        // online alter is about to write its row: wait for either
        Optional<OnlineState> prior = migrator.awaitNoEngine(schema, st.table(), true);
        if (owned(prior, owner, spec) && !prior.get().phase().finished()) {
            // a killed run's session may still be finishing its last statement: wait, then look again
            prior = migrator.awaitNoEngine(schema, st.table(), false);
        }
        OnlineResult r;
        if (owned(prior, owner, spec) && prior.get().phase() != Phase.ABORTED) {
            OnlineState p = prior.get();
            r = p.phase() == Phase.DONE
                    ? new OnlineResult(p.schema(), p.table(), p.copiedUpTo() == null && p.rowsCopied() == 0 ? "native" : "copy",
                    Phase.DONE, p.rowsCopied(), 0, 0, 0, 0, Duration.ZERO, null, true)
                    : migrator.resume(p.schema(), p.table());
        } else {
            r = migrator.execute(schema, st.table(), st.spec());
        }
        if (r.outcome() == Phase.ABORTED) {
            throw new OnlineException(OnlineException.FAILED, "the online change of " + r.table() + " was aborted (online abort);"
                    + " " + r.table() + " is unchanged");
        }
        return r;
    }

    /** True when the state row is of this statement's change, begun since the migration was last recorded. */
    private static boolean owned(Optional<OnlineState> prior, ChangeOwner owner, String spec) {
        return prior.isPresent() && prior.get().owner() != null && prior.get().owner().statement().equals(owner.statement())
                && prior.get().spec().equals(spec) && !owner.recordedAfter().test(prior.get().owner().historyMark());
    }

    /**
     * Waits while a session holds the table's engine lock, then returns the state row. After a kill that is the dead
     * run's session, which the server ends only once the statement it was running (a chunk, or a whole native ALTER) is
     * finished; only then does the state row and the table say what happened. With {@code orStateRow} (no state row
     * yet: a run killed in its preflight, or an engine just started by online alter, which writes its state row within
     * moments) it also stops once a state row exists, and after 120 s.
     */
    private Optional<OnlineState> awaitNoEngine(String schema, String table, boolean orStateRow) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        try (Connection c = job.factory().open()) {
            c.setAutoCommit(true);   // each poll a statement of its own, so a state row written meanwhile is seen
            OnlineNames names = OnlineNames.of(schemaOf(job.engine(), c, schema), table);
            while (job.engine().running(c, names)) {
                if (orStateRow && (System.nanoTime() > deadline || state(c, schema, table).isPresent())) {
                    break;
                }
                Pause.millis(200);
            }
            return state(c, schema, table);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "cannot read the online change state of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** The state row of a table's change, if the state table has one. */
    private Optional<OnlineState> state(String schema, String table) {
        try (Connection c = job.factory().open()) {
            return state(c, schema, table);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "cannot read the online change state of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    private Optional<OnlineState> state(Connection c, String schema, String table) throws SQLException {
        String db = schemaOf(job.engine(), c, schema);
        if (!job.engine().inspector(c).tableExists(db, Checkpoint.TABLE)) {
            return Optional.empty();
        }
        return job.engine().checkpoint(db).read(c, table);
    }

    /** Preflight and plan; builds the shadow to prove the change and drops it again. Changes nothing. */
    public OnlinePlan plan(String schema, String table, String alterSpec) {
        try (Connection c = job.factory().open()) {
            String db = schemaOf(job.engine(), c, schema);
            Preflight.Prepared p = new Preflight(job).prepare(c, db, table, AlterSpec.parse(alterSpec, job.options().renames()), null);
            if (p.layout() != null) {
                job.engine().shadow(c, p.layout().names()).drop();
            }
            return p.plan();
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "online change of " + table + " failed: " + e.getMessage(), e);
        }
    }

    public OnlineResult execute(String schema, String table, String alterSpec) {
        long started = System.nanoTime();
        try (Connection control = job.factory().open()) {
            String db = schemaOf(job.engine(), control, schema);
            OnlineNames names = OnlineNames.of(db, table);
            takeLock(control, names);
            try {
                Checkpoint checkpoint = job.engine().checkpoint(db);
                checkpoint.ensureTable(control);
                var existing = checkpoint.read(control, table);
                if (existing.isPresent() && !existing.get().phase().finished()) {
                    throw OnlineException.refused("an online change of " + table + " is already in progress (phase "
                            + existing.get().phase() + "); run online resume or online abort");
                }
                return start(control, db, table, AlterSpec.parse(alterSpec, job.options().renames()), checkpoint, started);
            } finally {
                release(control, names);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "online change of " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Starts a change; the caller holds the engine lock and no change of the table is in progress. */
    private OnlineResult start(Connection control, String db, String table, AlterSpec spec, Checkpoint checkpoint, long started)
            throws SQLException {
        OnlineNames names = OnlineNames.of(db, table);
        ChangeOwner owner = job.owner();
        String options = OptionsCodec.encode(job.options());
        Preflight.Prepared p = new Preflight(job).prepare(control, db, table, spec, checkpoint);
        Completion completion = new Completion(job);
        if (!p.plan().method().equals("copy")) {
            if (owner != null) {
                // a migration's ALTER: record what the table looks like before and will look like after
                ShadowTable shadow = job.engine().shadow(control, names);
                checkpoint.beginNative(control, table, spec.text(), options, owner, shadow.definitionNow(),
                        shadow.definitionAfter(spec));
            }
            OnlineResult r;
            try {
                r = completion.runNative(control, names, spec, p.plan().nativeSupport(), started);
            } catch (SQLException | RuntimeException e) {
                if (owner != null) { // the server answered: the ALTER did not happen
                    checkpoint.phase(control, table, Phase.ABORTED, "failed: " + e.getMessage());
                }
                throw e;
            }
            if (owner != null) {
                checkpoint.phase(control, table, Phase.DONE, null);
            }
            return r;
        }
        checkpoint.begin(control, table, spec.text(), options, p.plan().rowsEstimate(), owner);
        try {
            ChangeCapture capture = job.engine().capture(job.factory(), control, p.layout(), p.source());
            capture.createChangeLog();
            capture.installCapture();
        } catch (SQLException | RuntimeException e) {
            throw completion.abandon(p.layout().names(), checkpoint, e);
        }
        return new CopyRun(job).run(control, p.layout(), p.source(), checkpoint, started);
    }

    /** Continues an interrupted change from its last checkpoint. */
    public OnlineResult resume(String schema, String table) {
        long started = System.nanoTime();
        try (Connection control = job.factory().open()) {
            String db = schemaOf(job.engine(), control, schema);
            OnlineNames names = OnlineNames.of(db, table);
            takeLock(control, names);
            try {
                return resume(control, db, table, names, started);
            } finally {
                release(control, names);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "resuming the online change of " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** {@link #resume(String, String)} once the engine lock is held on {@code control}. */
    private OnlineResult resume(Connection control, String db, String table, OnlineNames names, long started)
            throws SQLException {
        Checkpoint checkpoint = job.engine().checkpoint(db);
        checkpoint.ensureTable(control);
        OnlineState state = checkpoint.read(control, table).orElseThrow(() -> new OnlineException(
                OnlineException.BAD_INPUT, "no online change of " + db + "." + table + " to resume"));
        if (state.phase().finished()) {
            throw new OnlineException(OnlineException.BAD_INPUT, "the online change of " + table + " is already "
                    + state.phase().name().toLowerCase(java.util.Locale.ROOT));
        }
        checkpoint.flag(control, table, Checkpoint.Flag.PAUSED, false);
        // the change stays its migration statement's, whoever resumes it (an up, or online resume)
        Job resumed = job.withOptions(OptionsCodec.decode(state.options(), job.options()))
                .withOwner(job.owner() != null ? job.owner() : state.owner());
        if (state.phase() == Phase.PREPARE) {
            // killed while building the shadow: nothing was captured or copied yet, so start over
            job.engine().cleanupAbort(job.factory(), control, names);
            return new OnlineMigrator(resumed).start(control, db, table,
                    AlterSpec.parse(state.spec(), resumed.options().renames()), checkpoint, started);
        }
        if (state.phase() == Phase.NATIVE) {
            return new Completion(resumed).finishNative(control, checkpoint, state, started);
        }
        if (state.phase() == Phase.SWAP || state.phase() == Phase.CLEANUP) {
            return new Completion(resumed).finishAfterSwap(control, names, checkpoint, state, started);
        }
        Inspector inspector = job.engine().inspector(control);
        TableShape source = inspector.shape(db, table).orElseThrow();
        TableShape shadow = inspector.shape(db, names.shadow()).orElseThrow(() -> new OnlineException(
                OnlineException.FAILED, "the shadow table " + names.shadow() + " is missing; run online abort"));
        AlterSpec spec = AlterSpec.parse(state.spec(), resumed.options().renames());
        CopyLayout layout = Preflight.layout(job.engine(), names, source, shadow, spec);
        if (state.phase() == Phase.COPY) {
            // a crash may have come between the state row and the triggers: make sure both exist
            ChangeCapture capture = job.engine().capture(job.factory(), control, layout, source);
            capture.createChangeLog();
            capture.installCapture();
        }
        return new CopyRun(resumed).run(control, layout, source, checkpoint, started);
    }

    /**
     * Gives the engine lock back before the control connection goes. Closing the connection alone left it to the
     * server: a pool's connection keeps its session (and the lock, for every later change of the table), and a closed
     * one's session holds it until the server has ended it, which the next change of the same table, at once, could
     * find still held (a migration with two online ALTERs of one table). A connection that is gone has lost it already;
     * one whose server stopped answering (which may be why the change failed) is given {@link #RELEASE_WAIT}, not a
     * wait without end.
     */
    private void release(Connection control, OnlineNames names) {
        try {
            if (control.isClosed()) {
                return;
            }
            int before = control.getNetworkTimeout();
            control.setNetworkTimeout(Runnable::run, (int) RELEASE_WAIT.toMillis());
            try {
                job.engine().unlock(control, names);
            } finally {
                control.setNetworkTimeout(Runnable::run, before);
            }
        } catch (SQLException | RuntimeException gone) {
            // the session is gone, or will be with the connection: its locks go with it
        }
    }

    /** How long giving the lock back may wait for the server, which answers it at once when it answers at all. */
    private static final java.time.Duration RELEASE_WAIT = java.time.Duration.ofSeconds(5);

    private void takeLock(Connection c, OnlineNames names) throws SQLException {
        if (!job.engine().lock(c, names)) {
            String holder = job.engine().lockHolder(c, names).map(h -> " (the lock is held by server " + h + ")").orElse("");
            throw new OnlineException(OnlineException.LOCKED, "another dbshift process is running the online change of "
                    + names.table() + holder + "; use online status / pause / abort. If no dbshift process runs it, that"
                    + " session is one whose process died, and the server ends it when its statement ends: wait, or end"
                    + " the session, then run again");
        }
    }

    /** The schema named, else the connection's default ({@link OnlineChange#defaultSchema}). */
    static String schemaOf(OnlineChange engine, Connection c, String schema) throws SQLException {
        if (schema != null && !schema.isBlank()) {
            return schema;
        }
        String catalog = engine.defaultSchema(c);
        if (catalog == null || catalog.isBlank()) {
            throw new OnlineException(OnlineException.BAD_INPUT, "no database selected: name it in the URL or as schema.table");
        }
        return catalog;
    }
}
