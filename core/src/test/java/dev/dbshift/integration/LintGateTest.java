package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.CheckReport;
import dev.dbshift.lint.LintReport;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code check}, {@code lint --pending} and {@code up} on a critical environment meeting an error-level finding of a
 * pending migration. The finding used is the linter's own (a suppression without a reason), so the test depends on
 * no rule set.
 */
class LintGateTest {
    private final TestDatabase db = TestDatabase.create(Vendor.H2);
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        db.close();
    }

    private DbShift dbshift(String environment) {
        return project.configure(db).environment(environment).load();
    }

    private void files() {
        // the common rule no-down-script is off: these migrations have no down script, and the findings under test are
        // the linter's own (a suppression naming no rule)
        project.file("dbshift.toml", "critical_environments = [\"prod\"]\n[environments.prod]\n[environments.dev]\n"
                        + "[lint]\nno-down-script = \"off\"\n")
                .file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/2__b.sql", "-- dbshift:lint-ignore lint-ignore\nCREATE TABLE b (id INT);\n");
    }

    @Test
    void checkReportsTheErrorFindingsOfPendingMigrationsOnly() {
        files();
        project.file("migrations/1__a.sql", "-- dbshift:lint-ignore\nCREATE TABLE a (id INT);\n");
        dbshift("dev").up("1");
        CheckReport r = dbshift("dev").check(false);
        assertThat(r.problems()).extracting(p -> p.code(), p -> p.version())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lint", "2"));
        assertThat(r.problems().get(0).message()).startsWith("migrations/2__b.sql:1:4: ERROR lint-ignore: ");
        assertThat(r.exitCode()).isEqualTo(DbShiftException.VALIDATION);
    }

    @Test
    void lintPendingLintsWhatTheNextUpApplies() {
        files();
        project.file("migrations/1__a.sql", "-- dbshift:lint-ignore\nCREATE TABLE a (id INT);\n");
        dbshift("dev").up("1");
        LintReport pending = dbshift("dev").lint(List.of(), true, false);
        assertThat(pending.connected()).isTrue();
        assertThat(pending.version()).isPresent();
        assertThat(pending.findings()).extracting(f -> f.file()).containsExactly("migrations/2__b.sql");
        LintReport all = dbshift("dev").lint(List.of(), false, false);
        assertThat(all.connected()).isFalse();
        assertThat(all.findings()).extracting(f -> f.file()).containsExactly("migrations/1__a.sql", "migrations/2__b.sql");
    }

    @Test
    void upOnACriticalEnvironmentRefusesAnUnsuppressedErrorAndRunsNothing() {
        files();
        Throwable t = catchThrowable(() -> dbshift("prod").up());
        assertThat(t).isInstanceOf(DbShiftException.class).hasMessageContaining("critical environment 'prod'")
                .hasMessageContaining("migrations/2__b.sql:1:4: ERROR lint-ignore");
        assertThat(((DbShiftException) t).exitCode()).isEqualTo(DbShiftException.VALIDATION);
        assertThat(dbshift("prod").current()).isEmpty();

        dbshift("dev").up();
        assertThat(dbshift("dev").current()).contains("2");
    }

    @Test
    void upOnACriticalEnvironmentRunsWhatHasNoErrorFinding() {
        files();
        project.file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n");
        dbshift("prod").up();
        assertThat(dbshift("prod").current()).contains("2");
    }
}
