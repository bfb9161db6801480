package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.command.StatusReport;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schemas (MariaDB: databases) whose names differ where one has an {@code _}: {@code x_1} and {@code xq1}. The
 * JDBC catalog call that finds the history table reads a schema name as a pattern, in which {@code _} matches any
 * character, so the history of {@code xq1} was taken for {@code x_1}'s: {@code status} and {@code up} in {@code x_1}
 * then failed on PostgreSQL and H2 with "relation x_1.dbshift_runs does not exist".
 */
class SchemaNamedLikeAnotherTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "H2", "MARIADB"})
    void aSchemaIsFoundByItsNameNotAsAPattern(Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        String base = vendor == Vendor.H2 ? "PAT" : db.name() + "p";
        String underscored = base + "_1";
        String sibling = base + (vendor == Vendor.H2 ? "Q1" : "q1");
        try {
            DbShift other = shift(db, sibling);
            other.up();
            assertThat(other.status().historyExists()).isTrue();

            create(db, vendor, underscored); // empty: read-only commands on H2 and MariaDB need it to exist
            DbShift shift = shift(db, underscored);
            StatusReport before = shift.status();
            assertThat(before.historyExists()).as("the sibling's history is not this schema's").isFalse();
            assertThat(before.pending()).isEqualTo(1);
            shift.up();
            StatusReport after = shift.status();
            assertThat(after.historyExists()).isTrue();
            assertThat(after.pending()).isZero();
            assertThat(historyRows(db, vendor, underscored)).isEqualTo(1);
            assertThat(historyRows(db, vendor, sibling)).isEqualTo(1);
        } finally {
            drop(db, vendor, underscored);
            drop(db, vendor, sibling);
        }
    }

    /**
     * A schema whose name holds the driver's escape character ({@code \} on both): read unescaped, {@code back\slash}
     * matched only {@code backslash}, so after {@code up} had written the history, {@code status} saw none and called
     * the applied migration pending.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "H2"})
    void aSchemaNamedWithTheEscapeCharacterFindsItsHistory(Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        String schema = (vendor == Vendor.H2 ? "BACK" : db.name() + "back") + "\\slash";
        try {
            DbShift shift = shift(db, schema);
            shift.up();
            StatusReport status = shift.status();
            assertThat(status.historyExists()).isTrue();
            assertThat(status.pending()).isZero();
            assertThat(historyRows(db, vendor, schema)).isEqualTo(1);
        } finally {
            drop(db, vendor, schema);
        }
    }

    private DbShift shift(TestDatabase db, String schema) {
        return DbShift.configure().projectDir(project.dir()).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).schemas(schema).load();
    }

    private static long historyRows(TestDatabase db, Vendor vendor, String schema) throws SQLException {
        String name = schema;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(vendor, name) + ".dbshift_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void create(TestDatabase db, Vendor vendor, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute((vendor == Vendor.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + quote(vendor, schema));
        }
    }

    private static void drop(TestDatabase db, Vendor vendor, String schema) throws SQLException {
        if (vendor == Vendor.H2) {
            return; // the database file goes with the test database
        }
        String name = schema;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute(vendor == Vendor.MARIADB ? "DROP DATABASE IF EXISTS " + name : "DROP SCHEMA IF EXISTS " + quote(vendor, name) + " CASCADE");
        }
    }

    private static String quote(Vendor vendor, String name) {
        return vendor == Vendor.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }
}
