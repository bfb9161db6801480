package dev.dbshift.session;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.Settings;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.db.ConnectionFactory;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.migration.MigrationSource;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * What every command starts from: the settings, where the migrations are, and who hears about
 * progress. A value: a command that needs another target (a scratch schema, a reference database)
 * makes another one with {@link #withSettings}.
 *
 * @param connections where connections to the settings' target come from when the application hands
 *                    dbshift its own pool ({@link dev.dbshift.DbShift.Builder#dataSource}); null: from the
 *                    settings' URL and credentials
 */
public record Project(Settings settings, MigrationSource source, ExecutionListener listener, ConnectionFactory connections) {
    /** A project that connects by the settings' URL. */
    public Project(Settings settings, MigrationSource source, ExecutionListener listener) {
        this(settings, source, listener, null);
    }

    /** The lease of the H2/SQLite lock row; the hidden system property {@value #LEASE_PROPERTY} overrides it (tests of a stalled holder). */
    private static final Duration LEASE = Duration.ofSeconds(30);
    public static final String LEASE_PROPERTY = "dbshift.lock.lease";

    /** The same migrations and listener against another target (by its URL, never through the application's pool). */
    public Project withSettings(Settings other, ExecutionListener otherListener) {
        return new Project(other, source, otherListener);
    }

    /** The same target, connections and migrations, telling no one what it notices (a read before a command knows what it says). */
    public Project silent() {
        return new Project(settings, source, ExecutionListener.NONE, connections);
    }

    /** One session on the target: {@code create} makes the schema (and the database the URL names) when missing. */
    public Session open(boolean create) {
        return Session.open(this, create);
    }

    /** {@link #open(boolean)} with {@code first} run before anything is changed (see {@link Session#open(Project, boolean, Runnable)}). */
    public Session open(boolean create, Runnable first) {
        return Session.open(this, create, first);
    }

    /** A new connection: from the application's pool when it gave one, else by URL with the settings' credentials (never put into the URL). */
    public Connection connect() throws SQLException {
        return connections != null ? connections.open() : connect(settings.url());
    }

    /**
     * A connection for a command that only reads: {@link #connect()}, except that an embedded database whose file is
     * not there is read as an empty one of the same kind in memory ({@link dev.dbshift.db.Database#absentFileStandIn}),
     * and neither the file nor the folders a misspelt path names are made: they were, and the command then reported the
     * new empty database as the one found. {@code say}: tell the listener so ({@link #sayAbsent}).
     */
    public Connection connectToRead(boolean say) throws SQLException {
        java.util.Optional<String> standIn = absentFileStandIn();
        if (standIn.isEmpty()) {
            return connect();
        }
        Connection c = open(Databases.forUrl(settings.url()), standIn.get(), credentials(settings));
        if (say) {
            sayAbsent();
        }
        return c;
    }

    /** Tells the listener that the embedded database is not there, was read as empty, and was not made. */
    public void sayAbsent() {
        listener.notice("there is no database at " + settings.maskedUrl() + " yet: read as empty, and not"
                + " created by this command ('dbshift up' creates it)");
    }

    /**
     * True when the target is an embedded database whose file is not there: a command that would write nothing to it
     * ({@code down} or {@code repair} with nothing applied) reads it as empty, as a read-only command does, and makes
     * nothing ({@link #connectToRead}).
     */
    public boolean absentFile() {
        return absentFileStandIn().isPresent();
    }

    private java.util.Optional<String> absentFileStandIn() {
        return connections != null ? java.util.Optional.empty()
                : Databases.forUrl(settings.url()).absentFileStandIn(settings.url());
    }

    /**
     * A new connection to {@code target} (another server: a replica of the target) with the settings' credentials;
     * the one {@link ConnectionAhead} opened for exactly this URL and these credentials, when there is one.
     */
    public Connection connect(String target) throws SQLException {
        return connect(target, settings.connectTimeout());
    }

    /** {@link #connect(String)}, waiting at most {@code timeout} for the server to answer. */
    public Connection connect(String target, java.time.Duration timeout) throws SQLException {
        var database = Databases.forUrl(target);
        String url = database.connectionUrl(target);
        Properties p = credentials(settings);
        database.connectTimeout(p, url, timeout);
        Connection ahead = ConnectionAhead.take(url, p);
        if (ahead != null) {
            return ahead;
        }
        database.beforeConnect(target);
        return open(database, url, p);
    }

    /**
     * What the driver is given beside the driver URL {@code url}: the settings' user and password (never put into the
     * URL) and the {@code connect_timeout} as the vendor's driver takes it.
     */
    static Properties properties(Settings settings, dev.dbshift.db.Database database, String url) {
        Properties p = credentials(settings);
        database.connectTimeout(p, url, settings.connectTimeout());
        return p;
    }

    /** The settings' user and password as the driver takes them (never put into the URL). */
    static Properties credentials(Settings settings) {
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password().isSet()) {
            p.setProperty("password", settings.password().reveal());
        }
        return p;
    }

    /** Connects to the driver URL {@code url}: straight to the vendor's driver, else through the driver manager. */
    static Connection open(dev.dbshift.db.Database database, String url, Properties p) throws SQLException {
        // straight to the vendor's driver: DriverManager would first initialise every driver on the class path
        String driverClass = database.driverClass();
        if (driverClass != null) {
            try {
                java.sql.Driver driver = (java.sql.Driver) Class.forName(driverClass, true, Project.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
                Connection c = driver.connect(url, p);
                if (c != null) {
                    return c;
                }
            } catch (ReflectiveOperationException | LinkageError notOnClassPath) {
                // the application brings its own driver: ask the driver manager
            }
        }
        return DriverManager.getConnection(url, p);
    }

    /** A database error as a command failure (exit 1), secrets scrubbed. */
    public DbShiftException failure(SQLException e) {
        return new DbShiftException(DbShiftException.FAILED, settings.secrets().scrub(e.getMessage()), e);
    }

    static Duration lease() {
        String v = System.getProperty(LEASE_PROPERTY);
        return v == null ? LEASE : SettingsLoader.duration(v, LEASE_PROPERTY, "system property");
    }

    /** The dbshift version, from the build. */
    public static String toolVersion() {
        try (InputStream in = Project.class.getResourceAsStream("/dev/dbshift/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** This machine's name, for the runs table. */
    public static String host() {
        return dev.dbshift.db.LocalHost.name();
    }
}
