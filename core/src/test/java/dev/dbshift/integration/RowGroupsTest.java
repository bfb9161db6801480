package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
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
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row changes of a statement-by-statement script commit in groups with their mark (MariaDB, H2): a failure rolls the
 * open group back, the history records the statements before the group, and the resumed script runs the rest, each row
 * once.
 */
class RowGroupsTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    private DbShift dbshift() {
        return project.configure(db).load();
    }

    private static String script(int rows, int failAt) {
        StringBuilder sql = new StringBuilder("CREATE TABLE items (id INT, name VARCHAR(40));\n");
        for (int i = 1; i <= rows; i++) {
            sql.append(i == failAt ? "INSERT INTO missing_table VALUES (1);\n" : "INSERT INTO items VALUES (" + i + ", 'item');\n");
        }
        return sql.toString();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aFailureInAGroupRollsItBackAndTheResumeRunsEachRowOnce(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__items.sql", script(2500, 2400));
        Report failed = FailedRun.report(() -> dbshift().up());
        HistoryRow row = dbshift().history().get(dbshift().history().size() - 1);
        int done = row.statementsDone();
        assertThat(done).as("the CREATE TABLE and whole groups of rows").isBetween(1, 2399);
        assertThat(failed.error()).contains("1__items.sql:2401", "missing_table");
        if (done < 2400) {
            assertThat(failed.error()).contains("statements " + (done + 1) + " to 2400 ran in one transaction with it, and were rolled back with it");
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(Queries.strings(st, "SELECT COUNT(*) FROM items")).containsExactly(String.valueOf(done - 1));
        }

        project.file("migrations/1__items.sql", script(2500, -1));
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(Queries.strings(st, "SELECT COUNT(*) FROM items")).isEqualTo(List.of("2500"));
            assertThat(Queries.strings(st, "SELECT COUNT(DISTINCT id) FROM items")).as("each row once").isEqualTo(List.of("2500"));
        }
    }
}
