package dev.dbshift.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database of one vendor for one test: a new schema on the PostgreSQL server, a new
 * database on the MariaDB server, a new file for H2 and SQLite. Names are random so test classes
 * (and developers running tests side by side) never share state. Closing drops it.
 *
 * <p>Servers: PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, database test) and MariaDB on
 * 127.0.0.1:3306 (root, empty password), as {@code .ci/run} starts them; override with
 * {@code DBSHIFT_TEST_PG_URL} / {@code DBSHIFT_TEST_MARIADB_URL}.
 */
public final class TestDatabase implements DatabaseUnderTest {

    public enum Vendor { H2, SQLITE, POSTGRES, MARIADB }

    public static final String PG_SERVER = env("DBSHIFT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("DBSHIFT_TEST_PG_USER", "postgres");
    public static final String MARIADB_SERVER = env("DBSHIFT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MARIADB_USER = env("DBSHIFT_TEST_MARIADB_USER", "root");

    private final Vendor vendor;
    private final String name;
    private final String url;
    private final String user;
    private final Path dir;
    /** A PostgreSQL database of its own ({@link #postgresDatabase}), not a schema of the server's database. */
    private final boolean ownDatabase;

    private TestDatabase(Vendor vendor, String name, String url, String user, Path dir) {
        this(vendor, name, url, user, dir, false);
    }

    private TestDatabase(Vendor vendor, String name, String url, String user, Path dir, boolean ownDatabase) {
        this.vendor = vendor;
        this.name = name;
        this.url = url;
        this.user = user;
        this.dir = dir;
        this.ownDatabase = ownDatabase;
    }

    /** The PostgreSQL server's URL: host and port, then the database, then its parameters. */
    private static final java.util.regex.Pattern PG_URL =
            java.util.regex.Pattern.compile("(jdbc:postgresql://([^/:]+)(?::(\\d+))?/)([^?]*)(.*)");

    /**
     * A new PostgreSQL database of its own, for what a database holds once (an extension such as {@code dblink}, which
     * two test classes running side by side could not both make in the server's {@code test}), or another database to
     * reach. Closing drops it, and any session still on it.
     */
    public static TestDatabase postgresDatabase() {
        String name = "dbs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        java.util.regex.Matcher m = PG_URL.matcher(PG_SERVER);
        if (!m.matches()) {
            throw new IllegalStateException("cannot read the PostgreSQL test server's URL: " + PG_SERVER);
        }
        try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on POSTGRES (is the server running? .ci/run starts"
                    + " it): " + e.getMessage(), e);
        }
        return new TestDatabase(Vendor.POSTGRES, name, m.group(1) + name + m.group(5), PG_USER, null, true);
    }

    /** For a PostgreSQL database of its own: its libpq connection string ({@code dblink}'s), on the test server. */
    public String libpq() {
        java.util.regex.Matcher m = PG_URL.matcher(url);
        if (!ownDatabase || !m.matches()) {
            throw new IllegalStateException("not a PostgreSQL database of its own: " + name);
        }
        return "host=" + m.group(2) + (m.group(3) == null ? "" : " port=" + m.group(3)) + " dbname=" + name + " user=" + user;
    }

    public static TestDatabase create(Vendor vendor) {
        String name = "dbs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            switch (vendor) {
                case H2: {
                    Path dir = Files.createTempDirectory("dbshift-h2");
                    return new TestDatabase(vendor, name, "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath(), "sa", dir);
                }
                case SQLITE: {
                    Path dir = Files.createTempDirectory("dbshift-sqlite");
                    return new TestDatabase(vendor, name, "jdbc:sqlite:" + dir.resolve(name + ".db").toAbsolutePath(), "", dir);
                }
                case POSTGRES: {
                    try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, "");
                         Statement st = c.createStatement()) {
                        st.execute("CREATE SCHEMA " + name);
                    }
                    String sep = PG_SERVER.contains("?") ? "&" : "?";
                    return new TestDatabase(vendor, name, PG_SERVER + sep + "currentSchema=" + name, PG_USER, null);
                }
                case MARIADB: {
                    try (Connection c = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, "");
                         Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE " + name);
                    }
                    String base = MARIADB_SERVER.endsWith("/") ? MARIADB_SERVER : MARIADB_SERVER + "/";
                    return new TestDatabase(vendor, name, base + name, MARIADB_USER, null);
                }
                default:
                    throw new IllegalArgumentException(vendor.toString());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create a test database on " + vendor
                    + " (is the server running? .ci/run starts it): " + e.getMessage(), e);
        }
    }

    public Vendor vendor() { return vendor; }

    /** Schema (PostgreSQL), database (MariaDB) or file stem (H2, SQLite). */
    public String name() { return name; }

    @Override
    public String url() { return url; }

    @Override
    public String user() { return user; }

    @Override
    public String password() { return ""; }

    /** Lower-case vendor name, handy for test display names. */
    @Override
    public String toString() {
        return vendor.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        try {
            switch (vendor) {
                case POSTGRES:
                    try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, "");
                         Statement st = c.createStatement()) {
                        if (ownDatabase) {
                            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                            break;
                        }
                        st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                        if (PG_DROPS.incrementAndGet() % VACUUM_EVERY == 0) {
                            st.execute(VACUUM_CATALOGS);
                        }
                    }
                    break;
                case MARIADB:
                    try (Connection c = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, "");
                         Statement st = c.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + name);
                    }
                    break;
                default:
                    if (vendor == Vendor.H2) {
                        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", user, "");
                             Statement st = c.createStatement()) {
                            st.execute("SHUTDOWN");
                        } catch (SQLException ignored) {
                            // not open, or never created
                        }
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** PostgreSQL schemas this JVM dropped; every {@link #VACUUM_EVERY}th drop vacuums the catalogs. */
    private static final java.util.concurrent.atomic.AtomicInteger PG_DROPS = new java.util.concurrent.atomic.AtomicInteger();
    private static final int VACUUM_EVERY = 20;

    /**
     * The catalogs a schema's tables leave dead rows in when it is dropped. The test runs create and drop thousands of
     * schemas; where autovacuum is off (this machine's CI configuration) those rows pile up, across runs too, and every
     * catalog read slows with them (360,000 dead rows in {@code pg_attribute}: a {@code check} 0.59 s, 0.42-0.47 s after
     * a vacuum). Catalogs another JVM is vacuuming are skipped; a user who may not vacuum one gets a warning, not an error.
     */
    private static final String VACUUM_CATALOGS = "VACUUM (SKIP_LOCKED) pg_catalog.pg_attribute, pg_catalog.pg_class,"
            + " pg_catalog.pg_depend, pg_catalog.pg_type, pg_catalog.pg_constraint, pg_catalog.pg_index,"
            + " pg_catalog.pg_attrdef, pg_catalog.pg_trigger, pg_catalog.pg_namespace";

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
