package dev.dbshift.online;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.mysql.MySqlOnlineSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Orchestrates one online change: preflight, shadow, capture, copy, sync, checksum, swap, cleanup,
 * each step done by its role-named component, each phase recorded in the state table so that
 * {@link #resume} continues a run that was killed at any point.
 *
 * <p>The library entry point for the executor ({@code -- dbshift:online} scripts) is
 * {@link #alter(ConnectionFactory, String, String, String, OnlineOptions)}.
 */
public final class OnlineMigrator {

    private static final int CHECKSUM_ROUNDS = 3;
    private static final int CHECKSUM_CHUNK_ROWS = 20_000;
    private static final int CHECKSUM_WORKERS = 2;
    private static final long SETTLE_AFTER_ROWS = 200_000;

    /**
     * The migration statement an online change runs for, recorded in the state row, so that the
     * next {@code up} after a crash recognises the change as its own: it resumes it from its
     * checkpoint, or, when it already finished (by {@code online resume} or {@code online cutover}),
     * does not run the ALTER again.
     *
     * @param statement    names the statement: migration, script and its ordinal in the migration
     * @param historyMark  the highest history row id when the change began
     * @param recordedAfter given a state row's history mark: true when the migration has a successful
     *                     history row newer than it, i.e. a change begun then belongs to an earlier
     *                     application of the migration (since rolled back), not to this one; null when
     *                     read back from the state table
     */
    public record Owner(String statement, long historyMark, java.util.function.LongPredicate recordedAfter) {
    }

    private final ConnectionFactory factory;
    private final OnlineOptions options;
    private final Consumer<OnlineProgress> listener;
    private final Owner owner;

    public OnlineMigrator(ConnectionFactory factory, OnlineOptions options, Consumer<OnlineProgress> listener) {
        this(factory, options, listener, null);
    }

    private OnlineMigrator(ConnectionFactory factory, OnlineOptions options, Consumer<OnlineProgress> listener, Owner owner) {
        this.factory = factory;
        this.options = options;
        this.listener = listener;
        this.owner = owner;
    }

    /** Runs one change to the end (or to the postponed cut-over). */
    public static OnlineResult alter(ConnectionFactory factory, String schema, String table, String alterSpec,
                                     OnlineOptions options) {
        return new OnlineMigrator(factory, options, null).execute(schema, table, alterSpec);
    }

    /**
     * For {@code -- dbshift:online} scripts: runs one whole {@code ALTER TABLE [schema.]t ...}
     * statement through the engine; {@code defaultSchema} (null: the connection's database) applies
     * when the statement names no schema. {@link OnlineResult#description()} is for the history row.
     */
    public static OnlineResult alterStatement(ConnectionFactory factory, String defaultSchema, String alterTableSql,
                                              OnlineOptions options) {
        AlterSpec.Statement st = AlterSpec.parseStatement(alterTableSql);
        return alter(factory, st.schema() != null ? st.schema() : defaultSchema, st.table(), st.spec(), options);
    }

    /**
     * For a statement of a {@code -- dbshift:online} migration, run exactly once across crashes: when
     * the state table holds a change of the same table, spec and {@code owner} statement begun since
     * the migration was last recorded, an unfinished one is resumed from its checkpoint and a
     * finished one is not run again (its result says so); otherwise the change runs from the start.
     * An aborted change is a failure here ({@link OnlineException}), never a success for the history.
     */
    public static OnlineResult alterStatement(ConnectionFactory factory, String defaultSchema, String alterTableSql,
                                              OnlineOptions options, Owner owner) {
        AlterSpec.Statement st = AlterSpec.parseStatement(alterTableSql);
        OnlineMigrator migrator = new OnlineMigrator(factory, options, null, owner);
        String spec = AlterSpec.parse(st.spec(), options.renames()).text();
        String schema = st.schema() != null ? st.schema() : defaultSchema;
        Optional<OnlineState> prior = migrator.state(schema, st.table());
        if (owned(prior, owner, spec) && !prior.get().phase().finished()) {
            // a killed run's session may still be finishing its last statement: wait, then look again
            migrator.awaitNoEngine(schema, st.table());
            prior = migrator.state(schema, st.table());
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
    private static boolean owned(Optional<OnlineState> prior, Owner owner, String spec) {
        return prior.isPresent() && prior.get().owner() != null && prior.get().owner().statement().equals(owner.statement())
                && prior.get().spec().equals(spec) && !owner.recordedAfter().test(prior.get().owner().historyMark());
    }

    /**
     * Waits while a session holds the table's engine lock. After a kill that is the dead run's
     * session, which the server ends only once the statement it was running (a chunk, or a whole
     * native ALTER) is finished; only then does the state row and the table say what happened.
     */
    private void awaitNoEngine(String schema, String table) {
        try (Connection c = factory.open()) {
            OnlineNames names = OnlineNames.of(schemaOf(c, schema), table);
            while (OnlineControl.running(c, names)) {
                LockRetry.sleep(200);
            }
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "cannot read the online change state of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** The state row of a table's change, if the state table has one. */
    private Optional<OnlineState> state(String schema, String table) {
        try (Connection c = factory.open()) {
            String db = schemaOf(c, schema);
            if (!new Inspector(c).tableExists(db, Checkpoint.TABLE)) {
                return Optional.empty();
            }
            return new Checkpoint(db).read(c, table);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "cannot read the online change state of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- dry run

    /** Preflight and plan; builds the shadow to prove the change and drops it again. Changes nothing. */
    public OnlinePlan plan(String schema, String table, String alterSpec) {
        try (Connection c = factory.open()) {
            String db = schemaOf(c, schema);
            Prepared p = prepare(c, db, table, AlterSpec.parse(alterSpec, options.renames()), null);
            if (p.layout != null) {
                new ShadowTable(c, p.layout.names()).drop();
            }
            return p.plan;
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "online change of " + table + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- execute

    public OnlineResult execute(String schema, String table, String alterSpec) {
        long started = System.nanoTime();
        try (Connection control = factory.open()) {
            String db = schemaOf(control, schema);
            OnlineNames names = OnlineNames.of(db, table);
            takeLock(control, names);
            Checkpoint checkpoint = new Checkpoint(db);
            checkpoint.ensureTable(control);
            var existing = checkpoint.read(control, table);
            if (existing.isPresent() && !existing.get().phase().finished()) {
                throw OnlineException.refused("an online change of " + table + " is already in progress (phase "
                        + existing.get().phase() + "); run online resume or online abort");
            }
            return start(control, db, table, AlterSpec.parse(alterSpec, options.renames()), checkpoint, started);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "online change of " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Starts a change; the caller holds the engine lock and no change of the table is in progress. */
    private OnlineResult start(Connection control, String db, String table, AlterSpec spec, Checkpoint checkpoint, long started)
            throws SQLException {
        OnlineNames names = OnlineNames.of(db, table);
        Prepared p = prepare(control, db, table, spec, checkpoint);
        if (!p.plan.method().equals("copy")) {
            if (owner != null) {
                // a migration's ALTER: record what the table looks like before and will look like after
                checkpoint.beginNative(control, table, spec.text(), encodeOptions(options), owner,
                        ShadowTable.definition(control, db, table), new ShadowTable(control, names).definitionAfter(spec));
            }
            OnlineResult r;
            try {
                r = runNative(control, db, table, spec, p.plan.method(), started);
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
        checkpoint.begin(control, table, spec.text(), encodeOptions(options), p.plan.rowsEstimate(), owner);
        try {
            TriggerCapture capture = new TriggerCapture(control, p.layout, p.source);
            capture.createChangeLog();
            capture.installCapture();
        } catch (SQLException | RuntimeException e) {
            throw abandon(p.layout.names(), checkpoint, e);
        }
        return run(control, p.layout, p.source, checkpoint, started);
    }

    /** Continues an interrupted change from its last checkpoint. */
    public OnlineResult resume(String schema, String table) {
        long started = System.nanoTime();
        try (Connection control = factory.open()) {
            String db = schemaOf(control, schema);
            OnlineNames names = OnlineNames.of(db, table);
            takeLock(control, names);
            Checkpoint checkpoint = new Checkpoint(db);
            checkpoint.ensureTable(control);
            OnlineState state = checkpoint.read(control, table).orElseThrow(() -> new OnlineException(
                    OnlineException.BAD_INPUT, "no online change of " + db + "." + table + " to resume"));
            if (state.phase().finished()) {
                throw new OnlineException(OnlineException.BAD_INPUT, "the online change of " + table + " is already "
                        + state.phase().name().toLowerCase(java.util.Locale.ROOT));
            }
            checkpoint.flag(control, table, "paused", false);
            OnlineOptions merged = decodeOptions(state.options(), options);
            // the change stays its migration statement's, whoever resumes it (an up, or online resume)
            OnlineMigrator resumed = new OnlineMigrator(factory, merged, listener, owner != null ? owner : state.owner());
            if (state.phase() == Phase.PREPARE) {
                // killed while building the shadow: nothing was captured or copied yet, so start over
                new Cleanup(control, names).abort();
                return resumed.start(control, db, table, AlterSpec.parse(state.spec(), merged.renames()), checkpoint, started);
            }
            if (state.phase() == Phase.NATIVE) {
                return resumed.finishNative(control, checkpoint, state, started);
            }
            if (state.phase() == Phase.SWAP || state.phase() == Phase.CLEANUP) {
                return resumed.finishAfterSwap(control, names, checkpoint, state, started);
            }
            Inspector inspector = new Inspector(control);
            TableShape source = inspector.shape(db, table).orElseThrow();
            TableShape shadow = inspector.shape(db, names.shadow()).orElseThrow(() -> new OnlineException(
                    OnlineException.FAILED, "the shadow table " + names.shadow() + " is missing; run online abort"));
            AlterSpec spec = AlterSpec.parse(state.spec(), merged.renames());
            CopyLayout layout = layout(names, source, shadow, spec);
            if (state.phase() == Phase.COPY) {
                // a crash may have come between the state row and the triggers: make sure both exist
                TriggerCapture capture = new TriggerCapture(control, layout, source);
                capture.createChangeLog();
                capture.installCapture();
            }
            return resumed.run(control, layout, source, checkpoint, started);
        } catch (SQLException e) {
            throw new OnlineException(OnlineException.FAILED, "resuming the online change of " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- preflight

    private record Prepared(OnlinePlan plan, CopyLayout layout, TableShape source) {
    }

    /**
     * Preflight, then the shadow. {@code checkpoint} null: a dry run (the caller drops the shadow);
     * else the state row is written (phase PREPARE) before the shadow is created, so a kill while it
     * is built leaves a row that says whose shadow it is.
     */
    private Prepared prepare(Connection c, String db, String table, AlterSpec spec, Checkpoint checkpoint) throws SQLException {
        boolean dryRun = checkpoint == null;
        Inspector inspector = new Inspector(c);
        OnlineNames names = OnlineNames.of(db, table);
        TableShape source = inspector.shape(db, table).orElseThrow(
                () -> new OnlineException(OnlineException.BAD_INPUT, "no table " + db + "." + table));
        List<String> warnings = new ArrayList<>();
        ShadowTable shadowTable = new ShadowTable(c, names);
        ShadowTable.Native nat = options.strategy() == Strategy.COPY && !dryRun ? ShadowTable.Native.NONE
                : shadowTable.probeNative(spec);
        if (options.strategy() == Strategy.NATIVE && nat == ShadowTable.Native.NONE) {
            throw OnlineException.refused("--strategy native: the server cannot do this change with ALGORITHM=INSTANT "
                    + "or INPLACE, LOCK=NONE");
        }
        if (!spec.nativeKeepsRenames()) {
            String mapped = spec.mappedRenames().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            if (options.strategy() == Strategy.NATIVE) {
                throw OnlineException.refused("--strategy native with --rename " + mapped + ": the server's own ALTER "
                        + "would drop the data of " + String.join(", ", spec.mappedRenames().keySet())
                        + "; write CHANGE COLUMN old new TYPE in the change, or let the copy carry it over (--strategy auto or copy)");
            }
            if (nat != ShadowTable.Native.NONE) {
                warnings.add("--rename " + mapped + " maps columns the ALTER drops and adds: the copy carries their "
                        + "data over (the server's own " + nat.name() + " ALTER would not)");
            }
        }
        boolean nativeRun = options.strategy() != Strategy.COPY && nat != ShadowTable.Native.NONE && spec.nativeKeepsRenames();
        String method = nativeRun ? nat.name().toLowerCase(java.util.Locale.ROOT) : "copy";
        if (nativeRun && !dryRun) {
            return new Prepared(new OnlinePlan(db, table, spec.text(), nat, method, null, null, source.rowsEstimate(),
                    source.bytes(), null, warnings), null, source);
        }
        // the copy engine's refusals
        if (!"InnoDB".equalsIgnoreCase(source.engine())) {
            throw OnlineException.refused(table + " uses " + source.engine() + "; the copy engine needs InnoDB");
        }
        if (source.rowKey().isEmpty()) {
            throw OnlineException.refused(table + " has no primary key and no unique key over NOT NULL columns; "
                    + "the copy needs one to chunk by and to replay changes");
        }
        List<String> fks = inspector.foreignKeys(db, table);
        if (!fks.isEmpty()) {
            throw OnlineException.refused("foreign keys reference or leave " + table + ": " + fks
                    + "; the swap would leave them pointing at the old table (drop them first, re-add after)");
        }
        List<String> triggers = new ArrayList<>(inspector.triggers(db, table));
        triggers.removeAll(names.allTriggers());
        if (!triggers.isEmpty()) {
            throw OnlineException.refused(table + " has triggers " + triggers
                    + "; the copy engine adds its own and cannot keep yours across the swap");
        }
        for (String leftover : List.of(names.shadow(), names.old(), names.changeLog())) {
            if (inspector.tableExists(db, leftover)) {
                throw OnlineException.refused("table " + leftover + " already exists (left by an earlier change?); "
                        + "run online abort " + table + " or drop it");
            }
        }
        OptionalLong free = inspector.freeBytes();
        long need = (long) (source.bytes() * options.diskHeadroom());
        if (free.isPresent() && free.getAsLong() < need) {
            throw OnlineException.refused("not enough free disk space: the copy needs about " + need / (1024 * 1024)
                    + " MiB, " + free.getAsLong() / (1024 * 1024) + " MiB are free");
        }
        if (free.isEmpty()) {
            warnings.add("free disk space on the server could not be checked from this host");
        }
        if (checkpoint != null) {
            checkpoint.beginPrepare(c, table, spec.text(), encodeOptions(options), owner);
        }
        try {
            shadowTable.create(spec);
            TableShape shadow = inspector.shape(db, names.shadow()).orElseThrow();
            CopyLayout layout = layout(names, source, shadow, spec);
            checkUnique(c, source, shadow, layout);
            OnlinePlan plan = new OnlinePlan(db, table, spec.text(), nat, method, layout.keyIndex(), layout.key(),
                    source.rowsEstimate(), source.bytes(), layout.mapping(), warnings);
            return new Prepared(plan, layout, source);
        } catch (RuntimeException | SQLException e) {
            try {
                shadowTable.drop();
                if (checkpoint != null) {
                    checkpoint.phase(c, table, Phase.ABORTED, "refused: " + e.getMessage());
                }
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static CopyLayout layout(OnlineNames names, TableShape source, TableShape shadow, AlterSpec spec) {
        ColumnMapping mapping = ColumnMapping.derive(source, shadow, spec.renames());
        TableShape.Index key = source.rowKey().orElseThrow(() -> OnlineException.refused(
                source.table() + " has no primary key and no unique key over NOT NULL columns"));
        List<String> shadowKey = new ArrayList<>();
        for (String k : key.columns()) {
            shadowKey.add(mapping.shadowOf(k).orElseThrow(() -> OnlineException.refused(
                    "the change drops key column " + k + ", which the copy needs to identify rows")));
        }
        if (!shadow.hasUniqueOn(shadowKey)) {
            throw OnlineException.refused("after the change, " + shadowKey + " is no longer a unique key; "
                    + "the copy needs the row key to stay unique");
        }
        List<String> sourceAsShadow = new ArrayList<>();
        for (MySqlOnlineSql.CopiedColumn c : mapping.copied()) {
            TableShape.Column from = source.column(c.source()).orElseThrow();
            TableShape.Column to = shadow.column(c.shadow()).orElseThrow();
            sourceAsShadow.add(MySqlOnlineSql.asShadowType(from.name(), from.type(), from.charset(), to.type(), to.charset()));
        }
        return new CopyLayout(names, key.name(), key.columns(), shadowKey, mapping, sourceAsShadow);
    }

    private void checkUnique(Connection c, TableShape source, TableShape shadow, CopyLayout layout) throws SQLException {
        for (TableShape.Index idx : shadow.indexes()) {
            if (!idx.unique()) {
                continue;
            }
            List<String> sourceCols = new ArrayList<>();
            boolean allCopied = true;
            for (String col : idx.columns()) {
                var from = layout.mapping().copied().stream().filter(cc -> cc.shadow().equalsIgnoreCase(col)).findFirst();
                if (from.isEmpty()) {
                    allCopied = false;
                    break;
                }
                sourceCols.add(from.get().source());
            }
            if (allCopied && source.hasUniqueOn(sourceCols)) {
                continue;
            }
            if (!options.allowUnique()) {
                throw OnlineException.refused("the change adds unique key " + idx.name() + " " + idx.columns()
                        + "; rows that duplicate it would be lost. Pass --allow-unique to check for duplicates and go on");
            }
            if (!allCopied) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(MySqlOnlineSql.findDuplicate(source.schema(), source.table(), sourceCols));
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    List<Object> dup = new ArrayList<>();
                    for (int i = 1; i <= sourceCols.size(); i++) {
                        dup.add(rs.getObject(i));
                    }
                    throw OnlineException.refused("unique key " + idx.name() + " " + idx.columns() + ": " + sourceCols
                            + " = " + dup + " occurs " + rs.getLong(sourceCols.size() + 1) + " times");
                }
            }
        }
    }

    // ---------------------------------------------------------------- native

    private OnlineResult runNative(Connection c, String db, String table, AlterSpec spec, String method, long started)
            throws SQLException {
        String algorithm = method.equals("instant") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
        TriggerCapture.shortWait(c, "ALTER TABLE " + MySqlOnlineSql.qualified(db, table) + " " + spec.text() + ", " + algorithm);
        return new OnlineResult(db, table, method, Phase.DONE, 0, 0, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - started), null);
    }

    /**
     * A native ALTER whose run was killed: the server finishes a statement whose client died (the
     * killed session also held the engine's lock, so {@code resume} got the lock only after it), so
     * the table's definition now says what happened: the expected one, the ALTER completed; the
     * one before, it never ran (it runs now); anything else cannot be explained and is not guessed at.
     */
    private OnlineResult finishNative(Connection control, Checkpoint checkpoint, OnlineState state, long started)
            throws SQLException {
        String db = state.schema();
        String table = state.table();
        String[] shapes = checkpoint.shapes(control, table);
        String now = ShadowTable.definition(control, db, table);
        if (now.equals(shapes[1])) {
            checkpoint.phase(control, table, Phase.DONE, "completed by the interrupted run");
            return new OnlineResult(db, table, "native", Phase.DONE, 0, 0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started),
                    null, true);
        }
        if (!now.equals(shapes[0])) {
            throw new OnlineException(OnlineException.VALIDATION, "cannot know whether the interrupted native ALTER of "
                    + table + " (" + state.spec() + ") completed: the table's definition is neither the one before it nor the"
                    + " one it gives. Check " + table + " by hand; then 'dbshift online abort " + table + "' and run again");
        }
        AlterSpec spec = AlterSpec.parse(state.spec(), options.renames());
        ShadowTable.Native nat = new ShadowTable(control, OnlineNames.of(db, table)).probeNative(spec);
        if (nat == ShadowTable.Native.NONE) {
            throw new OnlineException(OnlineException.VALIDATION, "the interrupted native ALTER of " + table + " did not run and"
                    + " the server can no longer do it natively; run 'dbshift online abort " + table + "', then again");
        }
        OnlineResult r = runNative(control, db, table, spec, nat.name().toLowerCase(java.util.Locale.ROOT), started);
        checkpoint.phase(control, table, Phase.DONE, null);
        return r;
    }

    // ---------------------------------------------------------------- the copy engine

    private OnlineResult run(Connection control, CopyLayout layout, TableShape source, Checkpoint checkpoint, long started)
            throws SQLException {
        OnlineNames names = layout.names();
        OnlineState state = checkpoint.read(control, names.table()).orElseThrow();
        Progress progress = new Progress(names.table(), state.rowsEstimate(), state.rowsCopied(), listener);
        Throttler throttler = new Throttler(control, options, checkpoint, names.table());
        long recopied = 0;
        long checksumChunks = 0;
        try (Connection copier = factory.open()) {
            copier.setAutoCommit(false);
            // the engine never waits for a row lock: a statement that would wait fails at once and its
            // transaction is retried, so no lock cycle with an application transaction can form (and
            // InnoDB can never pick the application's write as a deadlock victim because of us)
            Statements.execute(copier, "SET SESSION innodb_lock_wait_timeout = 0");
            try {
                Phase phase = state.phase();
                if (phase == Phase.COPY) {
                    copy(copier, layout, checkpoint, throttler, progress, state);
                    checkpoint.phase(control, names.table(), Phase.SYNC, null);
                    phase = Phase.SYNC;
                }
                if (phase == Phase.SYNC) {
                    progress.phase(Phase.SYNC);
                    if (progress.rows() > SETTLE_AFTER_ROWS && progress.replayedTotal() > 0) { // nobody to stall when idle
                        settleWrites(control, new Replayer(copier, layout), progress);
                    }
                    carryAutoIncrement(control, names);
                    new TriggerCapture(control, layout, source).switchToSync();
                    copier.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    Replayer replayer = new Replayer(copier, layout);
                    long upTo = replayer.lastSeq();
                    long n;
                    do {
                        throttler.reason();
                        n = replayer.replay(null, true, true, 100, upTo);
                        progress.replayed(n);
                        progress.tick();
                    } while (n > 0);
                    checkpoint.phase(control, names.table(), Phase.CHECKSUM, null);
                    phase = Phase.CHECKSUM;
                }
                if (phase == Phase.CHECKSUM) {
                    progress.phase(Phase.CHECKSUM);
                    copier.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    if (options.checksum()) {
                        long[] counts = verify(copier, layout, throttler, progress);
                        checksumChunks = counts[0];
                        recopied = counts[1];
                    }
                    phase = options.postponeCutover() ? Phase.WAIT_CUTOVER : Phase.SWAP;
                    checkpoint.phase(control, names.table(), phase, null);
                }
                if (phase == Phase.WAIT_CUTOVER) {
                    progress.phase(Phase.WAIT_CUTOVER);
                    progress.waiting("cut-over postponed: run online cutover " + names.table());
                    while (!checkpoint.read(control, names.table()).orElseThrow().cutoverRequested()) {
                        throttler.reason();
                        checkpoint.touch(control, names.table());
                        new Replayer(copier, layout).discard(10_000);
                        progress.tick();
                        LockRetry.sleep(500);
                    }
                    progress.waiting(null);
                    checkpoint.phase(control, names.table(), Phase.SWAP, null);
                }
            } catch (Throttler.Stop stop) {
                copier.rollback();
                new Cleanup(control, names).abort();
                checkpoint.phase(control, names.table(), Phase.ABORTED, stop.getMessage());
                progress.phase(Phase.ABORTED);
                if (!stop.userAbort()) {
                    throw stop;
                }
                return new OnlineResult(names.schema(), names.table(), "copy", Phase.ABORTED, progress.rows(),
                        progress.replayedTotal(), checksumChunks, recopied, 0, Duration.ofNanos(System.nanoTime() - started), null);
            } catch (SQLException | RuntimeException e) {
                try {
                    copier.rollback();
                } catch (SQLException ignored) {
                    // the cleanup below says what is left
                }
                throw abandon(names, checkpoint, e);
            }
        }
        OnlineResult r;
        try {
            r = finishAfterSwap(control, names, checkpoint, checkpoint.read(control, names.table()).orElseThrow(), started);
        } catch (SQLException | RuntimeException e) {
            throw afterSwapFailure(names, checkpoint, e);
        }
        return new OnlineResult(r.schema(), r.table(), r.method(), r.outcome(), progress.rows(), progress.replayedTotal(),
                checksumChunks, recopied, r.swapAttempts(), r.duration(), r.oldTable());
    }

    // ---------------------------------------------------------------- failures

    /**
     * After any failure before the swap: removes the triggers first (while they stay, every
     * application write pays for them and the change log grows), then the change log and the
     * shadow, on a new connection (the failure may have taken the old one), and records the change
     * as ABORTED with its cause; the table is as it was and the change can simply be run again.
     * When the cleanup fails too (the server went away), the exception says exactly what is left
     * and the command that removes it. A change killed outright (SIGKILL, power) keeps everything
     * and is continued by {@link #resume}.
     */
    private OnlineException abandon(OnlineNames names, Checkpoint checkpoint, Throwable cause) {
        String why = cause.getMessage();
        int exit = cause instanceof dev.dbshift.DbShiftException d ? d.exitCode() : OnlineException.FAILED;
        try (Connection c = factory.open()) {
            new Cleanup(c, names).abort();
            checkpoint.phase(c, names.table(), Phase.ABORTED, "failed, cleaned up: " + why);
            return new OnlineException(exit, "online change of " + names.table() + " failed: " + why + "; abandoned: its"
                    + " triggers, change log and shadow table are removed and " + names.table() + " is unchanged."
                    + " Fix the cause and run the change again", cause);
        } catch (SQLException | RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
            return new OnlineException(exit, "online change of " + names.table() + " failed: " + why
                    + "; removing what it left failed too (" + cleanup.getMessage() + "). Left in " + names.schema()
                    + ": the triggers " + names.allTriggers() + " on " + names.table() + " (where present; each application"
                    + " write still runs them), the tables " + names.changeLog() + " and " + names.shadow()
                    + ". Run 'dbshift online abort " + names.table() + "' to remove them (" + names.table()
                    + " stays unchanged), or 'dbshift online resume " + names.table() + "' to continue", cause);
        }
    }

    /** A failure at or after the swap: before it, abandon; after it, the table is changed and only cleanup remains. */
    private OnlineException afterSwapFailure(OnlineNames names, Checkpoint checkpoint, Throwable cause) {
        boolean swapped;
        try (Connection c = factory.open()) {
            Inspector inspector = new Inspector(c);
            swapped = !inspector.tableExists(names.schema(), names.shadow()) && inspector.tableExists(names.schema(), names.old());
        } catch (SQLException | RuntimeException unknown) {
            cause.addSuppressed(unknown);
            return new OnlineException(OnlineException.FAILED, "online change of " + names.table() + " failed at the swap: "
                    + cause.getMessage() + "; whether the tables were swapped cannot be read now. Run 'dbshift online"
                    + " status' and then 'dbshift online resume " + names.table() + "' (finishes either way)", cause);
        }
        if (!swapped) {
            return abandon(names, checkpoint, cause);
        }
        return new OnlineException(OnlineException.FAILED, "online change of " + names.table() + " is done (the tables are"
                + " swapped) but its cleanup failed: " + cause.getMessage() + ". Left: the triggers on " + names.old()
                + " (no application writes there), " + names.changeLog() + " and " + names.old() + "; run 'dbshift online"
                + " resume " + names.table() + "' to remove them", cause);
    }

    private void copy(Connection copier, CopyLayout layout, Checkpoint checkpoint, Throttler throttler, Progress progress,
                      OnlineState state) throws SQLException {
        copier.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Copier c = new Copier(copier, layout, checkpoint);
        Replayer replayer = new Replayer(copier, layout);
        ChunkSizer sizer = new ChunkSizer(options.chunkTime(), Math.min(1000, options.maxChunkRows()),
                Math.min(50, options.maxChunkRows()), options.maxChunkRows());
        List<Object> position = state.copiedUpTo();
        boolean done = state.copyDone();
        while (!done) {
            throttler.await(progress::waiting);
            Copier.Chunk chunk = c.copyNext(position, sizer.rows());
            position = chunk.end();
            done = chunk.last();
            progress.chunk(chunk.rows(), sizer.observe(chunk.size(), chunk.nanos()));
            progress.replayed(replayer.replay(position, done, false, 40));
        }
        long n;
        do {
            n = replayer.replay(null, true, false, 100);
            progress.replayed(n);
        } while (n > 0);
    }

    /** Checksums every chunk; re-copies and re-checks mismatching ranges; returns {chunks, recopied}. */
    private long[] verify(Connection copier, CopyLayout layout, Throttler throttler, Progress progress) throws SQLException {
        try (Connection snap = factory.open()) {
            snap.setAutoCommit(true);
            snap.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Checksummer checksummer = new Checksummer(snap, layout);
            throttler.reason();
            Checksummer.Pass pass = checksummer.compareAll(CHECKSUM_CHUNK_ROWS, factory, CHECKSUM_WORKERS, progress::tick);
            long recopied = 0;
            for (MySqlOnlineSql.KeyRange range : pass.mismatches()) {
                boolean ok = false;
                for (int round = 0; round < CHECKSUM_ROUNDS && !ok; round++) {
                    Checksummer.recopy(copier, layout, range);
                    recopied++;
                    ok = checksummer.matches(range);
                }
                if (!ok) {
                    throw new OnlineException(OnlineException.FAILED, "checksum mismatch in " + layout.names().table()
                            + " after " + CHECKSUM_ROUNDS + " re-copies of range " + range
                            + "; not swapping. Inspect, then online resume or online abort");
                }
            }
            return new long[] {pass.chunks(), recopied};
        }
    }

    private OnlineResult finishAfterSwap(Connection control, OnlineNames names, Checkpoint checkpoint, OnlineState state,
                                         long started) throws SQLException {
        Inspector inspector = new Inspector(control);
        int attempts = 0;
        if (state.phase() == Phase.SWAP) {
            boolean swapped = !inspector.tableExists(names.schema(), names.shadow())
                    && inspector.tableExists(names.schema(), names.old());
            if (!swapped) {
                if (listener != null) {
                    new Progress(names.table(), 0, 0, listener).phase(Phase.SWAP);
                }
                attempts = new CutOver(control, names, options.swapAttempts()).swap();
            }
            checkpoint.phase(control, names.table(), Phase.CLEANUP, null);
        }
        new Cleanup(control, names).afterSwap(options.keepOld());
        checkpoint.phase(control, names.table(), Phase.DONE, null);
        if (listener != null) {
            new Progress(names.table(), 0, 0, listener).phase(Phase.DONE);
        }
        OnlineState end = checkpoint.read(control, names.table()).orElseThrow();
        return new OnlineResult(names.schema(), names.table(), "copy", Phase.DONE, end.rowsCopied(), 0, 0, 0, attempts,
                Duration.ofNanos(System.nanoTime() - started), options.keepOld() ? names.old() : null);
    }

    /**
     * Before the trigger DDL on the live table, after a big copy: waits (at most 5 s, replaying the
     * change log meanwhile) until at most a tenth of the buffer pool is dirty. A trigger
     * DDL holds the table's exclusive metadata lock while it writes and syncs the trigger file;
     * with the disk saturated by page flushing right after the copy, that took 50-150 ms per
     * statement in the bench, and every application statement waits that long.
     */
    private static void settleWrites(Connection control, Replayer replayer, Progress progress) throws SQLException {
        Inspector inspector = new Inspector(control);
        long total = Math.max(1, inspector.status("Innodb_buffer_pool_pages_total"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && inspector.status("Innodb_buffer_pool_pages_dirty") > total / 10) {
            progress.replayed(replayer.replay(null, true, false, 10));
            progress.tick();
            LockRetry.sleep(200);
        }
    }

    /**
     * Gives the shadow the table's AUTO_INCREMENT counter before the sync triggers start writing
     * to it, so ids the application used and deleted before they were copied are not handed out
     * again after the swap. Later inserts reach the shadow with their ids and move its counter on.
     */
    private static void carryAutoIncrement(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT AUTO_INCREMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, names.schema());
            ps.setString(2, names.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    TriggerCapture.shortWait(c, "ALTER TABLE " + MySqlOnlineSql.qualified(names.schema(), names.shadow())
                            + " AUTO_INCREMENT = " + rs.getLong(1));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static String schemaOf(Connection c, String schema) throws SQLException {
        if (schema != null && !schema.isBlank()) {
            return schema;
        }
        String catalog = c.getCatalog();
        if (catalog == null || catalog.isBlank()) {
            throw new OnlineException(OnlineException.BAD_INPUT, "no database selected: name it in the URL or as schema.table");
        }
        return catalog;
    }

    private static void takeLock(Connection c, OnlineNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, names.lockName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new OnlineException(OnlineException.LOCKED, "another dbshift process is running the online change of "
                            + names.table() + "; use online status / pause / abort");
                }
            }
        }
    }

    static String encodeOptions(OnlineOptions o) {
        StringBuilder sb = new StringBuilder();
        sb.append("allowUnique=").append(o.allowUnique()).append('\n');
        sb.append("keepOld=").append(o.keepOld()).append('\n');
        sb.append("postponeCutover=").append(o.postponeCutover()).append('\n');
        sb.append("checksum=").append(o.checksum()).append('\n');
        o.renames().forEach((k, v) -> sb.append("rename.").append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** The options a change was started with, over the tuning options of the resuming invocation. */
    static OnlineOptions decodeOptions(String text, OnlineOptions base) {
        Map<String, String> renames = new LinkedHashMap<>();
        OnlineOptions o = base;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            switch (k) {
                case "allowUnique" -> o = o.withAllowUnique(Boolean.parseBoolean(v));
                case "keepOld" -> o = o.withKeepOld(Boolean.parseBoolean(v) || base.keepOld());
                case "postponeCutover" -> o = o.withPostponeCutover(Boolean.parseBoolean(v));
                case "checksum" -> o = o.withChecksum(Boolean.parseBoolean(v));
                default -> {
                    if (k.startsWith("rename.")) {
                        renames.put(k.substring("rename.".length()), v);
                    }
                }
            }
        }
        return o.withRenames(renames);
    }
}
