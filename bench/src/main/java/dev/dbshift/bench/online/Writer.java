package dev.dbshift.bench.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One application writer: random-key updates (50%), inserts (25%) and deletes (25%), each its own autocommit
 * transaction, with the latency of every write recorded. A failed write is counted and the loop goes on (what an
 * application with retries would see as an error).
 *
 * <p>Closed loop by default: the next write starts when the last one ends, as fast as the server lets one session go,
 * so on a small machine it competes with the change for the CPU and any CPU the change takes shows as writes lost.
 * With a rate it is an open loop, an application with a steady load: write {@code k} is due at {@code k / rate}
 * seconds, and its latency counts from when it was due, so a write held up behind a stall also charges the writes
 * queued behind it (no coordinated omission).
 */
final class Writer implements Runnable {

    private final Connection connection;
    private final int keySpace;
    private volatile boolean stop;
    private long[] latencies = new long[1 << 16];
    private int count;
    private long failed;
    private long origin = System.nanoTime();
    /** The slowest writes so far: latency and start, in nanoseconds, slowest first. */
    private final long[][] slowest = new long[3][2];
    /** Nanoseconds between two due writes, or 0 for a closed loop. */
    private final long interval;

    Writer(Connection connection, int keySpace) {
        this(connection, keySpace, 0);
    }

    /** A writer of {@code rate} writes a second (an open loop), or a closed loop for 0. */
    Writer(Connection connection, int keySpace, int rate) {
        this.connection = connection;
        this.keySpace = keySpace;
        this.interval = rate > 0 ? 1_000_000_000L / rate : 0;
    }

    @Override
    public void run() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try (Connection c = connection;
             PreparedStatement upd = c.prepareStatement("UPDATE orders SET amount = ?, status = ? WHERE id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO orders (customer_id, status, amount, note, created_at) "
                     + "VALUES (?, 'new', ?, 'bench writer', NOW())");
             PreparedStatement del = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            long due = System.nanoTime();
            while (!stop) {
                int op = rnd.nextInt(4);
                long t0;
                if (interval > 0) {
                    for (long wait = due - System.nanoTime(); wait > 0 && !stop; wait = due - System.nanoTime()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    if (stop) {
                        break;
                    }
                    t0 = due;
                    due += interval;
                } else {
                    t0 = System.nanoTime();
                }
                try {
                    if (op < 2) {
                        upd.setBigDecimal(1, java.math.BigDecimal.valueOf(rnd.nextInt(100000), 2));
                        upd.setString(2, op == 0 ? "paid" : "shipped");
                        upd.setLong(3, 1 + rnd.nextInt(keySpace));
                        upd.executeUpdate();
                    } else if (op == 2) {
                        ins.setInt(1, rnd.nextInt(100000));
                        ins.setBigDecimal(2, java.math.BigDecimal.valueOf(rnd.nextInt(100000), 2));
                        ins.executeUpdate();
                    } else {
                        del.setLong(1, 1 + rnd.nextInt(keySpace));
                        del.executeUpdate();
                    }
                } catch (SQLException e) {
                    synchronized (this) {
                        failed++;
                    }
                    System.err.println("writer: failed write: " + e.getMessage());
                }
                record(t0, System.nanoTime() - t0);
            }
        } catch (SQLException e) {
            System.err.println("writer: " + e.getMessage());
        }
    }

    private synchronized void record(long start, long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
        for (int i = 0; i < slowest.length; i++) {
            if (nanos > slowest[i][0]) {
                System.arraycopy(slowest, i, slowest, i + 1, slowest.length - i - 1);
                slowest[i] = new long[] {nanos, start};
                break;
            }
        }
    }

    /** Starts counting again; the slowest writes are reported with their start relative to {@code origin}. */
    synchronized void resetStats(long origin) {
        count = 0;
        failed = 0;
        this.origin = origin;
        for (long[] s : slowest) {
            s[0] = 0;
        }
    }

    synchronized void resetStats() {
        resetStats(System.nanoTime());
    }

    /** The slowest writes, as "69.3 ms at 7.1 s" (start since the origin), slowest first. */
    synchronized String slowest() {
        StringBuilder b = new StringBuilder();
        for (long[] s : slowest) {
            if (s[0] > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.1f ms at %.2f s",
                        s[0] / 1e6, (s[1] - origin) / 1e9));
            }
        }
        return b.toString();
    }

    synchronized WriterResult stats(double seconds) {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6;
        double max = count == 0 ? 0 : sorted[count - 1] / 1e6;
        return new WriterResult(count / seconds, p99, max, failed);
    }

    void stop() {
        stop = true;
    }

    /**
     * A writer on {@code connection} (closed when it ends) for {@code millis} after half a second of warm-up, with
     * nothing else running here: its rate, p99, longest write and failed writes.
     */
    static WriterResult alone(Connection connection, int keySpace, long millis) throws InterruptedException {
        return alone(connection, keySpace, millis, 0);
    }

    /** {@link #alone(Connection, int, long)} at {@code rate} writes a second (0: a closed loop). */
    static WriterResult alone(Connection connection, int keySpace, long millis, int rate) throws InterruptedException {
        Writer writer = new Writer(connection, keySpace, rate);
        Thread t = new Thread(writer, "writer");
        t.start();
        Thread.sleep(500);
        writer.resetStats();
        Thread.sleep(millis);
        writer.stop();
        t.join();
        return writer.stats(millis / 1000.0);
    }
}
