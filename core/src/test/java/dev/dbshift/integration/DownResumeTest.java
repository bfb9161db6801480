package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A down script that fails part way where its statements commit one by one (MariaDB, H2) leaves the ones before the
 * failure run. The next down goes on after them, as a failed up does, instead of running them again (a row inserted
 * twice, a table dropped twice), and told the user to run 'dbshift up' to resume it.
 */
class DownResumeTest {
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

    /** Two migrations applied; the down of the second inserted its log row, then failed at its second statement. */
    private void downFailedAtItsSecondStatement(Vendor vendor) {
        db = databases.start(vendor);
        twoMigrations("INSERT INTO log VALUES ('down');\nDROP TABLE nope;\nDROP TABLE b;\n");
        dbshift().up();
        FailedRun.report(() -> dbshift().down("1"));
    }

    private void twoMigrations(String down) {
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/2__b.down.sql", down);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aFailedDownGoesOnAfterTheStatementsThatRan(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        twoMigrations("INSERT INTO log VALUES ('down');\nDROP TABLE b;\nDROP TABLE nope;\n");
        assertThat(dbshift().up().success()).isTrue();
        Report failed = FailedRun.report(() -> dbshift().down("1"));
        assertThat(failed.error()).contains("2__b.down.sql:3", "2 statement(s) of the down script before it ran and stay run",
                "'dbshift down' again to resume").doesNotContain("dbshift up");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.PARTLY_REVERTED);
        assertThat(dbshift().status().pending()).as("still applied: nothing to apply").isZero();
        assertThat(dbshift().planUp(null).plan().warnings()).anySatisfy(w -> assertThat(w).contains("version 2 is partly reverted"));

        project.file("migrations/2__b.down.sql", "INSERT INTO log VALUES ('down');\nDROP TABLE b;\n");
        Report r = dbshift().down("1");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("down");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.ROLLED_BACK);
        HistoryRow last = dbshift().history().get(dbshift().history().size() - 1);
        assertThat(last.operation()).isEqualTo(Operation.ROLLBACK);
        assertThat(last.success()).isTrue();
        assertThat(last.statementsDone()).isEqualTo(2);

        // and up again from there
        assertThat(dbshift().up().success()).isTrue();
        assertThat(rows("SELECT COUNT(*) FROM b")).containsExactly("0");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aDownWhoseStatementsThatRanWereEditedIsRefused(Vendor vendor) throws Exception {
        downFailedAtItsSecondStatement(vendor);
        project.file("migrations/2__b.down.sql", "INSERT INTO log VALUES ('edited');\nDROP TABLE b;\n");
        Report refused = FailedRun.report(() -> dbshift().down("1"));
        assertThat(refused.error()).contains("have been edited since");
        assertThat(rows("SELECT note FROM log")).containsExactly("down");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aRepairedFailedDownRunsFromItsStart(Vendor vendor) throws Exception {
        downFailedAtItsSecondStatement(vendor);
        assertThat(dbshift().historyCommands().repair(false).marks()).anySatisfy(m -> assertThat(m.note())
                .contains("the next 'down' runs its down script from the start"));
        project.file("migrations/2__b.down.sql", "DELETE FROM log;\nDROP TABLE b;\n");
        Report r = dbshift().down("1");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT COUNT(*) FROM log")).containsExactly("0");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "SQLITE"})
    void aFailedDownInATransactionLeavesNothingAndRunsAgainFromItsStart(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        twoMigrations("INSERT INTO log VALUES ('down');\nDROP TABLE b;\nDROP TABLE nope;\n");
        dbshift().up();
        Report failed = FailedRun.report(() -> dbshift().down("1"));
        assertThat(failed.error()).doesNotContain("stay run");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.APPLIED);
        project.file("migrations/2__b.down.sql", "INSERT INTO log VALUES ('down');\nDROP TABLE b;\n");
        assertThat(dbshift().down("1").success()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("down");
    }

    /**
     * Killed while its down script runs, a down left no marks: the next down ran the statements that had run again. Its
     * marks now say they count a down script; the next run decides the statement that was running as for an up, and
     * the next down goes on after the statements that ran.
     */
    @org.junit.jupiter.api.Test
    void aDownKilledWhileAStatementRanGoesOnAfterTheStatementsThatRan() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\nCREATE TABLE wake (id INT);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/2__b.down.sql", "INSERT INTO log VALUES ('down');\nDROP TABLE b;\n"
                        + "SELECT SLEEP(IF((SELECT COUNT(*) FROM wake) = 0, 8, 0));\nINSERT INTO log VALUES ('end');\n");
        assertThat(dbshift().up().success()).isTrue();
        CommandChild.killWhile(db, project, "SELECT SLEEP(IF%", "down", "1");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.PARTLY_REVERTED);

        Report r = dbshift().down("1");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("down", "end");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.ROLLED_BACK);
        assertThat(dbshift().history()).anySatisfy(h -> assertThat(h.errorMessage()).isNotNull()
                .contains("interrupted", "running it again is harmless", "the next 'down' runs it again"));
    }

    /**
     * A rebuild reverts then applies one version in one run. Killed in the apply, its up's mark was taken as recorded by
     * the revert's row of the same run: the run was closed as if nothing were in doubt, and the next up ran the up
     * script from its start over what had run.
     */
    @org.junit.jupiter.api.Test
    void aRebuildKilledInItsApplyGoesOnAfterTheUpStatementsThatRan() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__log.sql", "CREATE TABLE log (note VARCHAR(20));\nCREATE TABLE wake (id INT);\n"
                        + "CREATE TABLE armed (id INT);\n")
                .file("migrations/2__b.sql", "INSERT INTO log VALUES ('up');\nCREATE TABLE b (id INT);\n"
                        + "SELECT SLEEP(IF((SELECT COUNT(*) FROM wake) = 0 AND (SELECT COUNT(*) FROM armed) > 0, 8, 0));\n"
                        + "INSERT INTO log VALUES ('end');\n")
                .file("migrations/2__b.down.sql", "DELETE FROM log;\nDROP TABLE b;\n");
        assertThat(dbshift().up().success()).isTrue();
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("INSERT INTO armed VALUES (1)"); // the apply of the rebuild sleeps, the first one did not
        }
        CommandChild.killWhile(db, project, "SELECT SLEEP(IF%", "rebuild", "2");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(rows("SELECT note FROM log")).containsExactly("up", "end");
        assertThat(rows("SELECT COUNT(*) FROM b")).containsExactly("0");
    }
}
