package dev.dbshift.command;

import dev.dbshift.testing.Pure;
import dev.dbshift.DbShift;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.config.OnFailure;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.history.RunRow;
import dev.dbshift.session.Project;
import dev.dbshift.session.Session;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run row of a failed {@code up} records the version the database was left at, derived from the plan's
 * state and the report (not from another read of the history): the migrations before the failure stay
 * applied, and {@code --on-failure rollback-run} takes them back.
 */
@Pure
class FailedRunVersionTest {

    private static TestProject project() {
        return TestProject.create()
                .file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/1__a.down.sql", "DROP TABLE a;\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/2__b.down.sql", "DROP TABLE b;\n")
                .file("migrations/3__bad.sql", "INSERT INTO no_such_table VALUES (1);\n")
                .file("migrations/3__bad.down.sql", "DELETE FROM no_such_table;\n");
    }

    private static RunRow lastRun(DbShift shift) throws Exception {
        try (Session s = new Project(shift.settings(), shift.source(), ExecutionListener.NONE).open(false)) {
            List<RunRow> runs = s.store().runs();
            return runs.get(runs.size() - 1);
        }
    }

    @Test
    void aFailedUpRecordsTheVersionItReached() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = project().configure(db).load();
            shift.up("1");
            assertThatThrownBy(shift::up).isInstanceOf(MigrationFailedException.class);
            RunRow run = lastRun(shift);
            assertThat(run.success()).isFalse();
            assertThat(run.fromVersion()).isEqualTo("1");
            assertThat(run.toVersion()).isEqualTo("2").isEqualTo(shift.current().orElseThrow());
        }
    }

    @Test
    void aFailedUpThatRolledBackRecordsTheVersionBeforeIt() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Vendor.H2)) {
            DbShift shift = project().configure(db).onFailure(OnFailure.ROLLBACK_RUN).load();
            shift.up("1");
            assertThatThrownBy(shift::up).isInstanceOf(MigrationFailedException.class);
            RunRow run = lastRun(shift);
            assertThat(run.success()).isFalse();
            assertThat(run.toVersion()).isEqualTo("1").isEqualTo(shift.current().orElseThrow());
        }
    }
}
