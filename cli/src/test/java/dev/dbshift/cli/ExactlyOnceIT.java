package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, items 1, 5, 6 and 10 through the packaged CLI against the real servers: scripts with their
 * own transactions, MariaDB LOCK TABLES dumps, rollback-run on MariaDB, and the repair of a statement
 * an interrupted run left in doubt. (Random kills and connection cuts: {@link FaultIT}.)
 */
class ExactlyOnceIT {
    private final TestProject project = TestProject.create();

    private DbShiftProcess.Result run(TestDatabase db, String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    // ------------------------------------------------------------------ item 6

    @Test
    void aSqitchStyleDeployScriptRunsWithItsOwnTransactionAndRecordedProgress() throws Exception {
        project.file("migrations/1__deploy.sql", "-- Deploy app:users to pg\n\nBEGIN;\n\nCREATE TABLE users (id int PRIMARY KEY);\n"
                + "INSERT INTO users VALUES (1);\n\nCOMMIT;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            DbShiftProcess.Result dry = run(db, "up", "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("[no-transaction]").doesNotContain("[transaction]");

            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM users")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_history WHERE version = '1' AND success")).isEqualTo(1);
        }
    }

    @Test
    void aFailureAfterTheScriptsCommitIsRecordedAndResumedAfterIt() throws Exception {
        project.file("migrations/1__deploy.sql", "BEGIN;\nCREATE TABLE orders (id int);\nINSERT INTO orders VALUES (1);\nCOMMIT;\n"
                + "INSERT INTO no_such_table VALUES (1);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.out() + up.err()).contains("no_such_table");
            // the committed part stays, and the history says so
            assertThat(count(db, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
            assertThat(count(db, "SELECT statements_done FROM dbshift_history WHERE version = '1' AND NOT success")).isEqualTo(4);
            DbShiftProcess.Result errors = run(db, "errors");
            assertThat(errors.out()).contains("no_such_table");

            project.file("migrations/1__deploy.sql", "BEGIN;\nCREATE TABLE orders (id int);\nINSERT INTO orders VALUES (1);\nCOMMIT;\n"
                    + "INSERT INTO orders VALUES (2);\n");
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("resumed after the 4 statement(s)");
            assertThat(count(db, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
        }
    }

    @Test
    void aFailureInsideTheScriptsTransactionRollsItAllBack() throws Exception {
        project.file("migrations/1__deploy.sql", "CREATE TABLE before_tx (id int);\nBEGIN;\nCREATE TABLE inside (id int);\n"
                + "INSERT INTO no_such_table VALUES (1);\nCOMMIT;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.out() + up.err()).contains("rolled back");
            assertThat(count(db, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'inside'"))
                    .isZero();
            assertThat(count(db, "SELECT statements_done FROM dbshift_history WHERE version = '1' AND NOT success")).isEqualTo(1);

            project.file("migrations/1__deploy.sql", "CREATE TABLE before_tx (id int);\nBEGIN;\nCREATE TABLE inside (id int);\n"
                    + "INSERT INTO inside VALUES (1);\nCOMMIT;\n");
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM inside")).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ item 1: repair

    @Test
    void repairOfAStatementNobodyLeftInDoubtIsRefused() {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id int);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            assertThat(run(db, "up").exit()).isZero();
            DbShiftProcess.Result r = run(db, "repair", "--statement-done", "1");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("no interrupted run left a statement of 1 undecided");
        }
    }

    static int count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static JsonNode json(DbShiftProcess.Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }
}
