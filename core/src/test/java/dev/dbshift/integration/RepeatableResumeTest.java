package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.execute.Report;
import dev.dbshift.history.Operation;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A repeatable migration whose statements commit one by one (MariaDB and H2 DDL, a {@code -- dbshift:no-transaction}
 * script) and that failed or was killed part way: the next {@code up} ran it again from its start, over the statements
 * that had committed (a row inserted twice, exit 0), while a versioned migration resumed after them or stopped. It now
 * has progress marks as a versioned one has, named {@code R:} and its description, and resumes the same way; a
 * statement in doubt is repaired by that name or by its script's.
 */
class RepeatableResumeTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    private DbShift dbshift() {
        return project.configure(db).load();
    }

    private List<String> rows(String sql) throws Exception {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            return Queries.strings(st, sql);
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private MigrationStatus.State repeatableState() {
        return dbshift().status().migrations().stream().filter(m -> m.version() == null).findFirst().orElseThrow().state();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2", "POSTGRES"})
    void aRepeatableThatFailedPartWayGoesOnAfterTheStatementsThatRan(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        String head = vendor == Vendor.POSTGRES ? "-- dbshift:no-transaction\n" : "";
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\n")
                .file("migrations/R__seed.sql", head + "INSERT INTO log VALUES ('a');\nCREATE TABLE b (id INT);\n"
                        + "INSERT INTO nope VALUES (1);\nINSERT INTO log VALUES ('end');\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("nope", "2 statement(s) before it ran and stay applied");
        assertThat(repeatableState()).isEqualTo(MigrationStatus.State.PARTIAL);

        project.file("migrations/R__seed.sql", head + "INSERT INTO log VALUES ('a');\nCREATE TABLE b (id INT);\n"
                + "INSERT INTO log VALUES ('fixed');\nINSERT INTO log VALUES ('end');\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log ORDER BY note")).as("each statement once").containsExactly("a", "end", "fixed");
        assertThat(repeatableState()).isEqualTo(MigrationStatus.State.APPLIED);
        assertThat(dbshift().history()).last().satisfies(h -> assertThat(h.operation()).isEqualTo(Operation.APPLY_PARTIAL));

        // changed once more, it runs again whole, as a repeatable migration does
        project.file("migrations/R__seed.sql", head + "DELETE FROM log;\nINSERT INTO log VALUES ('again');\n");
        assertThat(dbshift().up().success()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("again");
    }

    /**
     * Edited before the statements that ran, it is refused, as a version is; a plain {@code repair} (the database set
     * right by hand) then runs it from its start. The refusal named the migration twice and ended "run 'dbshift up' again
     * to resume", which is what it had just refused.
     */
    @Test
    void aRepeatableEditedBeforeTheStatementsThatRanIsRefusedUntilRepaired() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\n")
                .file("migrations/R__seed.sql", "CREATE TABLE a (id INT);\nINSERT INTO nope VALUES (1);\n");
        FailedRun.report(() -> dbshift().up());
        project.file("migrations/R__seed.sql", "CREATE TABLE a2 (id INT);\nINSERT INTO log VALUES ('x');\n");
        Report refused = FailedRun.report(() -> dbshift().up());
        assertThat(refused.error()).startsWith("R (seed): 1 statement(s) ran in an earlier try and have been edited since")
                .doesNotContain("R (seed): R (seed)").doesNotContain("again to resume");
        exec("DROP TABLE a");
        dbshift().historyCommands().repair(false);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("x");
    }

    @Test
    void aRepeatableWhoseRunWasKilledGoesOnAfterTheStatementsThatRan() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\nCREATE TABLE wake (id INT);\n")
                .file("migrations/R__seed.sql", "INSERT INTO log VALUES ('a');\nCREATE TABLE b (id INT);\n"
                        + "SELECT SLEEP(IF((SELECT COUNT(*) FROM wake) = 0, 8, 0));\nINSERT INTO log VALUES ('end');\n");
        CommandChild.killWhile(db, project, "SELECT SLEEP(IF%", "up");
        assertThat(repeatableState()).isEqualTo(MigrationStatus.State.PARTIAL);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log ORDER BY note")).as("each statement once").containsExactly("a", "end");
        assertThat(dbshift().history()).anySatisfy(h -> assertThat(h.errorMessage()).isNotNull()
                .contains("interrupted", "of repeatable migration seed", "running it again is harmless"));
    }

    /**
     * A row change into a table that keeps its rows through a rollback, killed while it ran, is in doubt: the next up
     * stops and names the repeatable migration by its key; repair takes the key or the script's name.
     */
    @Test
    void aRepeatableStatementInDoubtIsRecordedByItsNameOrItsScriptsName() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__m.sql", "CREATE TABLE m (id INT) ENGINE=MyISAM;\nCREATE TABLE wake (id INT);\n")
                .file("migrations/R__my_seed.sql", "INSERT INTO m VALUES (1);\n"
                        + "INSERT INTO m SELECT SLEEP(IF((SELECT COUNT(*) FROM wake) = 0, 8, 0));\nINSERT INTO m VALUES (2);\n");
        CommandChild.killWhile(db, project, "INSERT INTO m SELECT SLEEP(IF%", "up");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("statement 2 of repeatable migration my seed may or may not have completed")
                .hasMessageContaining("'dbshift repair --statement-done \"R:my seed\"'")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(rows("SELECT COUNT(*) FROM m")).containsExactly("2");

        assertThatThrownBy(() -> dbshift().historyCommands().repairStatement("R:other", true))
                .hasMessageContaining("no interrupted run left a statement of repeatable migration other undecided");
        assertThatThrownBy(() -> dbshift().historyCommands().repairStatement("R__other.sql", true))
                .hasMessageContaining("'R__other.sql' is neither a version").hasMessageContaining("R:views");
        assertThat(dbshift().historyCommands().repairStatement("R__my_seed.sql", true))
                .contains("statement 2 of repeatable migration my seed ran; done");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT id FROM m ORDER BY id")).as("each row once").containsExactly("0", "1", "2");
    }

    /**
     * A MyISAM row change that failed part way leaves rows its rollback cannot undo: the next up stops, and after the rows
     * are removed, {@code repair --statement-not-done R:...} lets it go on from that statement, not from the script's start
     * (which ran the row before it again).
     */
    @Test
    void aRepeatableWhoseFailureLeftRowsGoesOnFromThatStatementOnceRepaired() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__m.sql", "CREATE TABLE m (id INT PRIMARY KEY) ENGINE=MyISAM;\n")
                .file("migrations/R__seed.sql", "INSERT INTO m VALUES (1);\nINSERT INTO m VALUES (2), (3), (2);\n"
                        + "INSERT INTO m VALUES (9);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("run 'dbshift repair --statement-not-done R:seed' (the next 'up' runs statement 2 again)");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("'dbshift repair --statement-not-done R:seed'")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        exec("DELETE FROM m WHERE id IN (2, 3)");
        project.file("migrations/R__seed.sql", "INSERT INTO m VALUES (1);\nINSERT INTO m VALUES (2), (3);\nINSERT INTO m VALUES (9);\n");
        assertThatThrownBy(() -> dbshift().historyCommands().repairStatement("R:seed", true))
                .hasMessageContaining("repeatable migration seed failed").hasMessageNotContaining("stamp");
        assertThat(dbshift().historyCommands().repairStatement("r:seed", false)).contains("resumes after the 1 statement(s)");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT id FROM m ORDER BY id")).containsExactly("1", "2", "3", "9");
    }
}
