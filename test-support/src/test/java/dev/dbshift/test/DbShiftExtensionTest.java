package dev.dbshift.test;

import dev.dbshift.DbShift;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@link DbShiftTest} seen from outside: the sample classes below run in their own JUnit engine (EngineTestKit), so a
 * failing migration is seen to fail the class. They read their database URL from a system property this test sets,
 * and are not run by the build on their own (Surefire leaves nested classes to their outer class).
 */
class DbShiftExtensionTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void migratesBeforeTheTestsAndInjectsTheFacadeAConnectionAndADataSource() {
        passes(run(GoodProject.class, "dbshift.test.good.url", databases.start(Vendor.H2)), 4);
    }

    @Test
    void aFailingMigrationFailsTheClassNamingTheScriptAndRunsNoTest() {
        var results = run(FailingProject.class, "dbshift.test.failing.url", databases.start(Vendor.H2));
        Events all = results.allEvents();

        all.assertThatEvents().haveExactly(1, event(container(FailingProject.class),
                finishedWithFailure(instanceOf(MigrationFailedException.class), message(m -> m.contains("2__broken.sql")))));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void migratesToTheTargetAndOnPostgres() {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        passes(run(TargetProject.class, "dbshift.test.target.url", db), 1);
    }

    @Test
    void resetDropsWhatWasThereBeforeMigrating() throws SQLException {
        TestDatabase db = databases.start(Vendor.H2);
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE left_over (id INT)");
        }
        passes(run(ResetProject.class, "dbshift.test.reset.url", db), 1);
    }

    @Test
    void resetWithATargetIsABadConfigurationNamingTheClass() {
        Events all = run(ResetWithTarget.class, "dbshift.test.reset.url", databases.start(Vendor.H2)).allEvents();

        all.assertThatEvents().haveExactly(1, event(container(ResetWithTarget.class), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains(ResetWithTarget.class.getName())))));
    }

    /** All {@code tests} of the sample class ran and passed; else the failures, the class's own first (a failed migration). */
    private static void passes(EngineExecutionResults results, int tests) {
        String failures = results.allEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse(""))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(failures).as("failures of the sample class").isEmpty();
        results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
    }

    private static EngineExecutionResults run(Class<?> sample, String property, TestDatabase db) {
        // the user travels in the URL: the sample classes name only the property
        String url = db.vendor() == Vendor.POSTGRES ? db.url() + "&user=" + db.user() : db.url() + ";USER=" + db.user();
        System.setProperty(property, url);
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
        } finally {
            System.clearProperty(property);
        }
    }

    @DbShiftTest(projectDir = "src/test/resources/projects/good", urlProperty = "dbshift.test.good.url")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class GoodProject {
        static Connection first;

        @Test
        @Order(1)
        void theMigratedRowIsThere(Connection connection) throws SQLException {
            first = connection;
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM item WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("first");
            }
        }

        @Test
        @Order(2)
        void theConnectionOfATestIsClosedAfterIt() throws SQLException {
            assertThat(first.isClosed()).isTrue();
        }

        @Test
        @Order(3)
        void theFacadeSeesHead(DbShift dbshift) {
            assertThat(dbshift.current()).contains("2");
            assertThat(dbshift.status().pending()).isZero();
        }

        @Test
        @Order(4)
        void theDataSourceConnectsToTheSameDatabase(DataSource dataSource) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM item")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @DbShiftTest(projectDir = "src/test/resources/projects/failing", urlProperty = "dbshift.test.failing.url")
    static class FailingProject {
        @Test
        void neverRuns() {
            throw new AssertionError("the class should have failed before its tests");
        }
    }

    @DbShiftTest(projectDir = "src/test/resources/projects/good", urlProperty = "dbshift.test.target.url", target = "1")
    static class TargetProject {
        @Test
        void stopsAtTheTarget(DbShift dbshift, Connection connection) throws SQLException {
            assertThat(dbshift.current()).contains("1");
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM item")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @DbShiftTest(projectDir = "src/test/resources/projects/good", urlProperty = "dbshift.test.reset.url", reset = true)
    static class ResetProject {
        @Test
        void onlyTheMigratedTablesAreThere(Connection connection, DbShift dbshift) throws SQLException {
            assertThat(dbshift.current()).contains("2");
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                java.util.List<String> tables = new java.util.ArrayList<>();
                while (rs.next()) {
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) {
                        tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                assertThat(tables).contains("item").doesNotContain("left_over");
            }
        }
    }

    @DbShiftTest(projectDir = "src/test/resources/projects/good", urlProperty = "dbshift.test.reset.url", reset = true, target = "1")
    static class ResetWithTarget {
        @Test
        void neverRuns() {
            throw new AssertionError("the class should have failed before its tests");
        }
    }
}
