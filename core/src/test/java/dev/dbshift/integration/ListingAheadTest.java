package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Commands list the migrations on a second thread while they connect (command/ListingAhead). What they report, and
 * in which order, is what it was when they listed first: {@code up} stops on a bad file before it makes the schema,
 * the lock or a table, and reports it before a server that cannot be reached; {@code status} and {@code check}
 * report the unreachable server first, as they always did.
 */
class ListingAheadTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject bad = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
            .file("migrations/2__names.down.sql", "ALTER TABLE users DROP COLUMN name;\n");
    private final TestProject good = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
            .file("migrations/2__names.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(50);\n");

    @Test
    void upStopsOnABadFileBeforeItCreatesAnythingOnTheServer() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        String schema = db.name() + "_ahead";
        DbShift shift = DbShift.configure().projectDir(bad.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).schemas(schema).load();
        try {
            DbShiftException e = catchThrowableOfType(shift::up, DbShiftException.class);
            assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
            assertThat(e.getMessage()).contains("2__names.down.sql").contains("without an up script");
            assertThat(count(db, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"))
                    .as("no schema made").isZero();
            // in the schema up was aimed at: the test database is shared with other tests, which make their own
            assertThat(count(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name LIKE 'dbshift%'")).as("no history table made").isZero();
        } finally {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aBadFileIsReportedBeforeAnUnreachableServerByUpAndAfterItByStatusAndCheck() {
        DbShift badShift = DbShift.configure().projectDir(bad.dir()).environmentVariables(Map.of())
                .url("jdbc:postgresql://127.0.0.1:1/nowhere").user("app").load();
        assertThat(catchThrowableOfType(badShift::up, DbShiftException.class).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(catchThrowableOfType(badShift::status, DbShiftException.class).exitCode()).isEqualTo(DbShiftException.UNREACHABLE);
        assertThat(catchThrowableOfType(() -> badShift.check(false), DbShiftException.class).exitCode())
                .isEqualTo(DbShiftException.UNREACHABLE);
    }

    @Test
    void statusCheckAndUpSeeEveryMigrationListedAhead() {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        DbShift shift = DbShift.configure().projectDir(good.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).load();
        assertThat(shift.status().pending()).isEqualTo(2);
        shift.up();
        assertThat(shift.status().pending()).isZero();
        assertThat(shift.check(false).ok()).isTrue();
        assertThat(shift.current()).contains("2");

        DbShift badShift = DbShift.configure().projectDir(bad.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).load();
        DbShiftException e = catchThrowableOfType(badShift::status, DbShiftException.class);
        assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(e.getMessage()).contains("2__names.down.sql");
    }

    private static int count(TestDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
