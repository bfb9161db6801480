package dev.dbshift.execute;

import dev.dbshift.db.SafeDdl;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Secrets;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryStore;
import dev.dbshift.history.Operation;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.plan.Target;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor on its own, against real databases: a plan of steps run on one connection, the
 * history rows and progress marks it writes. SQLite and PostgreSQL run a migration in one
 * transaction; H2 and MariaDB statement by statement with marks.
 */
class ExecutorTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create();
    private final List<String> notices = new ArrayList<>();
    private final ExecutionListener listener = new ExecutionListener() {
        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };
    private TestDatabase db;
    private Connection connection;
    private Database database;
    private HistoryStore store;

    @AfterEach
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private void start(Vendor vendor) throws SQLException {
        db = databases.start(vendor);
        connection = db.connect();
        database = Databases.forUrl(db.url());
        store = new HistoryStore(connection, database, database.currentSchema(connection), "dbshift_history", "dbshift_runs");
        store.create();
    }

    private MigrationSource source() {
        return new FileMigrationSource(project.dir(), List.of("migrations"), null, getClass().getClassLoader());
    }

    private MigrationRef migration(String version) {
        return source().list().stream().filter(m -> m.version() != null && m.version().equals(Version.parse(version)))
                .findFirst().orElseThrow();
    }

    /** Runs {@code steps} as one run (its own runs row) and returns the report. */
    private Report run(Step... steps) throws SQLException {
        long runId = store.beginRun(RunRow.start("up", "head", null, "test", "test", "localhost"));
        Executor.Context context = new Executor.Context(runId, "test", "tester", Map.of("suffix", "x"), true, false,
                OnFailure.STOP, Secrets.NONE, null, SchemaChecksums.OFF, null, db::connect, SafeDdl.OFF);
        Executor executor = new Executor(connection, database, store, source(), context, listener);
        return executor.run(new Plan("up", new Target.Head(), null, null, List.of(steps), List.of()));
    }

    private RunRow lastRun() throws SQLException {
        List<RunRow> runs = store.runs();
        return runs.get(runs.size() - 1);
    }

    private boolean tableExists(String name) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + name)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private int count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"SQLITE", "POSTGRES"})
    void aTransactionalStepCommitsWithItsHistoryRowOrNotAtAll(Vendor vendor) throws SQLException {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\nINSERT INTO nosuch VALUES (1);\n");

        Report report = run(Step.of(Step.Action.APPLY, migration("1")), Step.of(Step.Action.APPLY, migration("2")));

        assertThat(report.success()).isFalse();
        assertThat(report.results()).hasSize(2);
        assertThat(report.results().get(0).success()).isTrue();
        assertThat(report.results().get(0).statements()).isEqualTo(2);
        assertThat(report.results().get(1).statements()).as("rolled back: nothing of it stays").isZero();
        assertThat(report.error()).contains("migrations/2__b.sql:3");
        assertThat(tableExists("b")).as("the failed migration's CREATE TABLE was rolled back with it").isFalse();
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(1);

        List<HistoryRow> rows = store.read();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).success()).isTrue();
        assertThat(rows.get(0).operation()).isEqualTo(Operation.APPLY);
        assertThat(rows.get(0).statementsDone()).isEqualTo(2);
        assertThat(rows.get(0).errorMessage()).isNull();
        assertThat(rows.get(1).success()).isFalse();
        assertThat(rows.get(1).statementsDone()).isZero();
        assertThat(rows.get(1).errorMessage()).contains("migrations/2__b.sql:3");
        assertThat(rows.get(1).errorTrace()).contains("StatementFailure");
        assertThat(lastRun().progressStatements()).as("a transactional step writes no progress marks").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "MARIADB"})
    void aStatementByStatementStepMarksEachStatementAndItsFailureRowSaysHowFarItGot(Vendor vendor) throws SQLException {
        start(vendor);
        failAtStatementThreeOfTwo();

        List<HistoryRow> rows = store.read();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).success()).isTrue();
        assertThat(rows.get(0).statementsDone()).isEqualTo(4);
        assertThat(rows.get(0).statementsChecksum()).startsWith("s1:");
        assertThat(rows.get(0).errorMessage()).isNull();

        HistoryRow failed = rows.get(1);
        assertThat(failed.success()).isFalse();
        assertThat(failed.statementsDone()).as("statements 1 and 2 ran and stay").isEqualTo(2);
        assertThat(failed.errorMessage()).contains("migrations/2__b.sql:3");
        assertThat(failed.statementsChecksum()).startsWith("s1:").isNotEqualTo(rows.get(0).statementsChecksum());
        assertThat(tableExists("d")).isTrue();
        assertThat(tableExists("e")).isTrue();
        assertThat(tableExists("f")).isFalse();

        RunRow run = lastRun();
        assertThat(run.progressVersion()).isEqualTo("2");
        assertThat(run.progressStatements()).as("the mark written after statement 2, before the one that failed").isEqualTo(2);
        assertThat(run.progressChecksum()).isEqualTo(failed.statementsChecksum());
    }

    /** Migration 1 (four statements) applies; migration 2 fails at its statement 3 after two ran. */
    private Report failAtStatementThreeOfTwo() throws SQLException {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\nINSERT INTO a VALUES (1);\n"
                        + "CREATE TABLE c (id INT);\n")
                .file("migrations/2__b.sql", "CREATE TABLE d (id INT);\nCREATE TABLE e (id INT);\nINSERT INTO nosuch VALUES (1);\n"
                        + "CREATE TABLE f (id INT);\n");
        Report report = run(Step.of(Step.Action.APPLY, migration("1")), Step.of(Step.Action.APPLY, migration("2")));
        assertThat(report.success()).isFalse();
        assertThat(report.results().get(0).statements()).isEqualTo(4);
        assertThat(report.results().get(1).statements()).isEqualTo(2);
        assertThat(report.error()).contains("migrations/2__b.sql:3").contains("2 statement(s) before it ran and stay applied");
        return report;
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "MARIADB"})
    void aResumeSkipsTheStatementsThatRanAfterProvingThemUnchanged(Vendor vendor) throws SQLException {
        start(vendor);
        failAtStatementThreeOfTwo();
        HistoryRow failed = store.read().get(1);
        project.file("migrations/2__b.sql", "CREATE TABLE d (id INT);\nCREATE TABLE e (id INT);\nINSERT INTO d VALUES (1);\n"
                + "CREATE TABLE f (id INT);\n");

        Report report = run(new Step(Step.Action.RESUME, migration("2"), failed.statementsDone(), failed.statementsChecksum()));

        assertThat(report.success()).as(report.error()).isTrue();
        assertThat(report.results().get(0).statements()).as("only the statements after the mark ran").isEqualTo(2);
        assertThat(notices).anyMatch(n -> n.contains("resumed after the 2 statement(s) that ran before; 2 more ran now"));
        HistoryRow resumed = store.read().get(2);
        assertThat(resumed.success()).isTrue();
        assertThat(resumed.operation()).isEqualTo(Operation.APPLY_PARTIAL);
        assertThat(resumed.statementsDone()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM d")).isEqualTo(1);
        assertThat(tableExists("f")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "MARIADB"})
    void aResumeRefusesWhenTheStatementsThatRanWereEdited(Vendor vendor) throws SQLException {
        start(vendor);
        failAtStatementThreeOfTwo();
        HistoryRow failed = store.read().get(1);
        project.file("migrations/2__b.sql", "CREATE TABLE d (id INT, x INT);\nCREATE TABLE e (id INT);\n"
                + "INSERT INTO d VALUES (1, 1);\nCREATE TABLE f (id INT);\n");

        Report report = run(new Step(Step.Action.RESUME, migration("2"), failed.statementsDone(), failed.statementsChecksum()));

        assertThat(report.success()).isFalse();
        assertThat(report.error()).contains("have been edited since");
        assertThat(tableExists("f")).isFalse();
        HistoryRow refused = store.read().get(2);
        assertThat(refused.success()).isFalse();
        assertThat(refused.statementsDone()).as("still the two that ran, with their recorded checksum").isEqualTo(2);
        assertThat(refused.statementsChecksum()).isEqualTo(failed.statementsChecksum());
    }

    @Test
    void describeSaysTheModeAndListsTheStatementsAResumeRuns() throws SQLException {
        start(Vendor.SQLITE);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n")
                .file("migrations/2__b.sql", "-- dbshift:no-transaction\nCREATE TABLE b (id INT);\n");
        long runId = store.beginRun(RunRow.start("up", "head", null, "test", "test", "localhost"));
        Executor executor = new Executor(connection, database, store, source(), new Executor.Context(runId, "test", "tester",
                Map.of(), true, false, OnFailure.STOP, Secrets.NONE, null, SchemaChecksums.OFF, null, db::connect, SafeDdl.OFF), listener);

        PlannedStep whole = executor.describe(Step.of(Step.Action.APPLY, migration("1")));
        PlannedStep resumed = executor.describe(new Step(Step.Action.RESUME, migration("1"), 2, null));
        PlannedStep noTransaction = executor.describe(Step.of(Step.Action.APPLY, migration("2")));

        assertThat(whole.mode()).isEqualTo("transaction");
        assertThat(whole.scripts().get(0).statements()).hasSize(3);
        assertThat(resumed.scripts().get(0).statements()).singleElement()
                .satisfies(st -> assertThat(st.sql()).contains("VALUES (2)"));
        assertThat(noTransaction.mode()).isEqualTo("no-transaction");
        assertThat(tableExists("a")).as("describe runs nothing").isFalse();
    }

    /** What the decision says about a run that died in statement 2 of {@code version}, after its first, {@code first}. */
    private InterruptedStatement.Decision interruptedAfter(String version, String first) throws SQLException {
        long runId = store.beginRun(RunRow.start("up", "head", null, "test", "test", "localhost"));
        Executor executor = new Executor(connection, database, store, source(), new Executor.Context(runId, "test", "tester",
                Map.of(), true, false, OnFailure.STOP, Secrets.NONE, null, SchemaChecksums.OFF, database.currentSchema(connection),
                db::connect, SafeDdl.OFF), listener);
        StatementChecksum done = new StatementChecksum();
        done.add(first);
        RunRow run = new RunRow(runId, "up", "head", null, null, "test", "test", "localhost", java.time.Instant.now(), null,
                null, version, 1, done.current());
        return executor.interrupted(run, migration(version));
    }

    /**
     * H2 runs some ALTER TABLEs as a copy of the table, a drop and a rename; a process killed between the drop and the
     * rename leaves the table under its copy's name. An interrupted ALTER there is decided by neither its column nor
     * its harmlessness: the decision says what H2 left. An ADD COLUMN read "not done" (no column on a table that was not
     * there), and a MODIFY "harmless", and the next up failed on a missing table. A copy beside the table is decided as
     * before.
     */
    @Test
    void anAlterTheDatabaseLeftHalfDoneIsUndecided() throws SQLException {
        start(Vendor.H2);
        project.file("migrations/2__w.sql", "CREATE TABLE x (a INT);\nALTER TABLE dst ADD COLUMN w INT;\n")
                .file("migrations/3__m.sql", "CREATE TABLE y (a INT);\nALTER TABLE dst MODIFY COLUMN v BIGINT;\n");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE dst_copy_3_0 (id INT, v INT, w INT)");
        }
        for (String[] v : new String[][] {{"2", "CREATE TABLE x (a INT)"}, {"3", "CREATE TABLE y (a INT)"}}) {
            InterruptedStatement.Decision d = interruptedAfter(v[0], v[1]);
            assertThat(d.outcome()).as(d.message()).isEqualTo(InterruptedStatement.Outcome.UNDECIDED);
            assertThat(d.message()).contains("H2 left the table as DST_COPY_3_0");
        }
        // a copy beside the table: the ALTER did not complete, as the missing column says
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE dst (id INT, v INT)");
        }
        assertThat(interruptedAfter("2", "CREATE TABLE x (a INT)").outcome()).isEqualTo(InterruptedStatement.Outcome.NOT_DONE);
    }

    /** H2: an interrupted ALTER TABLE that adds a primary key or a named constraint is decided by the catalog. */
    @Test
    void anAlterThatAddsAKeyOrAConstraintIsDecidedOnH2() throws SQLException {
        start(Vendor.H2);
        project.file("migrations/2__c.sql", "CREATE TABLE x (a INT);\nALTER TABLE dst ADD CONSTRAINT dst_pos CHECK (v > 0);\n")
                .file("migrations/3__k.sql", "CREATE TABLE y (a INT);\nALTER TABLE dst ADD PRIMARY KEY (id);\n");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE dst (id INT NOT NULL, v INT)");
        }
        String[][] interrupted = {{"2", "CREATE TABLE x (a INT)"}, {"3", "CREATE TABLE y (a INT)"}};
        assertDecided(InterruptedStatement.Outcome.NOT_DONE, interrupted);
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE dst ADD CONSTRAINT dst_pos CHECK (v > 0)");
            st.execute("ALTER TABLE dst ADD PRIMARY KEY (id)");
        }
        assertDecided(InterruptedStatement.Outcome.DONE, interrupted);
    }

    /** Each {version, first statement} of {@code interrupted}, interrupted in its second statement, decides {@code outcome}. */
    private void assertDecided(InterruptedStatement.Outcome outcome, String[]... interrupted) throws SQLException {
        for (String[] v : interrupted) {
            InterruptedStatement.Decision d = interruptedAfter(v[0], v[1]);
            assertThat(d.outcome()).as(d.message()).isEqualTo(outcome);
        }
    }

    /**
     * MariaDB applies an ALTER TABLE whole: an interrupted one of several actions is done when every part is there and not
     * done when none is; a mix (the table changed since) is undecided and the message says which parts are there.
     */
    @Test
    void anAlterTableOfSeveralActionsIsDecidedByAllOfThem() throws SQLException {
        start(Vendor.MARIADB);
        project.file("migrations/2__k.sql", "CREATE TABLE x (a INT);\nALTER TABLE dst ADD COLUMN w INT, ADD KEY k (v), ALGORITHM=INPLACE;\n");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE dst (id INT, v INT)");
        }
        assertThat(interruptedAfter("2", "CREATE TABLE x (a INT)").outcome()).isEqualTo(InterruptedStatement.Outcome.NOT_DONE);
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE dst ADD COLUMN w INT");
        }
        InterruptedStatement.Decision mixed = interruptedAfter("2", "CREATE TABLE x (a INT)");
        assertThat(mixed.outcome()).isEqualTo(InterruptedStatement.Outcome.UNDECIDED);
        assertThat(mixed.message()).contains("there only in part (column dst.w exists, index k does not exist)");
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE dst ADD KEY k (v)");
        }
        InterruptedStatement.Decision done = interruptedAfter("2", "CREATE TABLE x (a INT)");
        assertThat(done.outcome()).as(done.message()).isEqualTo(InterruptedStatement.Outcome.DONE);
    }

    /** A column renamed by CHANGE (Rails' and Laravel's rename on MySQL) is decided by both names: it stopped with exit 3. */
    @Test
    void aColumnRenamedByChangeIsDecidedByItsOldAndNewName() throws SQLException {
        start(Vendor.MARIADB);
        project.file("migrations/2__r.sql", "CREATE TABLE x (a INT);\nALTER TABLE dst CHANGE `v` `w` BIGINT NOT NULL;\n");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE dst (id INT, v INT NOT NULL)");
        }
        assertThat(interruptedAfter("2", "CREATE TABLE x (a INT)").outcome()).isEqualTo(InterruptedStatement.Outcome.NOT_DONE);
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE dst CHANGE v w BIGINT NOT NULL");
        }
        InterruptedStatement.Decision done = interruptedAfter("2", "CREATE TABLE x (a INT)");
        assertThat(done.outcome()).as(done.message()).isEqualTo(InterruptedStatement.Outcome.DONE);
        assertThat(done.message()).contains("column dst.`v` is gone").contains("column dst.`w` exists");
    }
}
