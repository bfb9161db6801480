package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration.ServerFacts;
import dev.dbshift.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.dbshift.db.mysql.lint.MySqlLintRulesTest.lint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The version-aware rules against the real MariaDB server: its version read into {@link ServerFacts}, and what a
 * rule predicts checked against what the server then does with the statement.
 */
class MariaDbLintFactsTest {
    private static TestDatabase db;
    private static Connection connection;
    private static ServerFacts facts;

    @BeforeAll
    static void connect() throws SQLException {
        db = TestDatabase.create(TestDatabase.Vendor.MARIADB);
        connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            facts = new ServerFacts(Optional.of(rs.getString(1)), Map.of());
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
        db.close();
    }

    private static void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void inlineReferencesAreReportedExactlyWhenTheServerCreatesNoForeignKey() throws SQLException {
        execute("CREATE TABLE owners (id INT PRIMARY KEY) ENGINE=InnoDB");
        String sql = "CREATE TABLE pets (id INT PRIMARY KEY, owner_id INT REFERENCES owners (id)) ENGINE=InnoDB";
        execute(sql);
        boolean created;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.referential_constraints"
                        + " WHERE constraint_schema = DATABASE() AND table_name = 'pets'")) {
            rs.next();
            created = rs.getInt(1) > 0;
        }
        List<Finding> findings = lint("mysql-inline-references", sql, facts);
        assertThat(findings).as("server %s created the key: %s", facts.version().orElseThrow(), created).hasSize(created ? 0 : 1);
    }

    @Test
    void anAddColumnCalledInstantRunsWithAlgorithmInstantAndATypeChangeCalledCopyRefusesLockNone() throws SQLException {
        execute("CREATE TABLE accounts (id INT PRIMARY KEY, code INT) ENGINE=InnoDB");
        String add = "ALTER TABLE accounts ADD COLUMN note VARCHAR(20) NULL";
        if (lint("mysql-alter-copies-table", add, facts).isEmpty()) {
            execute(add + ", ALGORITHM=INSTANT");
        } else {
            assertThatThrownBy(() -> execute(add + ", ALGORITHM=INSTANT")).isInstanceOf(SQLException.class);
        }
        String change = "ALTER TABLE accounts MODIFY code VARCHAR(10)";
        assertThat(lint("mysql-alter-copies-table", change, facts)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ALGORITHM=COPY"));
        assertThatThrownBy(() -> execute(change + ", LOCK=NONE")).isInstanceOf(SQLException.class);
    }

    @Test
    void theWayToHideAnIndexThatDropIndexSuggestsIsAcceptedByTheServer() throws SQLException {
        execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(80), KEY ix_email (email)) ENGINE=InnoDB");
        List<Finding> findings = lint("mysql-drop-index", "ALTER TABLE people DROP INDEX ix_email", facts);
        assertThat(findings).hasSize(1);
        String message = findings.get(0).message();
        if (message.contains("IGNORED")) {
            execute("ALTER TABLE people ALTER INDEX ix_email IGNORED");
        } else {
            assertThat(message).contains("cannot hide");
            assertThatThrownBy(() -> execute("ALTER TABLE people ALTER INDEX ix_email IGNORED")).isInstanceOf(SQLException.class);
        }
    }
}
