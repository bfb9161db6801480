package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Target;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.StatementIterator;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline script ({@code up --sql}, {@code down --sql}) for a range of versions, run the way a
 * database's client would run it (statement by statement, in autocommit), on a database dbshift never
 * touched: afterwards the schema and the history are what {@code up} or {@code down} would have left.
 */
class OfflineScriptTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__users.sql", "CREATE TABLE users (name VARCHAR(20));\nINSERT INTO users VALUES ('${owner}');\n")
            .file("migrations/1__users.down.sql", "DROP TABLE users;\n")
            .file("migrations/2__two.sql", "-- dbshift:no-transaction\nCREATE TABLE two (id INT);\n")
            .file("migrations/2__two.down.sql", "DROP TABLE two;\n")
            .file("migrations/3__three.sql", "CREATE TABLE three (id INT);\n");

    private OfflineScript offline(Database database, MigrationSource source) {
        return new OfflineScript(database, source, new OfflineScript.Context("prod", "deployer", "9.9", "host-a",
                Map.of("owner", "ada"), true, true, "dbshift_history", "dbshift_runs"));
    }

    /**
     * Runs {@code script} as the vendor's client would: each statement as it comes, in autocommit (the client's own
     * commands, such as sqlite3's {@code .bail on}, are the client's).
     */
    private static void runAsClient(Connection c, Database database, String script) throws SQLException {
        String statements = script.replace(database.clientPreamble(), "");
        try (StatementIterator it = database.scriptDialect().split(new StringReader(statements), ScriptOptions.of("offline.sql"));
             Statement st = c.createStatement()) {
            while (it.hasNext()) {
                st.execute(it.next().sql());
            }
        }
    }

    private static boolean tableExists(Connection c, String name) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + name)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "SQLITE", "POSTGRES"})
    void anUpRangeAndADownRangeLeaveTheSchemaAndHistoryAsUpAndDownWould(Vendor vendor) throws SQLException {
        TestDatabase db = databases.start(vendor);
        Database database = Databases.forUrl(db.url());
        MigrationSource source = new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader());
        Plan up = new Planner(source.list(), AppliedState.of(List.of())).up(new Target.Exact(Version.parse("2")), false, false);

        String upScript = offline(database, source).write(up);

        assertThat(upScript).contains("'ada'").doesNotContain("${owner}");
        String second = upScript.substring(upScript.indexOf("-- applying 2"));
        String first = upScript.substring(upScript.indexOf("-- applying 1"), upScript.indexOf("-- applying 2"));
        if (database.supportsTransactionalDdl()) {
            assertThat(first).as("a migration and its history row in one transaction").contains("BEGIN;").contains("COMMIT;");
        } else {
            assertThat(first).doesNotContain("BEGIN;");
        }
        assertThat(second).as("-- dbshift:no-transaction").doesNotContain("BEGIN;");
        assertThat(upScript).doesNotContain("three");

        try (Connection c = db.connect()) {
            runAsClient(c, database, upScript);
            HistoryStore store = new HistoryStore(c, database, database.currentSchema(c), "dbshift_history", "dbshift_runs");
            List<HistoryRow> all = store.read();
            // 2 commits statement by statement (no-transaction), and so does every step on H2 (DDL commits there): the
            // script marks such a step begun before its statements
            assertThat(all).filteredOn(r -> !r.success()).allMatch(HistoryRow::begunOffline);
            int begun = all.indexOf(all.stream().filter(r -> !r.success() && "2".equals(r.version())).findFirst().orElseThrow());
            assertThat(AppliedState.of(all.subList(0, begun + 1)).get(Version.parse("2")).orElseThrow().rowsStayed())
                    .as("a script stopped inside 2 leaves it begun, which nothing runs from its start").isTrue();
            List<HistoryRow> rows = all.stream().filter(HistoryRow::success).toList();
            assertThat(rows).extracting(HistoryRow::version).containsExactly("1", "2");
            assertThat(rows).allMatch(r -> r.operation() == Operation.APPLY && r.errorMessage() == null);
            assertThat(rows).extracting(HistoryRow::statementsDone).containsExactly(2, 1);
            assertThat(rows.get(0).checksum()).isEqualTo(up.steps().get(0).migration().checksum());
            assertThat(rows).allMatch(r -> "prod".equals(r.environment()) && "deployer".equals(r.installedBy()));
            List<RunRow> runs = store.runs();
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.command()).isEqualTo("sql");
                assertThat(r.target()).isEqualTo("2");
                assertThat(r.toVersion()).isEqualTo("2");
                assertThat(r.success()).isTrue();
            });
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM users")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ada");
            }
            assertThat(tableExists(c, "two")).isTrue();
            assertThat(tableExists(c, "three")).isFalse();

            Plan down = new Planner(source.list(), AppliedState.of(all)).down(new Target.Exact(Version.parse("1")));
            runAsClient(c, database, offline(database, source).write(down));

            assertThat(tableExists(c, "two")).isFalse();
            assertThat(tableExists(c, "users")).isTrue();
            List<HistoryRow> after = store.read();
            HistoryRow last = after.get(after.size() - 1);
            assertThat(last.version()).isEqualTo("2");
            assertThat(last.operation()).isEqualTo(Operation.ROLLBACK);
            assertThat(last.success()).isTrue();
            assertThat(last.script()).isEqualTo("migrations/2__two.down.sql");
            assertThat(AppliedState.of(after).current()).contains(Version.parse("1"));
            assertThat(store.runs()).hasSize(2);
        }
    }
}
