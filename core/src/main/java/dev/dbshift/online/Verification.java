package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Compares table and shadow before the swap, chunk by chunk: chunk bounds are computed here, the
 * comparisons run on {@value #WORKERS} extra connections at once (each chunk read in one snapshot
 * of its own, so the purge of old row versions is held back only for a chunk's time). A mismatching
 * chunk is compared again in pieces of {@value #PIECE_ROWS} rows, and a piece that differs is copied again and
 * checked again, {@value #ROUNDS} times at most; the swap is refused while any piece still differs, and nothing is
 * copied again when most of the table differs ({@link #refuseWidespread}). Each re-copy is announced in the progress first. It backs off while the
 * application holds a row of the range: that ran no statement for minutes with nothing shown, so the wait now names
 * the sessions that may hold the rows, and is bounded in time ({@link OnlineOptions#rowLockWait()}, in all), not in
 * tries: after it the change stops unswapped with those sessions named, and online resume checks again. An abort asked
 * for meanwhile is seen every {@value #LOOK_EVERY_CHUNKS} chunks handed out, not only once the checksum is done.
 */
final class Verification {

    private static final int ROUNDS = 3;
    private static final int CHUNK_ROWS = 20_000;
    private static final int PIECE_ROWS = 1_000;
    private static final int WORKERS = 2;
    /** More differing pieces than this, in most of the table, stop the change ({@link #refuseWidespread}). */
    private static final int WIDESPREAD_PIECES = 3;
    /** Every this many chunks handed out, the abort flag is read (the chunks queued before it are still compared). */
    private static final int LOOK_EVERY_CHUNKS = 8;
    /** How often a re-copy kept from its rows looks again at who holds them. */
    private static final long LOOK_EVERY_NANOS = 5_000_000_000L;

    /** What the checksum did: chunks compared and ranges copied again. */
    record Counts(long chunks, long recopied) {
        static final Counts NONE = new Counts(0, 0);
    }

    private final Job job;

    Verification(Job job) {
        this.job = job;
    }

    Counts verify(Connection copier, CopyLayout layout, Throttler throttler, Progress progress) throws SQLException {
        return verify(copier, layout, throttler, progress, () -> false);
    }

    /**
     * The checksum, given up ({@link GaveUp}) as soon as {@code unwanted} says so after a chunk handed out: an index
     * build beside it that failed makes the comparison moot, and on a big table it would run on for hours.
     */
    Counts verify(Connection copier, CopyLayout layout, Throttler throttler, Progress progress, BooleanSupplier unwanted)
            throws SQLException {
        try (Connection snap = job.factory().open()) {
            snap.setAutoCommit(true);
            snap.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            throttler.reason();
            List<KeyRange> mismatches = new ArrayList<>();
            long[] compared = {0};
            long chunks = compareAll(snap, layout, mismatches, () -> {
                progress.tick();
                if (unwanted.getAsBoolean()) {
                    throw new GaveUp();
                }
                if (++compared[0] % LOOK_EVERY_CHUNKS == 0) {
                    throttler.reason(); // an abort asked for meanwhile (or a critical load) stops the checksum here
                }
            });
            Checksummer checksummer = job.engine().checksummer(snap, layout);
            Checksummer repair = job.engine().checksummer(copier, layout);
            List<KeyRange> differing = new ArrayList<>();
            long pieces = 0;
            for (KeyRange chunk : mismatches) {
                for (KeyRange piece : pieces(checksummer, chunk)) {
                    pieces++;
                    if (!checksummer.compare(piece).equal()) {
                        differing.add(piece);
                    }
                }
            }
            refuseWidespread(differing.size(), pieces, mismatches.size(), chunks, layout);
            long recopied = 0;
            long waitedNanos = 0;
            for (KeyRange piece : differing) {
                boolean ok = false;
                for (int round = 0; round < ROUNDS && !ok; round++) {
                    waitedNanos += recopy(repair, piece, round, waitedNanos, layout, progress);
                    recopied++;
                    ok = checksummer.compare(piece).equal();
                }
                progress.waiting(null);
                if (!ok) {
                    throw new Stopped("checksum mismatch in " + layout.names().table() + " after " + ROUNDS
                            + " re-copies of keys " + shown(piece) + "; nothing was swapped. " + kept(layout));
                }
            }
            return new Counts(chunks, recopied);
        }
    }

    /**
     * Stops the change, before any re-copy, when the differences are everywhere rather than in a few rows: more than
     * {@value #WIDESPREAD_PIECES} pieces differ, they are at least half of the pieces compared in the chunks that differ,
     * and those chunks are at least half of all. Each chunk is compared in one snapshot, where the synchronous capture
     * keeps table and shadow equal, so a difference is a rare race; differences everywhere mean writes the capture
     * missed (seen: a Galera node whose applier skipped a trigger's DDL). Copying everything again would match the
     * table for a moment and swap, and the missed writes that followed would be lost.
     */
    private static void refuseWidespread(int differing, long pieces, int chunksDiffering, long chunks, CopyLayout layout) {
        if (differing > WIDESPREAD_PIECES && differing * 2L >= pieces && chunksDiffering * 2L >= chunks) {
            String table = layout.names().table();
            throw new Stopped("the checksum found " + differing + " of " + pieces + " pieces of " + PIECE_ROWS + " rows"
                    + " different, in " + chunksDiffering + " of " + chunks + " chunks: not a race of a few rows but writes"
                    + " the capture missed (a trigger missing on a server, or on a Galera node whose applier skipped its DDL:"
                    + " see its error log). Nothing was copied again or swapped, since a copy would match for a moment and"
                    + " the missed writes after it would be lost. 'dbshift online abort " + table + "' removes the change;"
                    + " find the cause (the triggers on " + table + " on each server) before running it again");
        }
    }

    /**
     * Copies one range again, trying while the application holds one of its rows (the re-copy never waits for a lock,
     * and backs off between tries), for at most what is left of {@link OnlineOptions#rowLockWait()} after
     * {@code waitedNanos}; the progress names the sessions that may hold the rows, and so does the error when the time
     * is up. Returns the time spent waiting.
     */
    private long recopy(Checksummer repair, KeyRange range, int round, long waitedNanos, CopyLayout layout, Progress progress)
            throws SQLException {
        String what = "checksum mismatch in keys " + shown(range) + ": copying them again, try " + (round + 1) + " of " + ROUNDS;
        progress.waiting(what);
        long start = System.nanoTime();
        long limit = job.options().rowLockWait().toNanos() - waitedNanos;
        long looked = 0;
        List<String> holders = List.of();
        for (int attempt = 1; !repair.recopy(range); attempt++) {
            long waited = System.nanoTime() - start;
            if (attempt == 1 || waited - looked >= LOOK_EVERY_NANOS || waited >= limit) {
                looked = waited;
                holders = holders(repair, range);
                progress.waiting(what + "; waiting while the application holds one of their rows"
                        + (holders.isEmpty() ? "" : ", maybe " + holders.get(0)));
            }
            if (waited >= limit) {
                throw new Stopped("the application held rows of " + layout.names().table()
                        + " in keys " + shown(range) + " for " + job.options().rowLockWait().toSeconds() + " s in all, and the"
                        + " checksum's re-copy of those keys takes their locks without waiting, so it did not run; "
                        + (holders.isEmpty() ? "no session holding row locks was seen"
                        : "sessions in a transaction holding row locks, oldest first: " + String.join("; ", holders))
                        + ". Nothing was swapped. " + kept(layout) + "; end those transactions or wait for them first");
            }
            Pause.millis(Math.min(1000, 10L * attempt * attempt));
        }
        return System.nanoTime() - start;
    }

    /**
     * A mismatching chunk in pieces of {@value #PIECE_ROWS} rows, in key order. Each piece is compared, and only one
     * that differs is copied again: a re-copy then share-locks a thousand of the application's rows, not twenty
     * thousand, and a row the application holds elsewhere in the chunk does not hold it up.
     */
    private static List<KeyRange> pieces(Checksummer checksummer, KeyRange chunk) throws SQLException {
        List<KeyRange> out = new ArrayList<>();
        List<Object> after = chunk.after();
        while (true) {
            Optional<List<Object>> end = checksummer.pieceEnd(new KeyRange(after, chunk.upTo()), PIECE_ROWS);
            if (end.isEmpty() || end.get().equals(chunk.upTo())) {
                out.add(new KeyRange(after, chunk.upTo()));
                return out;
            }
            out.add(new KeyRange(after, end.get()));
            after = end.get();
        }
    }

    /** What a {@link Stopped} change keeps, and the two ways on. */
    private static String kept(CopyLayout layout) {
        String table = layout.names().table();
        return "The shadow table and its triggers are kept and keep it in sync (each application write to " + table
                + " still runs them): 'dbshift online resume " + table + "' checks again and swaps, 'dbshift online abort "
                + table + "' removes them";
    }

    /**
     * The checksum stopped before the swap and keeps everything, as a killed change would, so that online resume
     * checks again without copying again; removing it all (as other failures before the swap do) would throw the copy
     * away, and its triggers could not be dropped while the application holds the table anyway.
     */
    static final class Stopped extends OnlineException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(OnlineException.FAILED, message);
        }
    }

    /** {@link Checksummer#holders}, or nothing when the server would not say (the re-copy goes on without a name). */
    private static List<String> holders(Checksummer repair, KeyRange range) {
        try {
            return repair.holders(range);
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** A range as a person reads it: "after [1] up to [20001]", from the start or to the end when open. */
    static String shown(KeyRange range) {
        return (range.after() == null ? "from the start" : "after " + range.after())
                + (range.upTo() == null ? " to the end" : " up to " + range.upTo());
    }

    /** The checksum stopped because its caller no longer wanted it; nothing it compared is kept. */
    static final class GaveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GaveUp() {
            super("the checksum was given up", null, false, false);
        }
    }

    /** What the caller does after each chunk handed out; it may stop the comparison by throwing. */
    @FunctionalInterface
    private interface AfterChunk {
        void run() throws SQLException;
    }

    /** Compares every chunk; adds the mismatching ranges to {@code bad}; returns the number of chunks. */
    private long compareAll(Connection c, CopyLayout layout, List<KeyRange> bad, AfterChunk perChunk) throws SQLException {
        BlockingQueue<Optional<KeyRange>> queue = new ArrayBlockingQueue<>(4 * WORKERS);
        List<KeyRange> found = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(() -> {
                try (Connection wc = job.factory().open()) {
                    wc.setAutoCommit(true);
                    wc.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    Checksummer worker = job.engine().checksummer(wc, layout);
                    while (true) {
                        Optional<KeyRange> range = queue.take();
                        if (range.isEmpty()) {
                            return;
                        }
                        if (!worker.compare(range.get()).equal()) {
                            found.add(range.get());
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    queue.clear();
                }
            }, "dbshift-checksum-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long chunks = 0;
        try {
            List<Object> after = null;
            boolean last = false;
            Chunker chunker = job.engine().chunker(c, layout);
            while (!last && failure.get() == null) {
                Optional<List<Object>> end = chunker.nextEnd(after, CHUNK_ROWS);
                put(queue, Optional.of(new KeyRange(after, end.orElse(null))), failure);
                chunks++;
                perChunk.run();
                last = end.isEmpty();
                after = end.orElse(null);
            }
        } finally {
            for (int w = 0; w < WORKERS; w++) {
                put(queue, Optional.empty(), failure);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (failure.get() instanceof SQLException e) {
            throw e;
        } else if (failure.get() != null) {
            throw new OnlineException(OnlineException.FAILED, "checksum failed: " + failure.get(), failure.get());
        }
        bad.addAll(found);
        return chunks;
    }

    private static void put(BlockingQueue<Optional<KeyRange>> queue, Optional<KeyRange> item, AtomicReference<Exception> failure) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    queue.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
