package dev.dbshift.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock of databases without session lock functions (H2, SQLite): a lease row in a lock table naming
 * its owner ({@code host:pid:uuid}) with an expiry, on top of whatever locking the database has of its own.
 *
 * <ul>
 *   <li><b>Fence.</b> Every write of the run checks, in its own transaction, that the row still names this
 *       run, and renews it ({@link #fence()}); a run whose lease was taken over stops with {@link LockLost}
 *       (exit 4) before it writes anything more. A run stalled past its lease (SIGSTOP, a GC pause) can so
 *       never apply a migration that the run that took over applied.</li>
 *   <li><b>The database's own lock first.</b> Where the database has row locks that die with the session
 *       (H2), a row of the lock table is held {@code FOR UPDATE} in an open transaction on a connection of its
 *       own for as long as the lock is held: a stalled holder keeps the lock, a killed one loses it at once,
 *       and the lease row is only the token the fence checks. Where it has not (SQLite), the vendor makes
 *       every transaction of the run take the database's write lock at {@code BEGIN}, so the fence and the
 *       writes it guards are serialised against a run taking over.</li>
 *   <li><b>Takeover.</b> Without such a row lock, the lease of another owner is taken over when its process is
 *       gone (same host), or when the row has expired and this run has seen it unchanged for a whole lease:
 *       a holder that was only slow (a commit that waited, a heartbeat that could not write) renews it before
 *       then. A heartbeat on a second connection renews the lease every third of it.</li>
 *   <li><b>Waiting.</b> Each attempt waits inside the database for a bounded slice (busy timeout, lock
 *       timeout); a "busy" answer means "try again", until the caller's timeout, never an error.</li>
 * </ul>
 * There is never a lock row without an expiry, and never one a crash leaves behind for more than two leases.
 *
 * <p>This class keeps the lease row and its fence; the row lock that dies with its session is
 * {@link SessionRowLock}, the renewal between transactions {@link LeaseHeartbeat}, the owner's name
 * {@link LeaseOwner}.
 */
public final class LeaseLocker implements Locker {
    /** The longest a single attempt waits inside the database, so the caller's timeout is kept. */
    private static final Duration SLICE = Duration.ofSeconds(1);
    /** How many attempts in a row may meet an ended session before the error is the caller's. */
    private static final int ENDED_SESSIONS = 3;

    /** What one database adds to the lease: implemented in {@code db/<vendor>/}. */
    public interface Vendor {
        /** Makes a lock wait of {@code connection} end after at most {@code wait} (SQLite's busy timeout, H2's LOCK_TIMEOUT). */
        void limitWaits(Connection connection, Duration wait) throws SQLException;

        /** True when {@code e} says that a session waited in vain for another session's lock: try again. */
        boolean isBusy(SQLException e);

        /**
         * True when {@code e} says that the server side of the session went away under the statement (H2 AUTO_SERVER:
         * the process serving the file is shutting down): the same attempt may succeed on the next session, which
         * the driver opens itself.
         */
        default boolean sessionEnded(SQLException e) {
            return false;
        }

        /**
         * True when a row lock ({@code SELECT ... FOR UPDATE} in an open transaction) lasts exactly as long as
         * its session, so that holding one proves that no other live run holds the lock.
         */
        boolean rowLockDiesWithSession();

        /**
         * True when the lock table {@code table} is there. By default a query on it, which fails when it is not; a
         * database that logs such a failure where the user sees it (H2: its {@code .trace.db} beside the database
         * file) looks in its catalog instead.
         */
        default boolean tableExists(Connection connection, String table) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                return true;
            } catch (SQLException missing) {
                if (isBusy(missing)) {
                    throw missing;
                }
                return false;
            }
        }

        /** What follows the lock table's column list in its CREATE TABLE (a storage engine), or nothing. */
        default String tableOptions() {
            return "";
        }

        /** Prepares the run's connection once the lock is held; {@code timeout}: how long its writes may wait for others. */
        default void holding(Connection connection, Duration timeout) throws SQLException {
        }
    }

    private final Connection connection;
    private final ConnectionFactory factory;
    private final String table;
    private final String textType;
    private final String name;
    private final Duration lease;
    private final Vendor vendor;
    /** {@code host:pid:uuid}: a run on the same host can tell that the owner's process is gone. */
    private final String owner = LeaseOwner.current();
    private LeaseHeartbeat heartbeat;
    /** The row lock that dies with its session, where the database has one. */
    private final SessionRowLock sessionLock;
    private volatile boolean held;
    /** When this run last renewed its lease (System.nanoTime), to say how long it stalled when it lost it. */
    private volatile long renewed;
    private PreparedStatement fenceStatement;
    private Connection fenceConnection;
    /** The lock table was created (or found) by this locker: once is enough, DDL can be costly (Galera: cluster-wide). */
    private boolean tableMade;

    /**
     * @param table    the lock table, qualified
     * @param textType the column type for names
     */
    public LeaseLocker(Connection connection, ConnectionFactory factory, String table, String textType, String name,
                       Duration lease, Vendor vendor) {
        this.connection = connection;
        this.factory = factory;
        this.table = table;
        this.textType = textType;
        this.name = name;
        this.lease = lease;
        this.vendor = vendor;
        this.sessionLock = new SessionRowLock(factory, table, name, vendor);
    }

    /** What another run sees of a lease it waits for: owner and expiry, and since when (its own clock). */
    private record Sighting(String owner, long expiresAt, long seenAt) {
        boolean same(String o, long e) {
            return owner.equals(o) && expiresAt == e;
        }
    }

    /** Another run inserted its lease first: look again. */
    private static final Sighting NOT_YET = new Sighting("", -1, 0);

    @Override
    public boolean lock(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        Sighting sighting = null;
        int ended = 0;
        sessionLock.resetBrokenSessions();
        try {
            while (true) {
                Duration slice = slice(deadline);
                try {
                    if (vendor.rowLockDiesWithSession()) {
                        createTable();
                        sessionLock.createRow(connection);
                        if (sessionLock.take(slice)) {
                            replaceLease();
                            return taken(timeout, false);
                        }
                    } else {
                        vendor.limitWaits(connection, slice);
                        createTable();
                        sighting = tryTake(sighting);
                        if (sighting == null) {
                            return taken(timeout, true);
                        }
                    }
                } catch (SQLException e) {
                    // a session that ended under the attempt is tried again a few times: the process serving the
                    // database exited (nothing of this attempt holds), and the next statement reconnects
                    boolean again = vendor.isBusy(e) || vendor.sessionEnded(e) && ++ended <= ENDED_SESSIONS;
                    if (!again) {
                        sessionLock.release();
                        throw e;
                    }
                    if (vendor.sessionEnded(e)) {
                        sessionLock.release();
                    }
                }
                if (System.nanoTime() >= deadline) {
                    sessionLock.release();
                    return false;
                }
                sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private static Duration slice(long deadline) {
        long left = Math.max(10_000_000L, deadline - System.nanoTime());
        return Duration.ofNanos(Math.min(left, SLICE.toNanos()));
    }

    private boolean taken(Duration timeout, boolean withHeartbeat) throws SQLException {
        held = true;
        renewed = System.nanoTime();
        vendor.holding(connection, timeout.compareTo(lease) > 0 ? timeout : lease);
        if (withHeartbeat) {
            startHeartbeat();
        }
        return true;
    }

    private void createTable() throws SQLException {
        if (tableMade) {
            return;
        }
        // looked for first: on Galera even CREATE TABLE IF NOT EXISTS of a table that is there runs in TOI, which aborts
        // the holder's transaction on its node (it holds the lease row), as a deadlock
        if (vendor.tableExists(connection, table)) {
            tableMade = true;
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (name " + textType + " NOT NULL PRIMARY KEY, owner "
                    + textType + " NOT NULL, expires_at BIGINT NOT NULL)" + vendor.tableOptions());
        }
        tableMade = true;
    }

    /**
     * One attempt without a session lock: takes a free lease, the lease of a dead process of this host, or one
     * that has expired and stayed unchanged for a whole lease since first seen. Returns null when the lease is
     * now ours, else what was seen of the other owner's row.
     */
    private Sighting tryTake(Sighting before) throws SQLException {
        String holder = null;
        long expiresAt = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT owner, expires_at FROM " + table + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    holder = rs.getString(1);
                    expiresAt = rs.getLong(2);
                }
            }
        }
        if (holder == null) {
            return insertLease() ? null : NOT_YET;
        }
        long now = System.nanoTime();
        Sighting seen = before != null && before.same(holder, expiresAt) ? before : new Sighting(holder, expiresAt, now);
        boolean stale = expiresAt < System.currentTimeMillis() && now - seen.seenAt() >= lease.toNanos();
        if (!stale && !LeaseOwner.isDeadOnThisHost(holder)) {
            return seen;
        }
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table
                + " WHERE name = ? AND owner = ? AND expires_at = ?")) {
            del.setString(1, name);
            del.setString(2, holder);
            del.setLong(3, expiresAt);
            if (del.executeUpdate() == 0) {
                return seen;   // renewed or taken meanwhile: look again
            }
        }
        return insertLease() ? null : seen;
    }

    /** Inserts this run's lease; false when another run inserted one first. */
    private boolean insertLease() throws SQLException {
        try (PreparedStatement ins = connection.prepareStatement("INSERT INTO " + table + " (name, owner, expires_at) VALUES (?, ?, ?)")) {
            ins.setString(1, name);
            ins.setString(2, owner);
            ins.setLong(3, System.currentTimeMillis() + lease.toMillis());
            ins.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (vendor.isBusy(e)) {
                throw e;
            }
            Optional<String> holder = leaseOwner();
            if (holder.isEmpty()) {
                throw e;
            }
            // the primary key: another run was first, unless the row names this run. That happens when the driver
            // sent the INSERT twice: H2 reconnects an autocommit session whose server went away (AUTO_SERVER: the
            // process serving the file exited) and executes the statement again, although the first one committed
            return holder.get().equals(owner);
        }
    }

    private Optional<String> leaseOwner() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT owner FROM " + table + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** This run's name in the lease row ({@code host:pid:uuid}). */
    String owner() {
        return owner;
    }

    /** With the session lock held no other live run holds the lock: whatever lease row is there is stale. */
    private void replaceLease() throws SQLException {
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE name = ?")) {
            del.setString(1, name);
            del.executeUpdate();
        }
        if (!insertLease()) {
            throw new SQLException("the lease row of " + name + " was written by another session while this one held its row lock");
        }
    }

    @Override
    public Optional<Fence> fence() {
        return Optional.of(this::check);
    }

    /** Renews the lease in {@code c}'s current transaction, if it still names this run; else {@link LockLost}. */
    private void check(Connection c) throws SQLException {
        if (fenceConnection != c) {
            if (fenceStatement != null) {
                fenceStatement.close();
            }
            fenceStatement = c.prepareStatement(renewSql());
            fenceConnection = c;
        }
        if (vendor.rowLockDiesWithSession() && !sessionLock.check(SLICE)) {
            throw lost();
        }
        fenceStatement.setLong(1, System.currentTimeMillis() + lease.toMillis());
        fenceStatement.setString(2, name);
        fenceStatement.setString(3, owner);
        if (fenceStatement.executeUpdate() == 0) {
            throw lost();
        }
        renewed = System.nanoTime();
    }

    private LockLost lost() {
        held = false;
        long stalled = Math.max(0, (System.nanoTime() - renewed) / 1_000_000_000L);
        return new LockLost("lost the migration lock: another run took it over after this process stalled for "
                + stalled + " s (the lease is " + lease.toSeconds() + " s); nothing more was written."
                + " Run 'dbshift status' to see what the other run did");
    }

    /** Renews the lease if it still names this run: parameters expiry, name, owner. */
    private String renewSql() {
        return "UPDATE " + table + " SET expires_at = ? WHERE name = ? AND owner = ?";
    }

    private void startHeartbeat() throws SQLException {
        heartbeat = LeaseHeartbeat.start(factory, vendor, lease, this::renew);
    }

    /** One beat: renews the lease through the heartbeat's connection, if it still names this run. */
    private void renew(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(renewSql())) {
            ps.setLong(1, System.currentTimeMillis() + lease.toMillis());
            ps.setString(2, name);
            ps.setString(3, owner);
            if (ps.executeUpdate() == 0) {
                held = false;
            } else {
                renewed = System.nanoTime();
            }
        }
    }

    /** False once this run found its lease taken over (it stalled longer than a lease). */
    public boolean held() {
        return held;
    }

    @Override
    public void unlock() throws SQLException {
        LeaseHeartbeat stopped = heartbeat;
        if (stopped != null) {
            stopped.stop();
            heartbeat = null;
        }
        if (fenceStatement != null) {
            try {
                fenceStatement.close();
            } catch (SQLException ignored) {
                // closed with its connection
            }
            fenceStatement = null;
            fenceConnection = null;
        }
        Connection releasing = sessionLock.session() != null ? sessionLock.session()
                : stopped != null ? stopped.connection() : null;
        if (releasing != null) {
            try (PreparedStatement ps = releasing.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND owner = ?")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.executeUpdate();
                if (!releasing.getAutoCommit()) {
                    releasing.commit();
                }
            } finally {
                held = false;
                if (stopped != null) {
                    stopped.close();
                }
                sessionLock.release();
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
