package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue 11: a DbShift given the application's DataSource (what the Spring Boot starter does). */
class DataSourceTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
            .file("migrations/2__names.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(50);\n");

    private DbShift.Builder configure() {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of());
    }

    @Test
    void aPoolConnectionComesBackWithTheSchemaItWasLent() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.H2);
        // two connections (the H2 lock's lease row takes a second one): both are what the application gets next
        JdbcConnectionPool pool = JdbcConnectionPool.create(db.url(), db.user(), db.password());
        pool.setMaxConnections(2);
        pool.setLoginTimeout(10);
        try {
            DbShift shift = configure().dataSource(pool).schemas("app").load();
            assertThat(shift.settings().url()).as("the vendor comes from the metadata URL").isEqualTo(db.url());
            shift.up();

            assertThat(shift.current()).contains("2");
            assertThat(shift.history()).extracting(HistoryRow::version).containsExactly("1", "2");
            try (Connection c = pool.getConnection(); Connection other = pool.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'app' AND table_name = 'USERS'")) {
                assertThat(c.getSchema()).isEqualTo("PUBLIC");
                assertThat(other.getSchema()).isEqualTo("PUBLIC");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        } finally {
            pool.dispose();
        }
    }

    @Test
    void postgresThroughADataSourceAppliesOnceUnderTheLock() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.user());

        configure().dataSource(ds).load().up();
        DbShift again = configure().dataSource(ds).load();
        assertThat(again.up().results()).isEmpty();
        assertThat(again.history()).extracting(HistoryRow::version).containsExactly("1", "2");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + db.name() + ".users")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void anUnreachableDataSourceFailsWithoutItsPassword() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        ds.setUser("app");
        ds.setPassword("s3cret-pw");

        DbShiftException e = catchThrowableOfType(DbShiftException.class, () -> configure().dataSource(ds).load());
        assertThat(e.exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("dataSource: cannot connect").doesNotContain("s3cret-pw");
    }

    /**
     * A pool set to hand out connections without autocommit (Hikari's {@code auto-commit=false}, a common tuning): an
     * online migration's copy (the engine's control, copy and checksum sessions come from the pool too) completes.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TestDatabase.Vendor.class, names = {"MARIADB", "POSTGRES"})
    void anOnlineMigrationThroughAPoolWithoutAutocommitCompletes(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        TestProject online = TestProject.create()
                .file("migrations/1__items.sql", "CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20));\n"
                        + (vendor == TestDatabase.Vendor.POSTGRES
                        ? "INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 20000) g;\n"
                        : "INSERT INTO items SELECT seq, CONCAT('n', seq) FROM seq_1_to_20000;\n"))
                .file("migrations/2__online.sql", "-- dbshift:online\nALTER TABLE items "
                        + (vendor == TestDatabase.Vendor.POSTGRES ? "ALTER COLUMN id TYPE BIGINT" : "MODIFY id BIGINT NOT NULL")
                        + ";\n");
        javax.sql.DataSource plain = vendor == TestDatabase.Vendor.POSTGRES ? pg(db) : mariadb(db);
        javax.sql.DataSource noAutocommit = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object r = method.invoke(plain, args);
                    if (r instanceof Connection c) {
                        c.setAutoCommit(false);
                    }
                    return r;
                });
        var report = DbShift.configure().projectDir(online.dir()).environmentVariables(Map.of()).dataSource(noAutocommit)
                .load().up();
        assertThat(report.success()).as(report.error()).isTrue();
        assertThat(report.results().get(1).notes()).singleElement().asString().contains("online copy of items: done, 20000 rows copied");
    }

    /**
     * A connection that refuses to go back to autocommit after a failed migration's rollback (what SQLite's driver did
     * after SQLite ended the transaction itself, and H2 after its disk filled up) does not replace the migration's own
     * error, which names its file and line: before, the run failed with the connection's refusal alone.
     */
    @Test
    void aConnectionThatRefusesItsRestoreAfterAFailedStepLeavesTheStepsOwnError() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        project.file("migrations/2__names.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(50);\nINSERT INTO no_such_table VALUES (1);\n");
        PGSimpleDataSource plain = pg(db);
        javax.sql.DataSource refusing = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object r = method.invoke(plain, args);
                    return r instanceof Connection c ? refusingAutocommitAfterRollback(c) : r;
                });
        DbShiftException e = catchThrowableOfType(() -> configure().dataSource(refusing).load().up(), DbShiftException.class);
        assertThat(e).hasMessageContaining("migrations/2__names.sql:2:").hasMessageContaining("no_such_table")
                .hasMessageNotContaining("injected");
        assertThat(dev.dbshift.testing.Queries.count(db, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND NOT success"))
                .isEqualTo(1);
    }

    /** {@code c}, whose {@code setAutoCommit(true)} fails once {@code rollback()} was called on it. */
    private static Connection refusingAutocommitAfterRollback(Connection c) {
        boolean[] rolledBack = {false};
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(DataSourceTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("rollback")) {
                        rolledBack[0] = true;
                    } else if (method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && rolledBack[0]) {
                        throw new java.sql.SQLException("injected: the connection refuses autocommit after the rollback");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException t) {
                        throw t.getCause();
                    }
                });
    }

    /**
     * An application's pool gets its connections back with the sessions it lent: what dbshift set for its run (on
     * PostgreSQL psql's time zone and the run's statement timeout, on MariaDB the sql_mode without the driver's
     * IGNORE_SPACE) and what a Flyway callback set, a custom setting or user variable too, are set back. Before, the application's next queries on those
     * connections ran in the database's time zone instead of the one its driver asked for, under no statement timeout
     * where the pool had set one, or without the sql_mode the driver gives.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TestDatabase.Vendor.class, names = {"MARIADB", "POSTGRES"})
    void aPoolGetsItsConnectionsBackWithTheSessionsItLent(TestDatabase.Vendor vendor) throws Exception {
        boolean pg = vendor == TestDatabase.Vendor.POSTGRES;
        TestDatabase db = pg ? TestDatabase.postgresDatabase() : databases.start(vendor);
        try {
            String jvm = java.util.TimeZone.getDefault().getID();
            String zone = jvm.equals("Asia/Kolkata") ? "Asia/Tokyo" : "Asia/Kolkata";
            if (pg) {
                // a database zone other than the JVM's, which the driver sends: dbshift's scripts run in the database's
                db.exec("ALTER DATABASE " + db.name() + " SET timezone = '" + zone + "'");
            }
            TestProject lent = TestProject.create()
                    .file("migrations/V1__items.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n")
                    .file("migrations/afterMigrate.sql", pg ? "SET work_mem = '7MB';\nSET app.tenant = 'other';\n"
                            : "SET SESSION sort_buffer_size = 1048576;\nSET SESSION foreign_key_checks = 0;\nSET @tenant = 'other';\n");
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(2);
            config.setConnectionInitSql(pg ? "SET statement_timeout = '7s'; SET app.tenant = 'acme'" : "SET SESSION max_statement_time = 7");
            String settings = pg ? "SELECT current_setting('TimeZone') || ' ' || current_setting('statement_timeout') || ' '"
                    + " || current_setting('work_mem') || ' ' || current_setting('app.tenant')"
                    : "SELECT CONCAT_WS(' ', @@SESSION.sql_mode, @@SESSION.max_statement_time, @@SESSION.sort_buffer_size,"
                    + " @@SESSION.foreign_key_checks, @@SESSION.time_zone, @tenant)";
            try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
                List<String> before = sessions(pool, settings);
                assertThat(before).as("the pool's two sessions, as it lends them").hasSize(2).containsOnly(before.get(0));
                if (pg) {
                    assertThat(before.get(0)).doesNotStartWith(zone).contains(" 7s ").endsWith(" acme");
                } else {
                    assertThat(before.get(0)).contains("IGNORE_SPACE").doesNotContain("other");
                }
                var report = DbShift.configure().projectDir(lent.dir()).environmentVariables(Map.of()).dataSource(pool).load().up();
                assertThat(report.success()).as(report.error()).isTrue();
                assertThat(sessions(pool, settings)).containsExactly(before.get(0), before.get(0));
            }
        } finally {
            if (pg) {
                db.close();
            }
        }
    }

    /** What {@code query} reads in each of the pool's two connections, both borrowed at once. */
    private static List<String> sessions(javax.sql.DataSource pool, String query) throws java.sql.SQLException {
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            List<String> out = new java.util.ArrayList<>();
            for (Connection c : List.of(a, b)) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
                    rs.next();
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static PGSimpleDataSource pg(TestDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.user());
        return ds;
    }

    private static javax.sql.DataSource mariadb(TestDatabase db) throws java.sql.SQLException {
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(db.url());
        ds.setUser(db.user());
        ds.setPassword(db.password() == null ? "" : db.password());
        return ds;
    }
}
