package dev.dbshift.online;

import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.mysql.MySqlOnlineSql;
import dev.dbshift.db.mysql.MySqlOnlineSql.KeyRange;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares table and shadow chunk by chunk before the swap. Runs in the sync phase, when every
 * application write reaches both tables in one transaction and the change log is empty, so each
 * chunk is compared inside one {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}: both sides are
 * read at the same instant, without locks, and must be equal (count and BIT_XOR of CRC32 over the
 * copied columns, NULL-aware; the source side read as the shadow's column types hold the values, so
 * a type change such as DECIMAL(10,2) to DECIMAL(12,3) compares 1.230 with 1.230, not 1.23). One snapshot per chunk, not per table, so the purge of old row
 * versions is held back only for a chunk's time, and chunks can be compared on two connections
 * at once.
 *
 * <p>A mismatching range is copied again under shared locks (source before shadow, as the sync
 * triggers lock) and checked again; the swap is refused while any range still differs.
 */
public final class Checksummer {

    /** Result of one pass. */
    public record Pass(long chunks, long rows, List<KeyRange> mismatches) {
    }

    private final Connection connection;
    private final CopyLayout layout;

    public Checksummer(Connection connection, CopyLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * Compares every chunk. Chunk bounds are computed here; the comparisons run on {@code workers}
     * extra connections at once (each chunk still reads both tables in one snapshot of its own), so
     * the checksum uses more than one core of the server.
     */
    public Pass compareAll(int chunkRows, ConnectionFactory factory, int workers, Runnable perChunk) throws SQLException {
        java.util.concurrent.BlockingQueue<Optional<KeyRange>> queue = new java.util.concurrent.ArrayBlockingQueue<>(4 * workers);
        List<KeyRange> bad = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try (Connection c = factory.open()) {
                    c.setAutoCommit(true);
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    Checksummer worker = new Checksummer(c, layout);
                    while (true) {
                        Optional<KeyRange> range = queue.take();
                        if (range.isEmpty()) {
                            return;
                        }
                        long[] r = worker.compare(range.get());
                        rows.addAndGet(r[0]);
                        if (r[1] != 0) {
                            bad.add(range.get());
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
            Chunker chunker = new Chunker(connection, layout);
            while (!last && failure.get() == null) {
                Optional<List<Object>> end = chunker.nextEnd(after, chunkRows);
                put(queue, Optional.of(new KeyRange(after, end.orElse(null))), failure);
                chunks++;
                perChunk.run();
                last = end.isEmpty();
                after = end.orElse(null);
            }
        } finally {
            for (int w = 0; w < workers; w++) {
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
        return new Pass(chunks, rows.get(), new ArrayList<>(bad));
    }

    private static void put(java.util.concurrent.BlockingQueue<Optional<KeyRange>> queue, Optional<KeyRange> item,
                            java.util.concurrent.atomic.AtomicReference<Exception> failure) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    queue.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {rows in the table's range, 0 when both sides match else 1}, read in one snapshot. */
    long[] compare(KeyRange range) throws SQLException {
        Statements.execute(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        try {
            // the source read as the shadow's types hold it: DECIMAL(10,2) 1.23 is 1.230 in a DECIMAL(12,3) shadow
            long[] a = sum(layout.names().table(), layout.sourceAsShadow(), layout.key(), range);
            long[] b = sum(layout.names().shadow(), layout.mapping().shadowColumns().stream().map(MySqlOnlineSql::quote).toList(),
                    layout.shadowKey(), range);
            return new long[] {a[0], a[0] == b[0] && a[1] == b[1] ? 0 : 1};
        } finally {
            Statements.execute(connection, "COMMIT");
        }
    }

    public boolean matches(KeyRange range) throws SQLException {
        return compare(range)[1] == 0;
    }

    private long[] sum(String table, List<String> expressions, List<String> key, KeyRange range) throws SQLException {
        List<List<Object>> r = Statements.rows(connection,
                MySqlOnlineSql.checksumOf(layout.names().schema(), table, expressions, key, range), 2);
        return new long[] {((Number) r.get(0).get(0)).longValue(), ((Number) r.get(0).get(1)).longValue()};
    }

    /**
     * Copies a range again while sync triggers run: shared locks on the source range (NOWAIT, so
     * the engine never waits on the application), then delete and re-insert in the shadow.
     */
    public static void recopy(Connection connection, CopyLayout layout, KeyRange range) throws SQLException {
        OnlineNames n = layout.names();
        new LockRetry(500).run(connection, () -> {
            MySqlOnlineSql.Statement where = MySqlOnlineSql.rangeCondition(layout.key(), range);
            Statements.rows(connection, new MySqlOnlineSql.Statement("SELECT " + String.join(", ",
                    layout.key().stream().map(MySqlOnlineSql::quote).toList()) + " FROM "
                    + MySqlOnlineSql.qualified(n.schema(), n.table()) + " FORCE INDEX (" + MySqlOnlineSql.quote(layout.keyIndex())
                    + ") WHERE " + where.sql() + " LOCK IN SHARE MODE NOWAIT", where.params()), layout.key().size());
            Statements.update(connection, MySqlOnlineSql.deleteRange(n.schema(), n.shadow(), layout.shadowKey(), range));
            Statements.update(connection, MySqlOnlineSql.copyRangeLocked(n.schema(), n.table(), n.shadow(), layout.keyIndex(),
                    layout.key(), layout.mapping().copied(), range));
            return null;
        });
    }
}
