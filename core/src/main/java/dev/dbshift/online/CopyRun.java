package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The copy engine's phases after capture is installed: COPY (chunks with their checkpoints, the
 * throttler before each, replay between them), SYNC (synchronous capture, the rest of the log
 * replayed), CHECKSUM (with the shadow's deferred indexes built beside it where the engine's build takes the sync
 * triggers' writes, see {@link IndexBuild}; else they are built at the end of COPY), the postponed cut-over, then the
 * swap and cleanup. Each phase is recorded
 * before the next starts, so a resumed run enters at the phase the state row names. A checksum that
 * stops (rows the application holds past the wait, a range that still differs) keeps everything, as a
 * kill would, so that resume checks again without copying again; any other failure before the swap
 * abandons the change, except a build beside the checksum that outgrew what the server keeps of the writes meanwhile:
 * that change goes back to the end of the copy, capture only logging, and builds its indexes there
 * ({@link #captureOnlyAgain}).
 */
final class CopyRun {

    private static final long SETTLE_AFTER_ROWS = 200_000;
    private static final String BUILDING = "building the shadow's indexes (made after the copy, one sort each)";

    private final Job job;
    private final Completion completion;
    /** The copy left the deferred indexes to be built beside the checksum (its writes were few enough). */
    private boolean lateIndexes;
    /** How long this run's copy rested between chunks for the nice ratio ({@link Throttler#rest}), in nanoseconds. */
    private long rested;
    /** This run entered after the copy (a resume at SYNC or later), so it cannot know how the copy left the indexes. */
    private boolean resumedAfterCopy;

    CopyRun(Job job) {
        this.job = job;
        this.completion = new Completion(job);
    }

    OnlineResult run(Connection control, CopyLayout layout, TableShape source, Checkpoint checkpoint, long started)
            throws SQLException {
        OnlineChange engine = job.engine();
        OnlineNames names = layout.names();
        OnlineState state = checkpoint.read(control, names.table()).orElseThrow();
        Progress progress = new Progress(names.table(), state.rowsEstimate(), state.rowsCopied(), job.listener());
        Verification.Counts verified = Verification.Counts.NONE;
        try (Connection copier = job.factory().open();
             Throttler throttler = new Throttler(engine.inspector(control), job.options(), checkpoint, control, names.table(),
                     () -> engine.replicaLag(job.factory(), names.schema(), job.options().lag()))) {
            copier.setAutoCommit(false);
            engine.prepareCopier(copier);
            try {
                Phase phase = state.phase();
                resumedAfterCopy = phase != Phase.COPY;
                boolean fellBack = false;
                while (true) {
                    if (phase == Phase.COPY) {
                        if (state.copyDone() && !fellBack) {
                            // resumed after its copy: a run killed in captureOnlyAgain, after it recorded COPY, may have
                            // left capture synchronous, and the build before the sync phase is made while it only logs
                            engine.capture(job.factory(), control, layout, source).switchBackToCapture();
                        }
                        copy(copier, layout, checkpoint, throttler, progress, state);
                        checkpoint.phase(control, names.table(), Phase.SYNC, null);
                        phase = Phase.SYNC;
                    }
                    if (phase == Phase.SYNC) {
                        sync(control, copier, layout, source, throttler, progress);
                        checkpoint.phase(control, names.table(), Phase.CHECKSUM, null);
                        phase = Phase.CHECKSUM;
                    }
                    if (phase == Phase.CHECKSUM) {
                        progress.phase(Phase.CHECKSUM);
                        copier.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                        try {
                            verified = checksum(copier, layout, throttler, progress, state);
                        } catch (Outgrown outgrown) {
                            state = captureOnlyAgain(control, copier, layout, source, checkpoint, progress, outgrown.failure());
                            phase = Phase.COPY;
                            fellBack = true;
                            continue;
                        }
                        throttler.reason(); // an abort asked for during the checksum stops the change here, before the swap
                        phase = job.options().postponeCutover() ? Phase.WAIT_CUTOVER : Phase.SWAP;
                        checkpoint.phase(control, names.table(), phase, null);
                    }
                    break;
                }
                if (phase == Phase.WAIT_CUTOVER) {
                    awaitCutover(control, copier, layout, checkpoint, throttler, progress);
                    checkpoint.phase(control, names.table(), Phase.SWAP, null);
                }
            } catch (Throttler.Stop stop) {
                copier.rollback();
                engine.cleanupAbort(job.factory(), control, names);
                checkpoint.phase(control, names.table(), Phase.ABORTED, stop.getMessage());
                progress.phase(Phase.ABORTED);
                if (!stop.userAbort()) {
                    throw stop;
                }
                return new OnlineResult(names.schema(), names.table(), "copy", Phase.ABORTED, progress.rows(),
                        progress.replayedTotal(), verified.chunks(), verified.recopied(), 0,
                        Duration.ofNanos(System.nanoTime() - started), null, false, Duration.ofNanos(rested));
            } catch (Verification.Stopped stopped) {
                try {
                    copier.rollback();
                    checkpoint.phase(control, names.table(), Phase.CHECKSUM, stopped.getMessage());
                } catch (SQLException unrecorded) {
                    stopped.addSuppressed(unrecorded); // the state row still says CHECKSUM: resume enters there all the same
                }
                throw stopped;
            } catch (SQLException | RuntimeException e) {
                try {
                    copier.rollback();
                } catch (SQLException ignored) {
                    // the cleanup below says what is left
                }
                throw completion.abandon(names, checkpoint, e);
            }
        }
        OnlineResult r;
        try {
            r = completion.finishAfterSwap(control, names, checkpoint, checkpoint.read(control, names.table()).orElseThrow(), started);
        } catch (SQLException | RuntimeException e) {
            throw completion.afterSwapFailure(names, checkpoint, e);
        }
        return new OnlineResult(r.schema(), r.table(), r.method(), r.outcome(), progress.rows(), progress.replayedTotal(),
                verified.chunks(), verified.recopied(), r.swapAttempts(), r.duration(), r.oldTable(), false,
                Duration.ofNanos(rested));
    }

    private void copy(Connection copier, CopyLayout layout, Checkpoint checkpoint, Throttler throttler, Progress progress,
                      OnlineState state) throws SQLException {
        copier.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        OnlineOptions options = job.options();
        Copier c = job.engine().copier(copier, layout, checkpoint);
        Replayer replayer = job.engine().replayer(copier, layout);
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
            if (!done) {
                rested += throttler.rest(chunk.nanos());
            }
        }
        replayAll(replayer, progress);
        // the indexes the shadow was made without (ShadowTable.deferIndexes); after a crash, those not built yet: now,
        // or beside the checksum when the engine's build takes the sync triggers' writes and they are few enough
        copier.commit();
        ShadowTable shadow = job.engine().shadow(copier, layout.names());
        lateIndexes = state.rowsCopied() == 0 && shadow.buildsIndexesUnderWrites(progress.replayedTotal());
        if (!lateIndexes && shadow.restoreIndexes(AlterSpec.parse(state.spec(), options.renames()),
                () -> progress.waiting(BUILDING)) > 0) {
            progress.waiting(null);
            replayAll(replayer, progress); // what the application wrote while they were built
        }
    }

    /**
     * The checksum, and beside it the shadow's deferred indexes when the copy left them for now ({@link #lateIndexes}),
     * or when a run resumed after the copy may find some missing and the engine builds under writes at all. A build that
     * fails stops the checksum at its next chunk, not at its end; one that failed because the server could not keep the
     * synchronous triggers' writes meanwhile ({@link ShadowTable#outgrewWrites}) throws {@link Outgrown}.
     */
    private Verification.Counts checksum(Connection copier, CopyLayout layout, Throttler throttler, Progress progress,
                                         OnlineState state) throws SQLException, Outgrown {
        boolean check = job.options().checksum();
        ShadowTable shadow = job.engine().shadow(copier, layout.names());
        boolean beside = lateIndexes || resumedAfterCopy && shadow.buildsIndexesUnderWrites(-1);
        if (!beside) {
            return check ? new Verification(job).verify(copier, layout, throttler, progress) : Verification.Counts.NONE;
        }
        try (IndexBuild build = IndexBuild.start(job, layout.names(), AlterSpec.parse(state.spec(), job.options().renames()))) {
            boolean building = build.building();
            if (building) {
                progress.waiting(BUILDING + (check ? " while the checksum runs" : ""));
            }
            build.go();
            Verification.Counts counts = Verification.Counts.NONE;
            try {
                if (check) {
                    counts = new Verification(job).verify(copier, layout, throttler, progress, build::failed);
                }
                if (building) {
                    progress.waiting(BUILDING);
                }
            } catch (Verification.GaveUp gaveUp) {
                // the build failed: its failure, which await throws, decides what follows
            }
            try {
                build.await();
            } catch (SQLException e) {
                if (shadow.outgrewWrites(e)) {
                    throw new Outgrown(e);
                }
                throw e;
            }
            if (building) {
                progress.waiting(null);
            }
            return counts;
        }
    }

    /**
     * After a build beside the checksum outgrew what the server keeps of the writes (a burst larger than the copy's
     * writes foretold), the change goes back to the end of the copy instead of being abandoned: the phase COPY is
     * recorded first, then capture switched back to logging only, so that a run killed between the two resumes at COPY
     * with nothing lost either way. The indexes are then built while no application write reaches the shadow, the log
     * replayed, capture made synchronous again and the checksum run again. Where capture cannot switch back (it was
     * made synchronous by DDL), the build's failure stands and the change is abandoned, as before.
     */
    private OnlineState captureOnlyAgain(Connection control, Connection copier, CopyLayout layout, TableShape source,
                                         Checkpoint checkpoint, Progress progress, SQLException outgrown) throws SQLException {
        String table = layout.names().table();
        copier.rollback();
        checkpoint.phase(control, table, Phase.COPY, null);
        if (!job.engine().capture(job.factory(), control, layout, source).switchBackToCapture()) {
            throw outgrown;
        }
        progress.waiting("the index build beside the checksum outgrew what the server keeps of the application's "
                + "writes meanwhile (" + outgrown.getMessage() + "); building them again while capture only logs");
        progress.phase(Phase.COPY);
        resumedAfterCopy = false;
        lateIndexes = false;
        return checkpoint.read(control, table).orElseThrow();
    }

    /** An index build beside the checksum outgrew what the server keeps of the writes meanwhile: {@link #captureOnlyAgain}. */
    private static final class Outgrown extends Exception {
        private static final long serialVersionUID = 1L;

        Outgrown(SQLException failure) {
            super(failure.getMessage(), failure, false, false);
        }

        SQLException failure() {
            return (SQLException) getCause();
        }
    }

    /** Replays the change log until it is empty (after the copy: every key is in the copied range). */
    private static void replayAll(Replayer replayer, Progress progress) throws SQLException {
        long n;
        do {
            n = replayer.replay(null, true, false, 100);
            progress.replayed(n);
        } while (n > 0);
    }

    /** Synchronous capture, then the log written before it replayed under locks taken without waiting. */
    private void sync(Connection control, Connection copier, CopyLayout layout, TableShape source, Throttler throttler,
                      Progress progress) throws SQLException {
        progress.phase(Phase.SYNC);
        Replayer replayer = job.engine().replayer(copier, layout);
        ChangeCapture capture = job.engine().capture(job.factory(), control, layout, source);
        if (progress.rows() > SETTLE_AFTER_ROWS && progress.replayedTotal() > 0 && capture.switchIsDdl()) {
            settleWrites(control, replayer, progress); // nobody to stall when idle
        }
        job.engine().carryAutoIncrement(control, layout);
        capture.switchToSync();
        copier.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        long upTo = replayer.lastSeq();
        long n;
        do {
            throttler.reason();
            n = replayer.replay(null, true, true, 100, upTo);
            progress.replayed(n);
            progress.tick();
        } while (n > 0);
    }

    /**
     * Before the capture DDL on the live table, after a big copy: waits (at most 5 s, replaying the
     * change log meanwhile) while the server is still flushing what the copy wrote; DDL on the live
     * table makes every application statement wait for it, and is slow on a saturated disk.
     */
    private void settleWrites(Connection control, Replayer replayer, Progress progress) throws SQLException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && job.engine().flushing(control)) {
            progress.replayed(replayer.replay(null, true, false, 10));
            progress.tick();
            Pause.millis(200);
        }
    }

    /** Postponed cut-over: keeps the shadow in sync (and the log short) until a user allows the swap. */
    private void awaitCutover(Connection control, Connection copier, CopyLayout layout, Checkpoint checkpoint,
                              Throttler throttler, Progress progress) throws SQLException {
        String table = layout.names().table();
        progress.phase(Phase.WAIT_CUTOVER);
        progress.waiting("cut-over postponed: run online cutover " + table);
        Replayer replayer = job.engine().replayer(copier, layout);
        while (!checkpoint.read(control, table).orElseThrow().cutoverRequested()) {
            throttler.reason();
            checkpoint.touch(control, table);
            replayer.discard(10_000);
            progress.tick();
            Pause.millis(500);
        }
        progress.waiting(null);
    }
}
