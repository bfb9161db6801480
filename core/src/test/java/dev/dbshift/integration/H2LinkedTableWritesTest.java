package dev.dbshift.integration;

import dev.dbshift.DbShiftException;
import dev.dbshift.execute.Report;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * H2: a linked table writes each row into its own database, where it commits. A multi-row INSERT into one that failed
 * part way left its first rows there and was recorded as rolled back; the next up ran it again (seen from the CLI: two
 * of each). Now the failure says what stays, and the next up stops (exit 3) until a user says it was undone.
 */
class H2LinkedTableWritesTest {
    private final TestProject project = TestProject.create();

    @Test
    void aRowChangeIntoALinkedTableThatFailedPartWayIsNotRunAgainOverWhatItWrote() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); TestDatabase remote = TestDatabase.postgresDatabase()) {
            remote.exec("CREATE TABLE log (id int CHECK (id < 3))");
            // the linked table is made by the run itself: learned from its definition
            project.file("migrations/1__link.sql", "CREATE LINKED TABLE rlog('org.postgresql.Driver', '" + remote.url() + "', '"
                    + remote.user() + "', '', 'log');\nCREATE TABLE t (id INT);\n");
            project.file("migrations/2__rows.sql", "INSERT INTO t SELECT \"id\" FROM rlog;\nINSERT INTO rlog VALUES (1), (2), (3);\n");
            Report failed = FailedRun.report(() -> project.configure(db).load().up());
            assertThat(failed.error()).contains("log_id_check")
                    .contains("migrations/2__rows.sql:2 (rlog, a linked table) writes outside the transaction");
            assertThat(remote.count("SELECT COUNT(*) FROM log")).as("the rows before the failing one stayed").isEqualTo(2);

            project.file("migrations/2__rows.sql", "INSERT INTO t SELECT \"id\" FROM rlog;\nINSERT INTO rlog VALUES (1), (2);\n");
            assertThatThrownBy(() -> project.configure(db).load().up()).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("dbshift repair --statement-not-done 2")
                    .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
            assertThat(remote.count("SELECT COUNT(*) FROM log")).as("not written again").isEqualTo(2);

            remote.exec("DELETE FROM log");
            project.configure(db).load().historyCommands().repairStatement("2", false);
            project.configure(db).load().up();
            assertThat(remote.count("SELECT COUNT(*) FROM log")).as("written once").isEqualTo(2);
        }
    }
}
