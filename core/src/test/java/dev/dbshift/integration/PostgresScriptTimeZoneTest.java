package dev.dbshift.integration;

import dev.dbshift.execute.Report;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.TimeZone;

import static dev.dbshift.testing.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL migration runs in the time zone psql's session would have: the database's, the role's in it, not the
 * JVM's, which the driver sends at the handshake. Before, {@code '2024-01-01 00:00'::timestamptz} in a migration meant
 * midnight where dbshift ran (a CI runner in UTC, a laptop in Tokyo), and the same script gave other data on each.
 */
class PostgresScriptTimeZoneTest {

    private final TestProject project = TestProject.create();

    @Test
    void aMigrationRunsInTheZoneOfTheDatabaseAndItsRoleNotTheJvms() throws Exception {
        // two zones, neither the JVM's, so that the JVM's could not pass for either
        String jvm = TimeZone.getDefault().toZoneId().normalized().getId();
        String database = jvm.equals("America/New_York") ? "America/Chicago" : "America/New_York";
        String role = jvm.equals("Asia/Kolkata") ? "Asia/Tokyo" : "Asia/Kolkata";
        try (TestDatabase db = TestDatabase.postgresDatabase()) {
            db.exec("ALTER DATABASE " + db.name() + " SET timezone = '" + database + "'");
            project.file("migrations/V1__z.sql", "CREATE TABLE z (n int, zone text, t timestamptz);\n"
                    + "INSERT INTO z VALUES (1, current_setting('TimeZone'), '2024-01-01 00:00');\n");
            Report first = project.configure(db).load().up();
            assertThat(first.success()).as(first.error()).isTrue();
            // the role's setting in this database comes before the database's, as at any login
            db.exec("ALTER ROLE " + db.user() + " IN DATABASE " + db.name() + " SET timezone = '" + role + "'");
            project.file("migrations/V2__z.sql", "INSERT INTO z VALUES (2, current_setting('TimeZone'), '2024-01-01 00:00');\n"
                    + "SET TimeZone = 'UTC';\n");
            project.file("migrations/V3__z.sql", "INSERT INTO z VALUES (3, current_setting('TimeZone'), '2024-01-01 00:00');\n");
            Report second = project.configure(db).load().up();
            assertThat(second.success()).as(second.error()).isTrue();
            // a callback (Flyway's layout, as these files are named) of a run with nothing pending runs in it too
            project.file("migrations/beforeMigrate.sql", "INSERT INTO z VALUES (4, current_setting('TimeZone'), '2024-01-01 00:00');\n");
            Report third = project.configure(db).load().up();
            assertThat(third.success()).as(third.error()).isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                // a migration's own SET ends with it: the next runs in the role's zone again
                assertThat(strings(st, "SELECT n || ' ' || zone || ' ' || to_char(t, 'YYYY-MM-DD HH24:MI') FROM z ORDER BY n"))
                        .containsExactly("1 " + database + " " + (database.equals("America/New_York") ? "2024-01-01 05:00" : "2024-01-01 06:00"),
                                "2 " + role + " " + (role.equals("Asia/Kolkata") ? "2023-12-31 18:30" : "2023-12-31 15:00"),
                                "3 " + role + " " + (role.equals("Asia/Kolkata") ? "2023-12-31 18:30" : "2023-12-31 15:00"),
                                "4 " + role + " " + (role.equals("Asia/Kolkata") ? "2023-12-31 18:30" : "2023-12-31 15:00"));
            }
        }
    }
}
