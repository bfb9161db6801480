package dev.dbshift.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lock for databases without session locks (H2, SQLite): a row in a lock table with an owner and
 * an expiry. A heartbeat on its own connection renews the expiry every third of the lease, so a
 * live holder keeps the lock however long its migrations take, and a killed one blocks the next run
 * for one lease at most; on the same host, not even that, since the owner names its process and a
 * lease whose process is gone is taken over at once. There is never a lock row without an expiry.
 */
public final class LeaseLocker implements Locker {
    private final Connection connection;
    private final ConnectionFactory factory;
    private final String table;
    private final String name;
    private final Duration lease;
    /** {@code host:pid:uuid}: a run on the same host can tell that the owner's process is gone. */
    private final String owner = Owner.current();
    private ScheduledExecutorService heartbeat;
    private Connection heartbeatConnection;
    private volatile boolean held;

    /**
     * @param table    the lock table, qualified
     * @param textType the column type for names
     */
    public LeaseLocker(Connection connection, ConnectionFactory factory, String table, String textType, String name,
                       Duration lease) throws SQLException {
        this.connection = connection;
        this.factory = factory;
        this.table = table;
        this.name = name;
        this.lease = lease;
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (name " + textType + " NOT NULL PRIMARY KEY, owner "
                    + textType + " NOT NULL, expires_at BIGINT NOT NULL)");
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    @Override
    public boolean lock(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            while (true) {
                if (tryTake()) {
                    held = true;
                    startHeartbeat();
                    return true;
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private boolean tryTake() throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND expires_at < ?")) {
            del.setString(1, name);
            del.setLong(2, now);
            del.executeUpdate();
        }
        releaseIfOwnerIsDead();
        try (PreparedStatement ins = connection.prepareStatement("INSERT INTO " + table + " (name, owner, expires_at) VALUES (?, ?, ?)")) {
            ins.setString(1, name);
            ins.setString(2, owner);
            ins.setLong(3, now + lease.toMillis());
            ins.executeUpdate();
            return true;
        } catch (SQLException e) {
            // the row is there: someone else holds the lease (or the database is busy)
            return false;
        }
    }

    /** A lease held by a process of this host that no longer exists is free: its holder was killed. */
    private void releaseIfOwnerIsDead() throws SQLException {
        String holder = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT owner FROM " + table + " WHERE name = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    holder = rs.getString(1);
                }
            }
        }
        if (holder != null && Owner.isDeadOnThisHost(holder)) {
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND owner = ?")) {
                del.setString(1, name);
                del.setString(2, holder);
                del.executeUpdate();
            }
        }
    }

    /** Who holds a lease: host, process id and a random part (two leases of one process differ). */
    static final class Owner {
        private Owner() {
        }

        static String current() {
            return host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
        }

        static boolean isDeadOnThisHost(String owner) {
            String[] parts = owner.split(":");
            if (parts.length != 3 || !parts[0].equals(host())) {
                return false;
            }
            try {
                return ProcessHandle.of(Long.parseLong(parts[1])).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static String host() {
            return LocalHost.name().replace(':', '_');
        }
    }

    private void startHeartbeat() throws SQLException {
        heartbeatConnection = factory.open();
        heartbeatConnection.setAutoCommit(true);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbshift-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try (PreparedStatement ps = heartbeatConnection.prepareStatement("UPDATE " + table
                + " SET expires_at = ? WHERE name = ? AND owner = ?")) {
            ps.setLong(1, System.currentTimeMillis() + lease.toMillis());
            ps.setString(2, name);
            ps.setString(3, owner);
            if (ps.executeUpdate() == 0) {
                held = false;
            }
        } catch (SQLException e) {
            // busy now; the next beat tries again well before the lease runs out
        }
    }

    /** False once the heartbeat found the lease taken over (this process stalled longer than a lease). */
    public boolean held() {
        return held;
    }

    @Override
    public void unlock() throws SQLException {
        if (heartbeat != null) {
            // no interrupt: an interrupted thread inside H2's file I/O can close the database's file channel
            heartbeat.shutdown();
            try {
                heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heartbeat = null;
        }
        if (heartbeatConnection != null) {
            try (PreparedStatement ps = heartbeatConnection.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND owner = ?")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.executeUpdate();
            } finally {
                heartbeatConnection.close();
                heartbeatConnection = null;
                held = false;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
