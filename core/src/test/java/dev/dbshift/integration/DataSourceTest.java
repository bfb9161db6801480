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
}
