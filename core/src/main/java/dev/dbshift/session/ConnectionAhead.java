package dev.dbshift.session;

import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One connection opened on a thread of its own before the command asks for it: the command line starts it as soon as
 * it can tell the target, while picocli is still building its model, and the command's first {@link Project#connect}
 * to that very target, with those very credentials, takes it instead of connecting again. Connecting is the longest
 * wait of a read-only command (about 75 ms of a 0.5 s {@code status} on PostgreSQL, most of it the driver's own
 * start-up), and until now nothing else ran during it: the connect now begins ~100 ms earlier, beside picocli and the
 * settings. On two cores, shared with picocli, the listing and the JIT, that saves 0-35 ms of a {@code status},
 * {@code check} or no-op {@code up} at 1,000 migrations (~18 ms, 3-4 %, in the median of 14 alternated A/Bs on
 * PostgreSQL and MariaDB): connecting here is mostly the driver's own CPU work, not a wait.
 *
 * <p>What it may not change, and how it does not:
 * <ul>
 *   <li>The target: the connection is handed over only when the driver URL and the credentials the command computes
 *       are equal to those it was opened with. A guess that turns out wrong (a setting the early read did not see)
 *       costs a connection that nobody uses, closed by {@link #discard}.</li>
 *   <li>What the first connection makes: it is opened only to a server, where connecting creates nothing; never to
 *       an embedded H2 or SQLite file. There it would gain nothing either: opening an embedded database is the
 *       process's own CPU work, not a wait (a 1,000-table H2 file replays its DDL for ~350 ms), and on two cores it
 *       only took the CPU from picocli and the listing (H2 {@code status}, {@code up}, {@code check}: 909/876/917 ms
 *       without, 895/915/929 ms with it).</li>
 *   <li>What an unreachable database reports: the failed attempt is the command's attempt (its {@link SQLException}
 *       is thrown by the command's connect, which would have made the same attempt), so a wrong password is tried
 *       once, not twice, and a dead host is waited for once.</li>
 *   <li>Nothing is sent on it before it is handed over: it is a bare connection, as the command's own would be.</li>
 * </ul>
 * At most one is pending per process; the command line, not the library, starts it ({@link #start}), so an
 * application that embeds dbshift never gets one.
 */
public final class ConnectionAhead {
    private static final AtomicReference<ConnectionAhead> PENDING = new AtomicReference<>();

    /** Known once the settings are read: the driver URL and credentials (null: nothing is opened ahead). */
    private String url;
    private Properties credentials;
    private boolean known;
    private Connection connection;
    private SQLException failure;
    private boolean done;
    private boolean discarded;

    private ConnectionAhead() {
    }

    /**
     * Starts, on a daemon thread, reading {@code settings} and opening the connection they name, unless one is
     * already pending; returns at once. Nothing is opened when the settings cannot be read (the command reports
     * that itself) or name an embedded database. A
     * connect that comes meanwhile waits for the settings to be read, so the two never race to open two connections.
     */
    public static void start(Supplier<Settings> settings) {
        ConnectionAhead ahead = new ConnectionAhead();
        if (!PENDING.compareAndSet(null, ahead)) {
            return;
        }
        Thread t = new Thread(() -> ahead.open(settings), "dbshift-connect-ahead");
        t.setDaemon(true);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
    }

    private void open(Supplier<Settings> settings) {
        Database database = null;
        String target = null;
        try {
            Settings s = settings.get();
            target = s.url();
            Optional<Database> found = target == null ? Optional.empty() : Databases.find(target);
            if (found.isPresent() && Databases.isServer(target)) {
                String driverUrl = found.get().connectionUrl(target);
                known(driverUrl, Project.properties(s, found.get(), driverUrl));
                database = found.get();
            }
        } catch (RuntimeException | Error unreadable) {
            // the command reads the settings again and says what is wrong with them
        } finally {
            if (database == null) {
                known(null, null);
            }
        }
        if (database == null) {
            return;
        }
        Connection c = null;
        SQLException e = null;
        try {
            database.beforeConnect(target);
            c = Project.open(database, url, credentials);
        } catch (SQLException failed) {
            e = failed;
        } catch (RuntimeException | Error unexpected) {
            // not the command's business: its own connect makes its own attempt and reports what it finds
        }
        synchronized (this) {
            if (discarded) {
                closeQuietly(c);
                c = null;
            }
            connection = c;
            failure = e;
            done = true;
            notifyAll();
        }
    }

    private synchronized void known(String driverUrl, Properties p) {
        if (!known) {
            url = driverUrl;
            credentials = p;
            known = true;
            done = driverUrl == null;
            notifyAll();
        }
    }

    /**
     * The connection opened ahead for {@code url} with {@code credentials}, once it is open (waiting for it), handed
     * over once; null when none was started for exactly these (the caller connects itself). Throws the attempt's
     * error when it failed: that was this connect's attempt.
     */
    static Connection take(String url, Properties credentials) throws SQLException {
        ConnectionAhead ahead = PENDING.get();
        if (ahead == null) {
            return null;
        }
        synchronized (ahead) {
            ahead.awaitWhile(() -> !ahead.known);
            if (ahead.url == null || !ahead.url.equals(url) || !ahead.credentials.equals(credentials)
                    || !PENDING.compareAndSet(ahead, null)) {
                return null;
            }
            ahead.awaitWhile(() -> !ahead.done);
            if (ahead.failure != null) {
                throw ahead.failure;
            }
            return ahead.connection;   // null after an unexpected error: the caller connects itself
        }
    }

    /** Waits on this monitor (held by the caller) while {@code condition} holds, keeping an interrupt for later. */
    private void awaitWhile(java.util.function.BooleanSupplier condition) {
        boolean interrupted = false;
        while (condition.getAsBoolean()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes a connection opened ahead that no command took (now, or when its attempt ends), so a server sees an
     * orderly goodbye rather than a dropped socket. The command line calls this before it exits.
     */
    public static void discard() {
        ConnectionAhead ahead = PENDING.getAndSet(null);
        if (ahead == null) {
            return;
        }
        synchronized (ahead) {
            ahead.discarded = true;
            closeQuietly(ahead.connection);
            ahead.connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nobody used it
            }
        }
    }
}
