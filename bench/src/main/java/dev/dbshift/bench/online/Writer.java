package dev.dbshift.bench.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One closed-loop application writer: random-key updates (50%), inserts (25%) and deletes (25%),
 * each its own autocommit transaction, with the latency of every write recorded. A failed write is
 * counted and the loop goes on (what an application with retries would see as an error).
 */
final class Writer implements Runnable {

    private final Connection connection;
    private final int keySpace;
    private volatile boolean stop;
    private long[] latencies = new long[1 << 16];
    private int count;
    private long failed;

    Writer(Connection connection, int keySpace) {
        this.connection = connection;
        this.keySpace = keySpace;
    }

    @Override
    public void run() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try (Connection c = connection;
             PreparedStatement upd = c.prepareStatement("UPDATE orders SET amount = ?, status = ? WHERE id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO orders (customer_id, status, amount, note, created_at) "
                     + "VALUES (?, 'new', ?, 'bench writer', NOW())");
             PreparedStatement del = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            while (!stop) {
                int op = rnd.nextInt(4);
                long t0 = System.nanoTime();
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
                record(System.nanoTime() - t0);
            }
        } catch (SQLException e) {
            System.err.println("writer: " + e.getMessage());
        }
    }

    private synchronized void record(long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    synchronized void resetStats() {
        count = 0;
        failed = 0;
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
        Writer writer = new Writer(connection, keySpace);
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
