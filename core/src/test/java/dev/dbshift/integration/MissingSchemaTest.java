package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.StatusReport;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Read-only commands with {@code schemas} naming a schema (MariaDB: a database) that {@code up} has not created yet:
 * they see an empty schema (everything pending) instead of failing (PostgreSQL: "the connection has no current
 * schema"; H2: "Schema not found" from its SET SCHEMA; MariaDB: "Unknown database" from its USE), and create nothing.
 */
class MissingSchemaTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
            .file("migrations/2__names.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(50);\n");

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "H2", "MARIADB"})
    void statusCheckAndDryRunSeeAMissingSchemaAsEmpty(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        String schema = vendor == TestDatabase.Vendor.H2 ? "LATER" : db.name() + "_later";
        DbShift shift = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).schemas(schema).load();
        try {
            StatusReport status = shift.status();
            assertThat(status.schema()).isEqualTo(schema);
            assertThat(status.historyExists()).isFalse();
            assertThat(status.pending()).isEqualTo(2);
            assertThat(shift.check(false).ok()).as("nothing applied, nothing to complain about").isTrue();
            assertThat(shift.planUp(null).steps()).hasSize(2);
            assertThat(shift.history()).isEmpty();
            assertThatThrownBy(shift::schemaState).as("no checksum of a schema that does not exist")
                    .isInstanceOf(DbShiftException.class).hasMessageContaining(schema + " does not exist yet")
                    .satisfies(e -> assertThat(((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT));
            assertThat(schemaExists(db, schema)).as("read-only commands create nothing").isFalse();

            shift.up();
            assertThat(shift.status().pending()).isZero();
            assertThat(shift.current()).contains("2");
        } finally {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute(vendor == TestDatabase.Vendor.MARIADB ? "DROP DATABASE IF EXISTS " + schema
                        : "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /**
     * MariaDB lists in information_schema only the databases a user may see, and USE refuses one it may not with
     * "access denied" (1044), not "unknown database": that refusal stays an error, never an empty schema.
     */
    @Test
    void aDatabaseTheUserMayNotUseIsAnErrorNotAnEmptySchema() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.MARIADB);
        String hidden = db.name() + "_hidden";
        String user = db.name() + "_u";
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + hidden);
            st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'");
            st.execute("GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'");
        }
        try {
            DbShift shift = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of())
                    .url(db.url()).user(user).password("pw-" + user).schemas(hidden).load();
            assertThatThrownBy(shift::status).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("schemas").hasMessageContaining("denied")
                    .satisfies(e -> assertThat(((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT));
        } finally {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                st.execute("DROP DATABASE IF EXISTS " + hidden);
            }
        }
    }

    private static boolean schemaExists(TestDatabase db, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
