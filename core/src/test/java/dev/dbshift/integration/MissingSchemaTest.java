package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.command.StatusReport;
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

/**
 * Read-only commands on PostgreSQL with {@code schemas} naming a schema that {@code up} has not created yet: they
 * see an empty schema (everything pending) instead of failing with "the connection has no current schema", and
 * create nothing.
 */
class MissingSchemaTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n")
            .file("migrations/2__names.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(50);\n");

    @Test
    void statusCheckAndDryRunSeeAMissingSchemaAsEmpty() throws Exception {
        TestDatabase db = databases.start(TestDatabase.Vendor.POSTGRES);
        String schema = db.name() + "_later";
        DbShift shift = DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).schemas(schema).load();
        try {
            StatusReport status = shift.status();
            assertThat(status.schema()).isEqualTo(schema);
            assertThat(status.historyExists()).isFalse();
            assertThat(status.pending()).isEqualTo(2);
            assertThat(shift.check(false).ok()).as("nothing applied, nothing to complain about").isTrue();
            assertThat(shift.planUp(null).steps()).hasSize(2);
            assertThat(schemaExists(db, schema)).as("read-only commands create nothing").isFalse();

            shift.up();
            assertThat(shift.status().pending()).isZero();
            assertThat(shift.current()).contains("2");
        } finally {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
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
