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

/**
 * Compares table and shadow before the swap, chunk by chunk: chunk bounds are computed here, the
 * comparisons run on {@value #WORKERS} extra connections at once (each chunk read in one snapshot
 * of its own, so the purge of old row versions is held back only for a chunk's time). A mismatching
 * range is copied again and checked again, {@value #ROUNDS} times at most; the swap is refused
 * while any range still differs. Each re-copy is announced in the progress first: it backs off while the
 * application holds a row of the range, which ran no statement for minutes with nothing shown.
 */
final class Verification {

    private static final int ROUNDS = 3;
    private static final int CHUNK_ROWS = 20_000;
    private static final int WORKERS = 2;

    /** What the checksum did: chunks compared and ranges copied again. */
    record Counts(long chunks, long recopied) {
        static final Counts NONE = new Counts(0, 0);
    }

    private final Job job;

    Verification(Job job) {
        this.job = job;
    }

    Counts verify(Connection copier, CopyLayout layout, Throttler throttler, Progress progress) throws SQLException {
        try (Connection snap = job.factory().open()) {
            snap.setAutoCommit(true);
            snap.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            throttler.reason();
            List<KeyRange> mismatches = new ArrayList<>();
            long chunks = compareAll(snap, layout, mismatches, progress::tick);
            Checksummer checksummer = job.engine().checksummer(snap, layout);
            Checksummer repair = job.engine().checksummer(copier, layout);
            long recopied = 0;
            for (KeyRange range : mismatches) {
                boolean ok = false;
                for (int round = 0; round < ROUNDS && !ok; round++) {
                    // said before it starts: the re-copy takes shared locks without waiting and tries again while
                    // the application holds a row of the range, which can take minutes and runs no statement meanwhile
                    progress.waiting("checksum mismatch in keys " + shown(range) + ": copying them again, try "
                            + (round + 1) + " of " + ROUNDS + "; this waits while the application holds one of their rows");
                    repair.recopy(range);
                    recopied++;
                    ok = checksummer.compare(range).equal();
                }
                progress.waiting(null);
                if (!ok) {
                    throw new OnlineException(OnlineException.FAILED, "checksum mismatch in " + layout.names().table()
                            + " after " + ROUNDS + " re-copies of range " + range
                            + "; not swapping. Inspect, then online resume or online abort");
                }
            }
            return new Counts(chunks, recopied);
        }
    }

    /** A range as a person reads it: "after [1] up to [20001]", from the start or to the end when open. */
    static String shown(KeyRange range) {
        return (range.after() == null ? "from the start" : "after " + range.after())
                + (range.upTo() == null ? " to the end" : " up to " + range.upTo());
    }

    /** Compares every chunk; adds the mismatching ranges to {@code bad}; returns the number of chunks. */
    private long compareAll(Connection c, CopyLayout layout, List<KeyRange> bad, Runnable perChunk) throws SQLException {
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
