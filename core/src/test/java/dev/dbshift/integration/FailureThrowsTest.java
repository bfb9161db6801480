package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.execute.Report;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 9 item 11: a migration that fails makes the API throw (the README's start-up example must not start
 * the application on a half-migrated database), with the run's report reachable from the exception.
 */
class FailureThrowsTest {
    private final List<TestDatabase> databases = new ArrayList<>();
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        databases.forEach(TestDatabase::close);
    }

    private DbShift dbshift(TestDatabase db) {
        return project.configure(db).load();
    }

    /** The failure {@code call} threw: a DbShiftException with exit code 1 that carries the failed run's report. */
    private static Report failed(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).as("a failed migration must throw").isInstanceOf(DbShiftException.class);
        assertThat(((DbShiftException) t).exitCode()).isEqualTo(DbShiftException.FAILED);
        assertThat(t).isInstanceOf(MigrationFailedException.class);
        Report r = ((MigrationFailedException) t).report();
        assertThat(r.success()).isFalse();
        assertThat(t.getMessage()).isEqualTo(r.error());
        return r;
    }

    @Test
    void upDownRebuildAndResetThrowWithTheReport() {
        TestDatabase db = TestDatabase.create(Vendor.POSTGRES);
        databases.add(db);
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT PRIMARY KEY);\n")
                .file("migrations/1__ok.down.sql", "DROP TABLE no_such_table;\n")
                .file("migrations/2__bad.sql", "CREATE TABLE half (id INT);\nINSERT INTO no_such_table VALUES (1);\n");

        Report up = failed(() -> dbshift(db).up());
        assertThat(up.results()).hasSize(2);
        assertThat(up.results().get(0).success()).isTrue();
        assertThat(up.error()).contains("migrations/2__bad.sql:2");
        assertThat(dbshift(db).current()).contains("1");

        Report down = failed(() -> dbshift(db).down());
        assertThat(down.error()).contains("1__ok.down.sql");

        Report rebuild = failed(() -> dbshift(db).rebuild("1"));
        assertThat(rebuild.results()).isNotEmpty();

        Report reset = failed(() -> dbshift(db).reset());
        assertThat(reset.error()).contains("migrations/2__bad.sql:2");
    }
}
