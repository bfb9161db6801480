package dev.dbshift.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renews a lease every third of it, on a connection of its own, where no row lock holds the lock (SQLite).
 * A beat that finds the database busy (the run's own transaction holds the write lock, and renews the lease
 * when it commits) is skipped: the next one tries again.
 */
final class LeaseHeartbeat {
    /** One renewal through the heartbeat's connection. */
    @FunctionalInterface
    interface Beat {
        void renew(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ScheduledExecutorService executor;

    private LeaseHeartbeat(Connection connection, ScheduledExecutorService executor) {
        this.connection = connection;
        this.executor = executor;
    }

    static LeaseHeartbeat start(ConnectionFactory factory, LeaseLocker.Vendor vendor, Duration lease, Beat beat)
            throws SQLException {
        Connection connection = factory.open();
        connection.setAutoCommit(true);
        long every = Math.max(50, lease.toMillis() / 3);
        vendor.limitWaits(connection, Duration.ofMillis(every));
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbshift-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                beat.renew(connection);
            } catch (SQLException e) {
                // busy now; the next beat tries again
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new LeaseHeartbeat(connection, executor);
    }

    /** The heartbeat's connection: still open after {@link #stop()}, until {@link #close()}. */
    Connection connection() {
        return connection;
    }

    /** No more beats: waits for a running one to end. */
    void stop() {
        // no interrupt: an interrupted thread inside H2's file I/O can close the database's file channel
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() throws SQLException {
        connection.close();
    }
}
