package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.DryRun;
import dev.dbshift.command.StatusReport;
import dev.dbshift.config.OnFailure;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.db.Locker;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.ValidationException;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every database must show, run against real H2, SQLite, PostgreSQL and MariaDB
 * through the public facade: the conformance kit of issue 2.
 */
class MigrationConformanceTest {
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    private void start(Vendor vendor) {
        db = TestDatabase.create(vendor);
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private DbShift dbshift() {
        return project.configure(db).load();
    }

    private void threeMigrations() {
        project.file("migrations/1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(50));\nINSERT INTO a VALUES (1, 'one');\n")
                .file("migrations/1__create_a.down.sql", "DROP TABLE a;\n")
                .file("migrations/1.1__create_b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\n")
                .file("migrations/1.1__create_b.down.sql", "DROP TABLE b;\n")
                .file("migrations/1.10__create_c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\nCREATE INDEX ix_c ON c (id);\n")
                .file("migrations/1.10__create_c.down.sql", "DROP TABLE c;\n");
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void upDownAndTargets(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        Report up = dbshift().up();
        assertThat(up.success()).isTrue();
        assertThat(up.results()).extracting(r -> r.step().migration().version().toString()).containsExactly("1", "1.1", "1.10");
        assertThat(dbshift().current()).contains("1.10");
        assertThat(tableExists("c")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(1);

        StatusReport status = dbshift().status();
        assertThat(status.migrations()).extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.APPLIED);
        assertThat(status.pending()).isZero();

        assertThat(dbshift().down().success()).isTrue();
        assertThat(dbshift().current()).contains("1.1");
        assertThat(tableExists("c")).isFalse();

        assertThat(dbshift().up("+1").results()).hasSize(1);
        assertThat(dbshift().current()).contains("1.10");

        assertThat(dbshift().down("1").results()).hasSize(2);
        assertThat(dbshift().current()).contains("1");
        assertThat(dbshift().down("base").success()).isTrue();
        assertThat(dbshift().current()).isEmpty();
        assertThat(tableExists("a")).isFalse();

        assertThat(dbshift().up("1.1").results()).hasSize(2);
        assertThat(dbshift().current()).contains("1.1");
        assertThat(dbshift().status().migrations()).extracting(MigrationStatus::state)
                .containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.APPLIED, MigrationStatus.State.ROLLED_BACK);

        List<HistoryRow> history = dbshift().history();
        assertThat(history).extracting(HistoryRow::operation).containsExactly(
                Operation.APPLY, Operation.APPLY, Operation.APPLY, Operation.ROLLBACK, Operation.APPLY,
                Operation.ROLLBACK, Operation.ROLLBACK, Operation.ROLLBACK, Operation.APPLY, Operation.APPLY);
        assertThat(history).allMatch(HistoryRow::success);
        assertThat(history.get(0).checksum()).startsWith("s1:");
        assertThat(history.get(0).installedBy()).isNotBlank();
        assertThat(count("SELECT COUNT(*) FROM dbshift_runs WHERE success = " + trueLiteral() + " AND finished_at IS NOT NULL")).isEqualTo(6);
    }

    private String trueLiteral() {
        return db.vendor() == Vendor.SQLITE || db.vendor() == Vendor.MARIADB ? "1" : "TRUE";
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void noOpUpIsEmptyAndUpBeyondHeadIsRefused(Vendor vendor) {
        start(vendor);
        threeMigrations();
        dbshift().up();
        assertThat(dbshift().up().results()).isEmpty();
        assertThatThrownBy(() -> dbshift().up("9.9")).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("unknown version 9.9").hasMessageContaining("1.10")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThatThrownBy(() -> dbshift().down("-7")).hasMessageContaining("only 3 migrations are applied");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void failureIsRecordedWithFileLineAndTrace(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT PRIMARY KEY);\n")
                .file("migrations/2__bad.sql", "CREATE TABLE half (id INT PRIMARY KEY);\n\nINSERT INTO no_such_table VALUES (1);\n");
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.success()).isFalse();
        assertThat(r.error()).contains("migrations/2__bad.sql:3:");
        assertThat(dbshift().current()).contains("1");
        HistoryRow failed = dbshift().history().get(1);
        assertThat(failed.success()).isFalse();
        assertThat(failed.version()).isEqualTo("2");
        assertThat(failed.errorMessage()).contains("migrations/2__bad.sql:3:");
        assertThat(failed.errorTrace()).contains("StatementFailure").contains("Caused by: ").contains("\tat ");
        MigrationStatus s2 = dbshift().status().migrations().get(1);
        // the schema as the failure left it: "recorded after 2" read as though 2 were applied
        assertThat(dbshift().status().schemaState().recordedAfter()).isEqualTo("the failed attempt at 2 (history row " + failed.id() + ")");
        boolean transactionalDdl = Databases.forUrl(db.url()).supportsTransactionalDdl();
        if (!transactionalDdl) {
            // DDL committed (MariaDB, H2): the history says one statement of 2 ran
            assertThat(tableExists("half")).isTrue();
            assertThat(failed.statementsDone()).isEqualTo(1);
            assertThat(s2.state()).isEqualTo(MigrationStatus.State.PARTIAL);
        } else {
            // the migration and its history row were one transaction
            assertThat(tableExists("half")).isFalse();
            assertThat(s2.state()).isEqualTo(MigrationStatus.State.FAILED);
        }
        // fix the script and go on: on MariaDB it resumes at the failed statement
        project.file("migrations/2__bad.sql", "CREATE TABLE half (id INT PRIMARY KEY);\n\nINSERT INTO half VALUES (1);\n");
        Report again = dbshift().up();
        assertThat(again.success()).as(again.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM half")).isEqualTo(1);
        HistoryRow last = dbshift().history().get(2);
        assertThat(last.operation()).isEqualTo(transactionalDdl ? Operation.APPLY : Operation.APPLY_PARTIAL);
        assertThat(dbshift().status().migrations()).extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.APPLIED);
    }

    /**
     * SQLite rolls a transaction back itself on some errors (a trigger's {@code RAISE(ROLLBACK, ...)}, a full disk); its
     * JDBC driver then refused the rollback, and the return to autocommit with "cannot commit - no transaction is
     * active", which replaced the migration's own error, and left the run unfinished. In dbshift's transaction and in a
     * script's own, the migration fails with its own error, recorded, its run ended, and the next {@code up} goes on; the
     * script's own transaction leaves what the sqlite3 shell leaves (tables {@code t2} and {@code u}, {@code u} empty).
     */
    @org.junit.jupiter.api.Test
    void aTransactionSqliteRolledBackItselfFailsTheMigrationWithItsOwnError() throws Exception {
        start(Vendor.SQLITE);
        String trigger = "CREATE TRIGGER %s BEFORE INSERT ON %s BEGIN SELECT RAISE(ROLLBACK, 'refused by trigger'); END;\n";
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/2__t.sql", "CREATE TABLE t (x INT);\n" + trigger.formatted("tr", "t") + "INSERT INTO t VALUES (1);\n");
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.error()).contains("migrations/2__t.sql:3:").contains("refused by trigger").doesNotContain("no transaction");
        assertThat(tableExists("t")).isFalse();
        assertThat(dbshift().history().get(1).errorMessage()).contains("refused by trigger");
        assertThat(count("SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).isZero();

        project.file("migrations/2__t.sql", "CREATE TABLE t (x INT);\n")
                .file("migrations/3__own.sql", "CREATE TABLE t2 (x INT);\nCREATE TABLE u (x INT);\n" + trigger.formatted("tr2", "t2")
                        + "BEGIN;\nINSERT INTO u VALUES (1);\nINSERT INTO t2 VALUES (1);\nCOMMIT;\n");
        Report own = FailedRun.report(() -> dbshift().up());
        assertThat(own.error()).contains("migrations/3__own.sql:6:").contains("refused by trigger").doesNotContain("no transaction");
        assertThat(tableExists("t")).isTrue();
        assertThat(tableExists("t2")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM u")).isZero();
        assertThat(count("SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).isZero();
    }

    /**
     * MariaDB: a row written to a table that keeps its rows through a rollback (MyISAM) is written once. In a group with
     * its progress mark it stayed when a later statement of the group failed and the group rolled back, while the
     * history said it was undone, and the next {@code up} wrote it again (two rows for one INSERT, from the CLI); made in
     * the step, or already in the schema when the run began.
     */
    @org.junit.jupiter.api.Test
    void mariadbRowsOfATableThatKeepsThemThroughARollbackAreWrittenOnce() throws Exception {
        start(Vendor.MARIADB);
        String first = "CREATE TABLE log (id INT) ENGINE=MyISAM;\nCREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO log VALUES (1);\n"
                + "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (%d);\n";
        project.file("migrations/1__m.sql", first.formatted(1));
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.error()).contains("migrations/1__m.sql:5:").contains("4 statement(s) before it ran and stay applied")
                .doesNotContain("rolled back with it");
        project.file("migrations/1__m.sql", first.formatted(2));
        Report fixed = dbshift().up();
        assertThat(fixed.success()).as(fixed.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);

        String second = "CREATE TABLE u (id INT PRIMARY KEY);\nINSERT INTO log VALUES (2);\nINSERT INTO u VALUES (1);\n"
                + "INSERT INTO u VALUES (%d);\n";
        project.file("migrations/2__n.sql", second.formatted(1));
        FailedRun.report(() -> dbshift().up());
        project.file("migrations/2__n.sql", second.formatted(2));
        Report again = dbshift().up();
        assertThat(again.success()).as(again.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM u")).isEqualTo(2);
    }

    /**
     * MariaDB: a transaction whose rollback could not undo everything (the server's warning 1196: it wrote into a MyISAM
     * table, in a script's own {@code BEGIN ... COMMIT}, or in a group of row changes whose trigger writes into another
     * database's MyISAM table, which neither the schema's engines nor the statements show) is not run again by the next
     * {@code up}: its failure said the
     * statements "were undone" and the next {@code up} wrote the MyISAM row a second time (from the CLI). Now the next
     * {@code up} stops (exit 3) until {@code repair --statement-not-done} says the rows were removed.
     */
    @org.junit.jupiter.api.Test
    void mariadbATransactionWhoseRollbackKeptRowsIsNotRunAgainUntilRepaired() throws Exception {
        start(Vendor.MARIADB);
        String other = db.name() + "_keeps";
        project.file("migrations/1__a.sql", "CREATE TABLE log (id INT) ENGINE=MyISAM;\nCREATE TABLE t (id INT PRIMARY KEY);\n");
        String own = "CREATE TABLE u (id INT PRIMARY KEY);\nBEGIN;\nINSERT INTO log VALUES (1);\nINSERT INTO t VALUES (1);\n"
                + "INSERT INTO t VALUES (%d);\nCOMMIT;\n";
        project.file("migrations/2__own.sql", own.formatted(1));
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.error()).contains("migrations/2__own.sql:5:").contains("statements 2 to 5 were rolled back, but not all of them")
                .contains("'dbshift repair --statement-not-done 2'").doesNotContain("were undone").doesNotContain("to resume");
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        project.file("migrations/2__own.sql", own.formatted(2));
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("rollback could not undo all it wrote")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("version 2 (own)") && w.contains("keeps its rows"));
        assertThatThrownBy(() -> dbshift().historyCommands().repairStatement("2", true))
                .hasMessageContaining("they are not done");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM log");
        }
        assertThat(dbshift().historyCommands().repairStatement("2", false)).contains("resumes after the 1 statement(s) that ran");
        Report fixed = dbshift().up();
        assertThat(fixed.success()).as(fixed.error()).isTrue();
        assertThat(fixed.results().get(0).statements()).as("CREATE TABLE u is not run again").isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);

        // with --on-failure rollback-run the down script reverts the migration after it: the next up does not stop
        project.file("migrations/2.5__undone.sql", "CREATE TABLE y (id INT PRIMARY KEY);\nBEGIN;\nINSERT INTO log VALUES (25);\n"
                + "INSERT INTO y VALUES (1);\nINSERT INTO y VALUES (1);\nCOMMIT;\n")
                .file("migrations/2.5__undone.down.sql", "DROP TABLE IF EXISTS y;\nDELETE FROM log WHERE id = 25;\n");
        Report reverted = FailedRun.report(() -> project.configure(db).onFailure(OnFailure.ROLLBACK_RUN).load().up());
        assertThat(reverted.error()).contains("what that down script left of them").contains("does not stop there");
        assertThat(count("SELECT COUNT(*) FROM log WHERE id = 25")).isZero();
        project.file("migrations/2.5__undone.sql", "CREATE TABLE y (id INT PRIMARY KEY);\nBEGIN;\nINSERT INTO log VALUES (25);\n"
                + "INSERT INTO y VALUES (1);\nINSERT INTO y VALUES (2);\nCOMMIT;\n");
        Report again = dbshift().up();
        assertThat(again.success()).as(again.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM log WHERE id = 25")).isEqualTo(1);

        // one statement alone that fails after writing part of its rows into a MyISAM table
        String alone = "CREATE TABLE w (id INT PRIMARY KEY) ENGINE=MyISAM;\nINSERT INTO w VALUES (1), (2), (%d);\n";
        project.file("migrations/3__alone.sql", alone.formatted(1));
        Report a = FailedRun.report(() -> dbshift().up());
        assertThat(a.error()).contains("migrations/3__alone.sql:2:").contains("statement 2 was rolled back, but not all of it");
        project.file("migrations/3__alone.sql", alone.formatted(3));
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class);
        assertThat(count("SELECT COUNT(*) FROM w")).isEqualTo(2);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM w");
        }
        dbshift().historyCommands().repairStatement("3", false);
        assertThat(dbshift().up().success()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM w")).isEqualTo(3);

        project.file("migrations/4__drop.sql", "DROP TABLE log;\nDROP TABLE w;\n"); // nothing in the schema keeps rows now
        assertThat(dbshift().up().success()).isTrue();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + other);
            st.execute("CREATE TABLE " + other + ".log (id INT) ENGINE=MyISAM");
        }
        try {
            String grouped = "CREATE TABLE v (id INT PRIMARY KEY);\nINSERT INTO " + other + ".log VALUES (1);\n"
                    + "INSERT INTO v VALUES (1);\nINSERT INTO v VALUES (%d);\n";
            project.file("migrations/5__grouped.sql", grouped.formatted(1));
            Report g = FailedRun.report(() -> dbshift().up());
            // a row change that names another database whose tables keep rows runs alone with its mark: it stays applied
            assertThat(g.error()).contains("migrations/5__grouped.sql:4:").contains("3 statement(s) before it ran and stay applied");
            project.file("migrations/5__grouped.sql", grouped.formatted(2));
            assertThat(dbshift().up().success()).isTrue();
            assertThat(count("SELECT COUNT(*) FROM " + other + ".log")).isEqualTo(1);

            // a trigger made by the script writes there: the row changes after it run alone, each with its mark
            String trigger = "CREATE TABLE v2 (id INT PRIMARY KEY);\nCREATE TRIGGER v2_log AFTER INSERT ON v2 FOR EACH ROW"
                    + " INSERT INTO " + other + ".log VALUES (NEW.id + 10);\nINSERT INTO v2 VALUES (1);\nINSERT INTO v2 VALUES (2);\n"
                    + "INSERT INTO v2 VALUES (%d);\n";
            project.file("migrations/6__trigger.sql", trigger.formatted(1));
            Report t = FailedRun.report(() -> dbshift().up());
            assertThat(t.error()).contains("migrations/6__trigger.sql:5:").contains("4 statement(s) before it ran and stay applied");
            project.file("migrations/6__trigger.sql", trigger.formatted(3));
            assertThat(dbshift().up().success()).isTrue();
            assertThat(count("SELECT COUNT(*) FROM " + other + ".log WHERE id > 10")).isEqualTo(3);

            // a function of that database, called where no name is read (a row's value past the first 256 tokens), writes
            // there: the row changes share their mark's transaction, and the server's warning says the group's rollback
            // left rows
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER v2_log"); // its schema's code names that database no more
                st.execute("CREATE FUNCTION " + other + ".logged(i INT) RETURNS INT MODIFIES SQL DATA"
                        + " BEGIN INSERT INTO " + other + ".log VALUES (i + 100); RETURN i; END");
            }
            java.util.function.IntFunction<String> rows = from -> java.util.stream.IntStream.range(from, from + 100)
                    .mapToObj(i -> "(" + i + "), ").collect(java.util.stream.Collectors.joining());
            String called = "CREATE TABLE v3 (id INT PRIMARY KEY);\nINSERT INTO v3 VALUES " + rows.apply(1000) + "(" + other
                    + ".logged(1));\nINSERT INTO v3 VALUES " + rows.apply(2000) + "(" + other + ".logged(2));\n"
                    + "INSERT INTO v3 VALUES (%d);\n";
            project.file("migrations/7__called.sql", called.formatted(1));
            Report f = FailedRun.report(() -> dbshift().up());
            assertThat(f.error()).contains("migrations/7__called.sql:4:").contains("statements 2 to 4 were rolled back, but not all");
            project.file("migrations/7__called.sql", called.formatted(3));
            assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class);
            assertThat(count("SELECT COUNT(*) FROM " + other + ".log WHERE id > 100")).isEqualTo(2);
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + other);
            }
        }
    }

    /**
     * MariaDB: a dump made by mariadb-dump 10.11.8 or later, which starts with {@code /*M!999999\- enable the sandbox
     * mode *}{@code /} before its first {@code SET}, resumed after a failure: the {@code SET}s it had run are made again
     * in the new session, the first one too. Read as code, the sandbox comment's words hid that {@code SET}
     * ({@code @OLD_CHARACTER_SET_CLIENT}), and the resumed dump failed at its last lines with "Variable
     * 'character_set_client' can't be set to the value of 'NULL'" (from the CLI, a real dump).
     */
    @org.junit.jupiter.api.Test
    void mariadbDumpWithTheSandboxLineResumesWithItsFirstSetMadeAgain() throws Exception {
        start(Vendor.MARIADB);
        String dump = "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.14-MariaDB\n"
                + "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n"
                + "CREATE TABLE m (id INT PRIMARY KEY);\nINSERT INTO m VALUES (1);\nINSERT INTO m VALUES (%d);\n"
                + "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n";
        project.file("migrations/1__dump.sql", dump.formatted(1));
        FailedRun.report(() -> dbshift().up());
        project.file("migrations/1__dump.sql", dump.formatted(2));
        Report resumed = dbshift().up();
        assertThat(resumed.success()).as(resumed.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM m")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES", "H2"})
    void resumeRefusesWhenStatementsThatRanWereEdited(Vendor vendor) throws Exception {
        start(vendor);
        String header = vendor == Vendor.POSTGRES ? "-- dbshift:no-transaction\n" : "";
        project.file("migrations/1__three.sql", header + "CREATE TABLE x1 (id INT PRIMARY KEY);\nCREATE TABLE x2 (id INT PRIMARY KEY);\nINSERT INTO nope VALUES (1);\n");
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.success()).isFalse();
        assertThat(r.error()).contains("2 statement(s) before it ran and stay applied")
                .contains(vendor == Vendor.POSTGRES ? "the script runs outside a transaction (-- dbshift:no-transaction"
                        : "this database cannot roll DDL back");
        assertThat(dbshift().history().get(0).statementsDone()).isEqualTo(2);
        // edit a statement that already ran: refused, nothing runs
        project.file("migrations/1__three.sql", header + "CREATE TABLE x1 (id BIGINT PRIMARY KEY);\nCREATE TABLE x2 (id INT PRIMARY KEY);\nINSERT INTO x1 VALUES (1);\n");
        Report refused = FailedRun.report(() -> dbshift().up());
        assertThat(refused.success()).isFalse();
        assertThat(refused.error()).contains("have been edited since");
        assertThat(count("SELECT COUNT(*) FROM x1")).isZero();
        // restore them, fix the third: resumes
        project.file("migrations/1__three.sql", header + "CREATE TABLE x1 (id INT PRIMARY KEY);\nCREATE TABLE x2 (id INT PRIMARY KEY);\nINSERT INTO x1 VALUES (1);\n");
        Report ok = dbshift().up();
        assertThat(ok.success()).as(ok.error()).isTrue();
        assertThat(ok.results().get(0).statements()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM x1")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void editedAppliedScriptStopsUpWithExitCode3(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        dbshift().up("1.1");
        project.file("migrations/1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(60));\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("migrations/1__create_a.sql was edited after it was applied")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(tableExists("c")).isFalse();
        assertThat(dbshift().status().migrations().get(0).state()).isEqualTo(MigrationStatus.State.CHECKSUM_CHANGED);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void lineEndingsAndBomDoNotChangeTheChecksum(Vendor vendor) {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1);\n");
        dbshift().up();
        project.file("migrations/1__a.sql", "\uFEFFCREATE TABLE a (id INT PRIMARY KEY);\r\nINSERT INTO a VALUES (1);\r\n");
        assertThat(dbshift().up().success()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void duplicateAndOutOfOrderVersionsAreRefused(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n").file("migrations/3__c.sql", "CREATE TABLE c (id INT);\n");
        dbshift().up();
        project.file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n").file("migrations/V2.0__b_again.sql", "CREATE TABLE b2 (id INT);\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("version 2 is defined more than once")
                .hasMessageContaining("migrations/2__b.sql").hasMessageContaining("migrations/V2.0__b_again.sql")
                .hasMessageContaining("lower than the applied version 3");
        project.delete("migrations/V2.0__b_again.sql");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("--out-of-order");
        assertThat(tableExists("b")).isFalse();
        assertThat(project.configure(db).outOfOrder(true).load().up().results()).hasSize(1);
        assertThat(tableExists("b")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rollbackRunRevertsWhatTheRunApplied(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        project.file("migrations/1.10__create_c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\nINSERT INTO missing VALUES (1);\n");
        Report r = FailedRun.report(() -> project.configure(db).onFailure(OnFailure.ROLLBACK_RUN).load().up());
        assertThat(r.success()).isFalse();
        // without transactional DDL, the failed migration's CREATE TABLE c stayed: its down script reverts it too (issue 9 item 10)
        boolean partly = vendor == Vendor.H2 || vendor == Vendor.MARIADB;
        assertThat(r.rolledBack()).extracting(s -> s.step().migration().version().toString())
                .containsExactlyElementsOf(partly ? List.of("1.10", "1.1", "1") : List.of("1.1", "1"));
        assertThat(r.rolledBack()).allMatch(s -> s.success());
        assertThat(dbshift().current()).isEmpty();
        assertThat(tableExists("a")).isFalse();
        assertThat(tableExists("c")).isFalse();
        List<Operation> expected = new java.util.ArrayList<>(List.of(Operation.APPLY, Operation.APPLY, Operation.APPLY,
                Operation.ROLLBACK, Operation.ROLLBACK));
        if (partly) {
            expected.add(Operation.ROLLBACK);
        }
        assertThat(dbshift().history()).extracting(HistoryRow::operation).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rollbackRunNeedsDownScriptsUpFront(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        project.delete("migrations/1.1__create_b.down.sql");
        assertThatThrownBy(() -> project.configure(db).onFailure(OnFailure.ROLLBACK_RUN).load().up())
                .isInstanceOf(ValidationException.class).hasMessageContaining("1.1 (create b) has no down script");
        assertThat(tableExists("a")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void downRefusesNamingTheMissingDownScript(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        project.delete("migrations/1.1__create_b.down.sql");
        dbshift().up();
        assertThatThrownBy(() -> dbshift().down("1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("1.1 (create b) has no down script (expected migrations/1.1__create_b.down.sql)");
        assertThat(tableExists("c")).isTrue();
        assertThat(dbshift().current()).contains("1.10");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void repeatableIsReappliedWhenItChanges(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1);\n")
                .file("migrations/R__v.sql", "CREATE VIEW v AS SELECT id FROM a;\n");
        assertThat(dbshift().up().results()).hasSize(2);
        assertThat(dbshift().up().results()).isEmpty();
        project.file("migrations/R__v.sql", "DROP VIEW v;\nCREATE VIEW v AS SELECT id, id * 2 AS twice FROM a;\n");
        assertThat(dbshift().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.OUTDATED);
        assertThat(dbshift().up().results()).hasSize(1);
        assertThat(count("SELECT twice FROM v")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void versionDirectoryRunsAllThenTheEnvironmentsScript(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__setup/all.sql", "CREATE TABLE s (name VARCHAR(20));\n")
                .file("migrations/1__setup/dev.sql", "INSERT INTO s VALUES ('dev');\n")
                .file("migrations/1__setup/prod.sql", "INSERT INTO s VALUES ('prod');\n");
        Report r = project.configure(db).environment("dev").load().up();
        assertThat(r.success()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM s WHERE name = 'dev'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM s")).isEqualTo(1);
        assertThat(dbshift().history().get(0).script()).isEqualTo("migrations/1__setup/all.sql+migrations/1__setup/dev.sql");
        assertThat(dbshift().history().get(0).environment()).isEqualTo("dev");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void dryRunShowsStatementsAndChangesNothing(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        DryRun d = dbshift().planUp(null);
        assertThat(d.steps()).hasSize(3);
        assertThat(d.steps().get(0).scripts().get(0).statements()).hasSize(2);
        assertThat(d.steps().get(0).scripts().get(0).statements().get(0).sql()).startsWith("CREATE TABLE a");
        assertThat(d.steps().get(0).mode()).isEqualTo(Databases.forUrl(db.url()).supportsTransactionalDdl() ? "transaction" : "autocommit");
        assertThat(tableExists("a")).isFalse();
        assertThat(tableExists("dbshift_history")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aHeldLockMakesUpWaitThenFailWithExitCode4(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        dbshift().init();
        Database database = Databases.forUrl(db.url());
        try (Connection holder = db.connect()) {
            String schema = database.currentSchema(holder);
            Locker lock = database.locker(holder, db::connect, "dbshift:" + schema + ".dbshift_history", Duration.ofSeconds(30));
            assertThat(lock.lock(Duration.ofSeconds(5))).isTrue();
            try {
                assertThatThrownBy(() -> project.configure(db).lockTimeout(Duration.ofMillis(700)).load().up())
                        .isInstanceOf(DbShiftException.class).hasMessageContaining("holds the migration lock")
                        .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.LOCKED);
                assertThat(tableExists("a")).isFalse();
            } finally {
                lock.unlock();
            }
        }
        assertThat(dbshift().up().success()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void historyTablesCanBeRenamedAndLiveInTheConfiguredSchema(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n");
        assertThat(project.configure(db).set("history_table", "schema_log").load().up().success()).isTrue();
        assertThat(tableExists("schema_log")).isTrue();
        assertThat(tableExists("dbshift_history")).isFalse();
    }

    /** A Java migration that seeds a row and can take it back. */
    static final class SeedJava implements dev.dbshift.migration.JavaMigration {
        @Override
        public String version() {
            return "2";
        }

        @Override
        public String description() {
            return "seed from java";
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO a VALUES (7, 'java')");
            }
        }

        @Override
        public boolean reversible() {
            return true;
        }

        @Override
        public void down(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("DELETE FROM a WHERE id = 7");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void javaMigrationsRunInVersionOrderWithSqlOnes(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(20));\n")
                .file("migrations/3__b.sql", "CREATE TABLE b (id INT);\n").file("migrations/3__b.down.sql", "DROP TABLE b;\n");
        DbShift withJava = project.configure(db).javaMigrations(new SeedJava()).load();
        Report r = withJava.up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(r.results()).extracting(x -> x.step().migration().label()).containsExactly("1 (a)", "2 (seed from java)", "3 (b)");
        assertThat(count("SELECT COUNT(*) FROM a WHERE name = 'java'")).isEqualTo(1);
        HistoryRow java = withJava.history().get(1);
        assertThat(java.kind()).isEqualTo("java");
        assertThat(java.script()).isEqualTo(SeedJava.class.getName());
        assertThat(withJava.down("1").success()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void aScriptThatSwitchesSchemaDoesNotMoveTheHistory(Vendor vendor) throws Exception {
        start(vendor);
        String other = db.name() + "_other";
        String switchTo = vendor == Vendor.POSTGRES
                ? "CREATE SCHEMA " + other + ";\nSET search_path TO " + other + ";\n"
                : "CREATE DATABASE " + other + ";\nUSE " + other + ";\n";
        project.file("migrations/1__switch.sql", switchTo + "CREATE TABLE moved (id INT);\n")
                .file("migrations/2__after.sql", "CREATE TABLE after_switch (id INT);\n");
        try {
            Report r = dbshift().up();
            assertThat(r.success()).as(r.error()).isTrue();
            assertThat(dbshift().history()).hasSize(2);
            assertThat(count("SELECT COUNT(*) FROM " + other + ".moved")).isZero();
            assertThat(tableExists(other + ".dbshift_history")).isFalse();
            assertThat(dbshift().up().results()).isEmpty();
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute(vendor == Vendor.POSTGRES ? "DROP SCHEMA " + other + " CASCADE" : "DROP DATABASE " + other);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theHistoryRecordsTheSchemaChecksumAndStatusReportsDrift(Vendor vendor) throws Exception {
        start(vendor);
        threeMigrations();
        dbshift().up();
        List<HistoryRow> rows = dbshift().history();
        // by default the last step of the run records it
        assertThat(rows.get(0).schemaChecksum()).isNull();
        assertThat(rows.get(2).schemaChecksum()).startsWith("s9:");
        StatusReport clean = dbshift().status();
        assertThat(clean.schemaState().drift()).isFalse();
        assertThat(clean.schemaState().live()).isEqualTo(rows.get(2).schemaChecksum());
        assertThat(clean.warnings()).noneMatch(w -> w.contains("drift"));

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE behind_our_back (id INT)");
        }
        StatusReport drifted = dbshift().status();
        assertThat(drifted.schemaState().drift()).isTrue();
        assertThat(drifted.warnings()).anyMatch(w -> w.contains("schema drift") && w.contains("1.10"));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE behind_our_back");
        }
        assertThat(dbshift().status().schemaState().drift()).isFalse();

        // a down run records the schema after it, too; with schema_checksum = each every row does
        assertThat(project.configure(db).set("schema_checksum", "each").load().down("base").success()).isTrue();
        List<HistoryRow> after = dbshift().history();
        assertThat(after.subList(3, 6)).allMatch(r -> r.schemaChecksum() != null);
        assertThat(after.get(5).schemaChecksum()).isEqualTo(dbshift().schemaState().live());
        assertThat(after.get(5).schemaChecksum()).isNotEqualTo(rows.get(2).schemaChecksum());
        // and says so: the schema after a rollback row is the one before its migration, not after it
        String step = "the rollback of " + after.get(5).version() + " (history row " + after.get(5).id() + ")";
        assertThat(dbshift().status().schemaState().recordedAfter()).isEqualTo(step);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE behind_our_back (id INT)");
        }
        assertThat(dbshift().status().warnings()).anyMatch(w -> w.contains("is not the one recorded after " + step));
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void onlineDirectiveRoutesAlterTableThroughTheOnlineEngine(Vendor vendor) throws Exception {
        start(vendor);
        boolean pg = vendor == Vendor.POSTGRES;
        // each in its vendor's ALTER TABLE syntax; on PostgreSQL the type change rewrites the table, so the copy runs
        project.file("migrations/1__orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20));\n"
                        + "INSERT INTO orders VALUES (1, 'new');\nINSERT INTO orders VALUES (2, 'paid');\n")
                .file("migrations/2__flags.sql", "-- dbshift:online\n"
                        + (pg ? "ALTER TABLE orders ADD COLUMN flags INT NOT NULL DEFAULT 0, ALTER COLUMN id TYPE NUMERIC(20);\n"
                        : "ALTER TABLE orders ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_status (status);\n")
                        + "UPDATE orders SET flags = 1 WHERE id = 2;\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT SUM(flags) FROM orders")).isEqualTo(1);
        HistoryRow row = dbshift().history().get(1);
        assertThat(row.errorMessage()).as("a successful row has no error message").isNull();
        assertThat(r.results().get(1).notes()).singleElement().asString().startsWith("online: ").contains("orders");
        assertThat(row.statementsDone()).isEqualTo(2);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                     + (pg ? "current_schema()" : "DATABASE()")
                     + " AND table_name NOT IN ('orders') AND table_name NOT LIKE 'dbshift%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no shadow or old table left behind").isZero();
        }
    }

    /**
     * An online migration whose ALTER the database does in place (a nullable column added, a VARCHAR widened) runs it
     * natively, with the table's definition before and after recorded for a crash. On PostgreSQL the definition's query
     * concatenated {@code "char"} columns without a cast, which PostgreSQL refuses as ambiguous: every such migration failed.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void aNativeOnlineAlterInAMigrationRunsInPlaceWithItsDefinitionsRecorded(Vendor vendor) throws Exception {
        start(vendor);
        boolean pg = vendor == Vendor.POSTGRES;
        project.file("migrations/1__orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL,"
                        + " CHECK (status <> ''));\nINSERT INTO orders VALUES (1, 'new');\n")
                .file("migrations/2__note.sql", "-- dbshift:online\nALTER TABLE orders ADD COLUMN note VARCHAR(40), "
                        + (pg ? "ALTER COLUMN status TYPE VARCHAR(30)" : "MODIFY status VARCHAR(30) NOT NULL") + ";\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(r.results().get(1).notes()).singleElement().asString().startsWith("online: online instant ALTER of orders in ");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT phase, shape_before, shape_after FROM dbshift_online WHERE table_name = 'orders'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("DONE");
            assertThat(rs.getString(2)).as("the definition before").isNotNull().isNotEqualTo(rs.getString(3));
            assertThat(rs.getString(3)).as("the definition after").isNotNull();
        }
        assertThat(count("SELECT COUNT(*) FROM orders WHERE note IS NULL")).isEqualTo(1);
    }

    /**
     * A unique key added by an online migration: refused without the directive's {@code allow-unique} (the refusal said
     * "Pass --allow-unique", a flag {@code up} does not have, and words after the directive were ignored), then,
     * with it, checked for duplicates before anything is made.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void anOnlineMigrationAddsAUniqueKeyWithTheDirectivesAllowUnique(Vendor vendor) throws Exception {
        start(vendor);
        // with a change that makes the engine copy on MariaDB too (there an ADD UNIQUE alone is native: the server's check)
        String alter = "ALTER TABLE codes ADD CONSTRAINT codes_code_key UNIQUE (code)"
                + (vendor == Vendor.MARIADB ? ", MODIFY id BIGINT NOT NULL" : "") + ";\n";
        project.file("migrations/1__codes.sql", "CREATE TABLE codes (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL);\n"
                        + "INSERT INTO codes VALUES (1, 'a');\nINSERT INTO codes VALUES (2, 'b');\nINSERT INTO codes VALUES (3, 'a');\n")
                .file("migrations/2__unique.sql", "-- dbshift:online\n" + alter);
        Report refused = FailedRun.report(() -> dbshift().up());
        assertThat(refused.success()).isFalse();
        assertThat(refused.error()).contains("adds unique key").contains("Write '-- dbshift:online allow-unique'")
                .doesNotContain("--allow-unique");

        project.file("migrations/2__unique.sql", "-- dbshift:online allow-unique\n" + alter);
        Report duplicate = FailedRun.report(() -> dbshift().up());
        assertThat(duplicate.success()).isFalse();
        assertThat(duplicate.error()).contains("[a] occurs 2 times");

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM codes WHERE id = 3");
        }
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO codes VALUES (4, 'b')")).as("the key holds")
                    .isInstanceOf(SQLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void aServerErrorIsReportedAtTheScriptsLineNotTheStatementsOffset(Vendor vendor) throws Exception {
        start(vendor);
        project.file("migrations/1__t.sql", "-- a table\nCREATE TABLE t (\n  id INT,\n  bad_col INT NOT NOT NULL\n);\n");
        Report r = FailedRun.report(() -> dbshift().up());
        assertThat(r.success()).isFalse();
        assertThat(r.error()).contains("migrations/1__t.sql:4:");
    }

    /**
     * A script runs under the server's sql_mode, as the vendor's client runs it: MariaDB Connector/J asks for
     * IGNORE_SPACE at the handshake, which made a table named after a built-in function a syntax error here (the
     * {@code mariadb} client makes it) and left the mode in every routine a migration made. A URL that sets the
     * sql_mode itself keeps it.
     */
    @org.junit.jupiter.api.Test
    void mariaDbScriptsRunUnderTheServersSqlModeAsItsClientRunsThem() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/1__count.sql", "CREATE TABLE count (i INT);\n"
                + "CREATE PROCEDURE tally() SELECT COUNT(*) FROM count;\n"
                + "CREATE TABLE modes AS SELECT @@SESSION.sql_mode AS mode, @@GLOBAL.sql_mode AS server;\n");
        dbshift().up();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT m.mode, m.server, r.SQL_MODE FROM modes m, information_schema.ROUTINES r"
                     + " WHERE r.ROUTINE_SCHEMA = DATABASE() AND r.ROUTINE_NAME = 'tally'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the script's session").isEqualTo(rs.getString(2)).doesNotContain("IGNORE_SPACE");
            assertThat(rs.getString(3)).as("the routine's").isEqualTo(rs.getString(2));
        }
        TestDatabase own = db;
        dev.dbshift.testing.DatabaseUnderTest withMode = new dev.dbshift.testing.DatabaseUnderTest() {
            @Override
            public void close() {
            }

            public String url() {
                return own.url() + "?sessionVariables=sql_mode='IGNORE_SPACE,STRICT_TRANS_TABLES'";
            }

            public String user() {
                return own.user();
            }

            public String password() {
                return own.password();
            }
        };
        project.file("migrations/2__mode.sql", "CREATE TABLE modes2 AS SELECT @@SESSION.sql_mode AS mode;\n");
        project.configure(withMode).load().up();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT mode FROM modes2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the URL's own sql_mode").isEqualTo("IGNORE_SPACE,STRICT_TRANS_TABLES");
        }
    }

    /**
     * A migration's session settings do not carry into the next migration of the same run, so a migration runs the
     * same alone or in a batch. Before, on MariaDB {@code SET FOREIGN_KEY_CHECKS = 0} in migration 2 let migration 3
     * insert an orphan row (run alone, it failed; run from the CLI), a {@code USE} made the next migration's tables in
     * that database, and on PostgreSQL a {@code SET search_path} or
     * {@code SET ROLE} in one migration made the next create its table elsewhere or as another role. What a
     * beforeMigrate callback sets stays for every migration (Flyway's use of it).
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void aMigrationsSessionSettingsDoNotCarryIntoTheNextOne(Vendor vendor) throws Exception {
        start(vendor);
        boolean pg = vendor == Vendor.POSTGRES;
        project.file("migrations/1__t.sql", "CREATE TABLE parent (id INT PRIMARY KEY);\n"
                        + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id));\n"
                        + (pg ? "CREATE SCHEMA " : "CREATE DATABASE ") + "elsewhere_" + db.name() + ";\n")
                .file("migrations/2__quick.sql", pg
                        ? "SET session_replication_role = replica;\nSET search_path TO elsewhere_" + db.name() + ";\n"
                        : "SET FOREIGN_KEY_CHECKS = 0;\nSET NAMES latin1;\nUSE elsewhere_" + db.name() + ";\n")
                .file("migrations/3__data.sql", "CREATE TABLE made_after (id INT);\n")
                .file("migrations/4__orphan.sql", "INSERT INTO child VALUES (1, 999);\n");
        DbShift dbshift = dbshift();
        try {
            assertThatThrownBy(dbshift::up).as("the foreign key holds in migration 4, as it does run alone")
                    .hasMessageContaining("4 (orphan)");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM child")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(dbshift().schema().live().table("made_after")).as("made in the project's schema, not the one 2 set").isPresent();
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute(pg ? "DROP SCHEMA IF EXISTS elsewhere_" + db.name() + " CASCADE" : "DROP DATABASE IF EXISTS elsewhere_" + db.name());
            }
        }
    }

    /** A beforeMigrate callback's settings (Flyway's layout) are the ones every migration of the run starts from. */
    @org.junit.jupiter.api.Test
    void aBeforeMigrateCallbacksSettingsHoldForEveryMigration() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/beforeMigrate.sql", "SET FOREIGN_KEY_CHECKS = 0;\n")
                .file("migrations/V1__t.sql", "CREATE TABLE parent (id INT PRIMARY KEY);\n"
                        + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id));\n")
                .file("migrations/V2__set.sql", "SET @x = 1;\n")
                .file("migrations/V3__orphan.sql", "INSERT INTO child VALUES (1, 999);\n");
        dbshift().up();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM child")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the callback turned the checks off for the run").isEqualTo(1);
        }
    }

    /** On H2 a migration's {@code SET SCHEMA} does not carry either: the next migration makes its table where the run began. */
    @org.junit.jupiter.api.Test
    void anH2MigrationsSetSchemaDoesNotCarryIntoTheNextOne() throws Exception {
        start(Vendor.H2);
        project.file("migrations/1__other.sql", "CREATE SCHEMA other;\nSET SCHEMA other;\nCREATE TABLE there (id INT);\n")
                .file("migrations/2__after.sql", "CREATE TABLE made_after (id INT);\n");
        dbshift().up();
        assertThat(dbshift().schema().live().tables()).anyMatch(t -> t.name().equalsIgnoreCase("made_after"))
                .noneMatch(t -> t.name().equalsIgnoreCase("there"));
    }

    /**
     * A migration resumed after a failure goes on in a new session: what its statements that ran set in the old one is
     * set again first. Before, PostgreSQL's resumed script made its table in {@code public}, not in the schema its
     * {@code SET search_path} named (from the CLI), and MariaDB's ran the rest of a dump-style script with foreign key
     * checks on and without its {@code sql_mode}.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES", "H2"})
    void aResumedMigrationSetsWhatItsStatementsThatRanSetInTheSessionAgain(Vendor vendor) throws Exception {
        start(vendor);
        String schema = "resumed_" + db.name();
        String head = switch (vendor) {
            case MARIADB -> "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n"
                    + "SET FOREIGN_KEY_CHECKS = 0;\n"
                    + "CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY);\n"
                    + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES parent (id));\n";
            case POSTGRES -> "-- dbshift:no-transaction\nCREATE SCHEMA " + schema + ";\nSET search_path = " + schema + ";\n"
                    + "CREATE TABLE a (id INT);\n";
            default -> "CREATE SCHEMA " + schema + ";\nSET SCHEMA " + schema + ";\nCREATE TABLE a (id INT);\n";
        };
        String rest = vendor == Vendor.MARIADB ? "INSERT INTO child VALUES (1, 999);\nINSERT INTO parent VALUES (0);\n"
                : "CREATE TABLE b (id INT);\n";
        try {
            project.file("migrations/1__resumed.sql", head + "INSERT INTO nope VALUES (1);\n");
            Report failed = FailedRun.report(() -> dbshift().up());
            assertThat(failed.success()).isFalse();
            project.file("migrations/1__resumed.sql", head + rest);
            Report ok = dbshift().up();
            assertThat(ok.success()).as(ok.error()).isTrue();
            if (vendor == Vendor.MARIADB) {
                assertThat(count("SELECT COUNT(*) FROM child WHERE parent_id = 999")).as("foreign key checks off, as the script set").isEqualTo(1);
                assertThat(count("SELECT COUNT(*) FROM parent WHERE id = 0")).as("NO_AUTO_VALUE_ON_ZERO, as the script set").isEqualTo(1);
            } else {
                assertThat(tableExists(schema + ".b")).as("made in the schema the script switched to").isTrue();
                assertThat(tableExists("b")).isFalse();
            }
        } finally {
            if (vendor != Vendor.MARIADB) {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * A statement that ran set a user variable from the data ({@code SET @top = (SELECT ...)}): the statements after it
     * may have changed what it read, so a resume cannot set it the same again; the statement that reads it is not run,
     * and the failure says what to do. With the variable set again before it, the resume goes on.
     */
    @org.junit.jupiter.api.Test
    void aResumeStopsWhenAStatementThatRanSetASessionValueFromTheData() throws Exception {
        start(Vendor.MARIADB);
        String head = "CREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1), (2);\n"
                + "SET @top = (SELECT MAX(id) FROM t);\nINSERT INTO t VALUES (3);\n";
        project.file("migrations/1__data.sql", head + "INSERT INTO nope VALUES (1);\n");
        assertThat(FailedRun.report(() -> dbshift().up()).success()).isFalse();
        // the INSERT of 3 ran in one transaction with the INSERT that failed (a group of row changes): rolled back with it
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
        project.file("migrations/1__data.sql", head + "DELETE FROM t WHERE id > @top;\n");
        Report refused = FailedRun.report(() -> dbshift().up());
        assertThat(refused.success()).isFalse();
        assertThat(refused.error()).contains("migrations/1__data.sql:5 reads @top, which migrations/1__data.sql:3 set from the data",
                "SET @top = (SELECT MAX(id) FROM t)", "Set @top again in a statement before line 5");
        assertThat(count("SELECT COUNT(*) FROM t")).as("nothing ran").isEqualTo(2);
        project.file("migrations/1__data.sql", head + "SET @top = 2;\nDELETE FROM t WHERE id > @top;\n");
        Report ok = dbshift().up();
        assertThat(ok.success()).as(ok.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
    }

    /**
     * SQLite ignores {@code PRAGMA foreign_keys} inside a transaction. With foreign keys on (the URL's
     * {@code foreign_keys=true}), a script that turns them off and rebuilds a table ran in dbshift's transaction with them
     * on, and its {@code DROP TABLE} emptied the {@code ON DELETE CASCADE} table, while the {@code sqlite3} shell keeps
     * those rows (both seen from the CLI). Such a script mixed with others is refused before anything runs; in the form
     * SQLite documents (the pragma, then the script's own {@code BEGIN ... COMMIT}) it runs as the shell runs it; the
     * next migration has the keys on again.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysOffRunsAsTheSqliteShellRunsIt() throws Exception {
        start(Vendor.SQLITE);
        String rebuild = "CREATE TABLE new_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n"
                + "INSERT INTO new_parent (id, name) SELECT id, coalesce(name, '') FROM parent;\n"
                + "DROP TABLE parent;\nALTER TABLE new_parent RENAME TO parent;\n";
        parentAndChild("name TEXT", "(1, 'a'), (2, NULL)", " ON DELETE CASCADE");
        project.file("migrations/2__rebuild.sql", "PRAGMA foreign_keys = OFF;\n" + rebuild + "PRAGMA foreign_keys = ON;\n");
        DbShift fk = foreignKeysOn();
        Report refused = FailedRun.report(fk::up);
        assertThat(refused.error()).contains("migrations/2__rebuild.sql:1", "'PRAGMA foreign_keys = OFF' cannot run inside a transaction",
                "the script's own BEGIN ... COMMIT");
        assertThat(count("SELECT COUNT(*) FROM child")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM parent WHERE name IS NULL")).as("nothing of 2 ran").isEqualTo(1);

        project.file("migrations/2__rebuild.sql", "PRAGMA foreign_keys = OFF;\nBEGIN;\n" + rebuild + "COMMIT;\n")
                .file("migrations/3__orphan.sql", "INSERT INTO child VALUES (30, 999);\n");
        Report r = FailedRun.report(fk::up);
        assertThat(r.results().get(0).success()).as(r.results().get(0).error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM child")).as("the shell keeps them too").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM parent WHERE name = ''")).isEqualTo(1);
        assertThat(r.error()).as("foreign keys are on again for the next migration").contains("3 (orphan)", "FOREIGN KEY constraint failed");
    }

    /**
     * A failure inside the script's own {@code BEGIN ... COMMIT} rolls back every statement in it, as the failure message
     * says, and the history counts only the statements before it. Before, on H2 (whose driver reports the transaction a
     * SQL {@code BEGIN} opens) the executor switched autocommit back on before each statement, committing the rows one by
     * one while the message said they were undone (from the CLI); on SQLite the first progress mark failed the script.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailureInsideTheScriptsOwnTransactionRollsAllOfItBack(Vendor vendor) throws Exception {
        start(vendor);
        String head = "CREATE TABLE t (id INT PRIMARY KEY);\nBEGIN;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n";
        project.file("migrations/1__tx.sql", head + "INSERT INTO nope VALUES (3);\nCOMMIT;\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("the script's own transaction was rolled back");
        assertThat(count("SELECT COUNT(*) FROM t")).as("undone, as the message says").isZero();
        assertThat(dbshift().history().get(0).statementsDone()).isEqualTo(1);
        project.file("migrations/1__tx.sql", head + "INSERT INTO t VALUES (3);\nCOMMIT;\n");
        Report ok = dbshift().up();
        assertThat(ok.success()).as(ok.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
    }

    /**
     * {@code SET ROLE app_owner} so that the tables a migration makes belong to the application's owner role: psql runs
     * it, and dbshift's own writes in the step (the history row, its progress marks) ran as that role, which may not
     * write the history ("permission denied for table dbshift_history"), so the migration failed. They now run as the
     * run began, in the migration's transaction, in a script's own {@code BEGIN ... COMMIT}, and outside one. Likewise a
     * script's {@code SET default_transaction_read_only = on} made every later transaction of the run read only.
     */
    @org.junit.jupiter.api.Test
    void postgresScriptsSetRoleAndDbshiftStillWritesItsHistory() throws Exception {
        start(Vendor.POSTGRES);
        String owner = "dbs_owner_" + db.name();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + owner + " NOLOGIN");
            st.execute("GRANT ALL ON SCHEMA " + db.name() + " TO " + owner);
        }
        try {
            project.file("migrations/1__in_tx.sql", "SET ROLE " + owner + ";\nCREATE TABLE a1 (id INT);\n")
                    .file("migrations/2__own_tx.sql", "BEGIN;\nSET ROLE " + owner + ";\nCREATE TABLE a2 (id INT);\n"
                            + "CREATE TABLE a3 (id INT);\nCOMMIT;\nCREATE TABLE a4 (id INT);\n")
                    .file("migrations/3__no_tx.sql", "-- dbshift:no-transaction\nSET ROLE " + owner + ";\nCREATE TABLE a5 (id INT);\n"
                            + "CREATE TABLE a6 (id INT);\n")
                    .file("migrations/4__read_only.sql", "SET default_transaction_read_only = on;\n")
                    .file("migrations/5__after.sql", "CREATE TABLE a7 (id INT);\n");
            // a Java migration that sets the role through its connection, as Flyway's examples do
            dev.dbshift.migration.JavaMigration java = new dev.dbshift.migration.JavaMigration() {
                @Override
                public String version() {
                    return "6";
                }

                @Override
                public String description() {
                    return "java role";
                }

                @Override
                public void up(Connection connection) throws Exception {
                    try (Statement st = connection.createStatement()) {
                        st.execute("SET ROLE " + owner);
                        st.execute("CREATE TABLE a8 (id INT)");
                    }
                }
            };
            Report r = project.configure(db).javaMigrations(java).load().up();
            assertThat(r.success()).as(r.error()).isTrue();
            for (String mine : List.of("a1", "a2", "a3", "a4", "a5", "a6", "a8")) {
                assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '" + db.name() + "' AND tablename = '" + mine
                        + "' AND tableowner = '" + owner + "'")).as(mine + " belongs to the role the script set").isEqualTo(1);
            }
            assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '" + db.name() + "' AND tablename = 'a7'"
                    + " AND tableowner = current_user")).as("the next migration runs as the run began").isEqualTo(1);
            assertThat(dbshift().history()).hasSize(6).allMatch(h -> h.success());
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP OWNED BY " + owner + " CASCADE");
                st.execute("DROP ROLE " + owner);
            }
        }
    }

    /**
     * Scripts the mariadb client runs whose next statement could take no progress mark: a read-only transaction
     * ({@code START TRANSACTION READ ONLY}, or {@code SET TRANSACTION READ ONLY} before it, which makes the next
     * transaction read only: dbshift's mark, when one followed) and a global read lock ({@code FLUSH TABLES WITH READ
     * LOCK}). Each failed at the mark after it ("Cannot execute statement in a READ ONLY transaction", "conflicting read
     * lock"), naming no file or line; now the marks wait, as under LOCK TABLES.
     */
    @org.junit.jupiter.api.Test
    void mysqlReadOnlyTransactionsAndGlobalReadLocksTakeNoMark() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/2__ro.sql", "START TRANSACTION READ ONLY;\nSELECT COUNT(*) FROM t;\nCOMMIT;\nINSERT INTO t VALUES (1);\n")
                .file("migrations/3__next_ro.sql", "SET TRANSACTION READ ONLY;\nSTART TRANSACTION;\nSELECT COUNT(*) FROM t;\n"
                        + "COMMIT;\nINSERT INTO t VALUES (2);\n")
                .file("migrations/4__ftwrl.sql", "FLUSH TABLES WITH READ LOCK;\nUNLOCK TABLES;\nINSERT INTO t VALUES (3);\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
    }

    /**
     * A release of dbshift's migration lock the scan cannot see, inside a function (PostgreSQL) or a procedure (MySQL):
     * the migration's writes check that the session still holds the lock, and stop the run when it does not, before
     * another run that took it could apply the same migration. On PostgreSQL the migration's transaction is rolled back.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void aLockReleasedInsideAFunctionStopsTheRunBeforeItsHistoryRow(Vendor vendor) throws Exception {
        start(vendor);
        if (vendor == Vendor.POSTGRES) {
            project.file("migrations/1__f.sql", "CREATE FUNCTION release_all() RETURNS boolean LANGUAGE sql"
                    + " AS 'SELECT pg_advisory_unlock_all() IS NULL';\n")
                    .file("migrations/2__t.sql", "CREATE TABLE t (id INT);\nSELECT release_all();\nINSERT INTO t VALUES (1);\n");
        } else {
            project.file("migrations/1__f.sql", "CREATE PROCEDURE release_all() BEGIN DO RELEASE_ALL_LOCKS(); END;\n")
                    .file("migrations/2__t.sql", "CREATE TABLE t (id INT);\nCALL release_all();\nINSERT INTO t VALUES (1);\n");
        }
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(dev.dbshift.db.LockLost.class)
                .hasMessageStartingWith("2 (t): dbshift's migration lock was released during this migration by its own statements");
        assertThat(dbshift().history()).extracting(h -> h.version().toString()).as("no row for 2").containsExactly("1");
        if (vendor == Vendor.POSTGRES) {
            assertThat(tableExists("t")).as("its transaction rolled back").isFalse();
        }
    }

    /** MySQL: {@code RELEASE_ALL_LOCKS()} releases dbshift's migration lock, a named lock of the same session. */
    @org.junit.jupiter.api.Test
    void mysqlReleaseAllLocksIsRefusedBeforeAnythingRuns() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/2__locks.sql", "SELECT GET_LOCK('batch', 1);\nINSERT INTO t VALUES (1);\nDO RELEASE_ALL_LOCKS();\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/2__locks.sql:3:1: RELEASE_ALL_LOCKS() is not supported in a migration")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(tableExists("t")).as("nothing ran").isFalse();
        project.file("migrations/2__locks.sql", "SELECT GET_LOCK('batch', 1);\nINSERT INTO t VALUES (1);\nDO RELEASE_LOCK('batch');\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
    }

    /**
     * An XA transaction cannot be recorded (between XA END and XA COMMIT the server takes no other statement, and a
     * prepared one outlives the session): a script with one failed after {@code XA START} naming no file or line, and
     * left its run unfinished in the runs table. It is refused, naming its line, before anything runs.
     */
    @org.junit.jupiter.api.Test
    void mysqlXaTransactionIsRefusedBeforeAnythingRuns() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/2__xa.sql", "XA START 'x1';\nINSERT INTO t VALUES (1);\nXA END 'x1';\nXA COMMIT 'x1' ONE PHASE;\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/2__xa.sql:1:1: XA transactions are not supported in a migration")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't'"))
                .as("nothing ran").isZero();
    }

    /**
     * MySQL: after a script's {@code SET NAMES latin1} the server reads what it gets as Latin-1. The script's own text
     * is stored as the client stores it (a UTF-8 file's {@code 'é'} as two Latin-1 letters), but dbshift's history row
     * of {@code 1__café.sql}, written in the same session, said {@code cafÃ©}: it is now written in the run's
     * character sets, and the script's are set again for its statements still to run.
     */
    @org.junit.jupiter.api.Test
    void mysqlHistoryIsWrittenInTheRunsCharacterSetsWhateverTheScriptSets() throws Exception {
        start(Vendor.MARIADB);
        project.file("migrations/1__café.sql", "SET NAMES latin1;\nCREATE TABLE t (s VARCHAR(10) CHARACTER SET utf8mb4);\n"
                        + "INSERT INTO t VALUES ('é');\n")
                .file("migrations/2__thé.sql", "INSERT INTO t VALUES ('è');\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT HEX(s) FROM t ORDER BY s")).as("as the mariadb client stores them")
                .containsExactly("C383C2A9", "C3A8");
        assertThat(hex("SELECT HEX(description) FROM dbshift_history ORDER BY id"))
                .containsExactly(hexOf("café"), hexOf("thé"));
    }

    /**
     * MySQL, a script not written in UTF-8 ({@code encoding}): the client sends the file's bytes, dbshift the text as
     * UTF-8. Where the server would read them differently, the statement is refused before anything runs: a Latin-1
     * file's {@code SET NAMES latin1} stored {@code 'é'} as {@code 'Ã©'} with exit 0, and a {@code _binary'ÿ'} stored
     * two bytes for one. The text alone, and an introducer on ASCII, run as the client runs them.
     */
    @org.junit.jupiter.api.Test
    void mysqlScriptNotInUtf8IsRefusedWhereTheServerWouldReadOtherBytes() throws Exception {
        start(Vendor.MARIADB);
        java.nio.charset.Charset latin1 = java.nio.charset.StandardCharsets.ISO_8859_1;
        project.file("migrations/1__t.sql", "CREATE TABLE t (s VARCHAR(10) CHARACTER SET utf8mb4, b BLOB);\n"
                + "INSERT INTO t VALUES ('é', _binary'ab''\\'c');\n", latin1);
        Report r = project.configure(db).set("encoding", "ISO-8859-1").load().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT CONCAT(HEX(s), '/', HEX(b)) FROM t")).containsExactly("C3A9/6162272763");

        for (String refused : List.of("INSERT INTO t VALUES ('x', NULL);\n/*!40101 SET NAMES latin1 */;\n",
                "INSERT INTO t VALUES ('x', NULL);\nSET @@session.character_set_client = utf8mb4;\n",
                "INSERT INTO t VALUES ('x', NULL);\nINSERT INTO t VALUES ('y', _binary 'a\\'ÿ');\n")) {
            project.file("migrations/2__x.sql", refused, latin1);
            assertThatThrownBy(() -> project.configure(db).set("encoding", "ISO-8859-1").load().up())
                    .isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("migrations/2__x.sql:2:1: ")
                    .hasMessageContaining("the script is read as ISO-8859-1 ('encoding') and dbshift sends its text as UTF-8")
                    .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
            assertThat(count("SELECT COUNT(*) FROM t")).as("nothing ran").isEqualTo(1);
        }
    }

    /**
     * PostgreSQL: {@code SET client_encoding} to anything but UTF-8 (psql then reads the rest of the file's bytes in
     * it), or a {@code SET DateStyle} whose output is not ISO, ended the JDBC driver's connection half way through the
     * migration, its failure unrecorded and its run left open. They are refused before anything runs; pg_dump's
     * {@code SET client_encoding = 'UTF8'} and an input order alone run.
     */
    @org.junit.jupiter.api.Test
    void postgresClientEncodingAndDateStyleTheDriverRefusesAreRefusedBeforeAnythingRuns() throws Exception {
        start(Vendor.POSTGRES);
        project.file("migrations/1__t.sql", "SET client_encoding = 'UTF8';\nSET NAMES 'utf-8';\nCREATE TABLE t (id INT);\n")
                .file("migrations/2__enc.sql", "INSERT INTO t VALUES (1);\nSET SESSION client_encoding TO 'LATIN1';\n"
                        + "INSERT INTO t VALUES (2);\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/2__enc.sql:2:1: client_encoding LATIN1 is not supported in a migration")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(tableExists("t")).as("nothing ran").isFalse();

        project.file("migrations/2__enc.sql", "INSERT INTO t VALUES (1);\nSET DateStyle = 'SQL, DMY';\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/2__enc.sql:2:1: DateStyle SQL is not supported in a migration");
        assertThat(tableExists("t")).as("nothing ran").isFalse();

        project.file("migrations/2__enc.sql", "INSERT INTO t VALUES (1);\nSET client_encoding TO DEFAULT;\n"
                + "SET DateStyle = 'ISO, DMY';\nCREATE TABLE d (d date DEFAULT '31/01/2020');\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    /**
     * The schema's checksum recorded after a step is read with the run's settings, as every later read is: a script's
     * {@code SET time_zone} (every mysqldump sets one) or {@code SET NAMES latin1} on MySQL, its {@code SET IntervalStyle}
     * or {@code bytea_output} on PostgreSQL, changed how the catalog shows a default, and {@code status} right after
     * {@code up} reported drift where nothing had changed; in dbshift's transaction and in a script run without one.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "POSTGRES"})
    void checksumRecordedAfterAStepIsReadAsEveryLaterRead(Vendor vendor) throws Exception {
        start(vendor);
        if (vendor == Vendor.MARIADB) {
            project.file("migrations/1__tz.sql", "/*!40103 SET TIME_ZONE='+05:00' */;\nSET NAMES latin1;\n"
                    + "CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP NOT NULL DEFAULT '2020-01-01 00:00:00',"
                    + " s VARCHAR(9) DEFAULT 'é' COMMENT 'è');\n");
        } else {
            String table = "(i interval DEFAULT '1 day 2 hours', b bytea DEFAULT '\\x0102');\n";
            project.file("migrations/1__tz.sql", "SET IntervalStyle = 'sql_standard';\nSET bytea_output = 'escape';\n"
                            + "CREATE TABLE t " + table)
                    .file("migrations/2__alone.sql", "-- dbshift:no-transaction\nSET IntervalStyle = 'iso_8601';\n"
                            + "SET bytea_output = 'escape';\nCREATE TABLE u " + table);
        }
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        StatusReport status = dbshift().status();
        assertThat(status.schemaState().drift()).as("nothing changed after the up: %s", status.schemaState()).isFalse();
    }

    /**
     * MariaDB: what a migration sets in its session ends with it, as it does in the {@code mariadb} client, which runs each
     * file in a session of its own. A fixed list of settings to set back missed {@code sql_log_bin = 0} (every later
     * migration of the run and its history row kept from the binary log, so from every replica), a statement timeout,
     * an isolation level; a row limit made the schema's checksum recorded after the step read one row per catalog query,
     * and {@code SET SESSION TRANSACTION READ ONLY} as the last statement failed the history row, the run left open.
     */
    @org.junit.jupiter.api.Test
    void mariadbSessionSettingsOfAMigrationEndWithIt() throws Exception {
        start(Vendor.MARIADB);
        String vars = "@@sql_log_bin, @@max_statement_time, @@sql_select_limit, @@tx_isolation, @@lock_wait_timeout,"
                + " @@group_concat_max_len, @@tx_read_only";
        project.file("migrations/1__sets.sql", "SET sql_log_bin = 0;\nSET max_statement_time = 5;\nSET sql_select_limit = 1;\n"
                        + "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSET lock_wait_timeout = 3;\n"
                        + "SET group_concat_max_len = 4;\nCREATE TABLE a (id INT, x INT);\nCREATE TABLE b (id INT);\n"
                        + "SET SESSION TRANSACTION READ ONLY;\n")
                .file("migrations/2__reads.sql", "CREATE TABLE v AS SELECT CONCAT_WS('|', " + vars + ") AS s;\n"
                        + "SET sql_select_limit = 1;\nSET SESSION TRANSACTION READ ONLY;\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        String fresh = selectOnANewConnection("CONCAT_WS('|', " + vars + ")");
        assertThat(hex("SELECT s FROM v")).as("as in a session of its own").containsExactly(fresh);
        assertThat(dbshift().status().schemaState().drift()).as("the checksum recorded after the last step, as read now")
                .isFalse();
    }

    /**
     * PostgreSQL: what a migration sets in its session ends with it, as in psql's session per file. A fixed list of
     * settings to set back let {@code synchronous_commit = off}, a default isolation level or a pg_dump's
     * {@code row_security = off} or a custom {@code app.tenant} carry into every later migration of the run (a custom
     * setting reads '' after, where a new session has none).
     */
    @org.junit.jupiter.api.Test
    void postgresSessionSettingsOfAMigrationEndWithIt() throws Exception {
        start(Vendor.POSTGRES);
        String settings = "concat_ws('|', current_setting('work_mem'), current_setting('default_transaction_isolation'),"
                + " current_setting('synchronous_commit'), coalesce(nullif(current_setting('app.tenant', true), ''), '-'),"
                + " current_setting('row_security'),"
                + " current_setting('idle_in_transaction_session_timeout'), current_setting('application_name'),"
                + " current_setting('extra_float_digits'))";
        project.file("migrations/1__sets.sql", "SET work_mem = '77MB';\nSET default_transaction_isolation = 'serializable';\n"
                        + "SET synchronous_commit = off;\nSET app.tenant = '42';\nSET row_security = off;\n"
                        + "SET idle_in_transaction_session_timeout = '9s';\nSET application_name = 'mig';\n"
                        + "SET extra_float_digits = 0;\nCREATE TABLE a (id INT);\n")
                .file("migrations/2__reads.sql", "CREATE TABLE v AS SELECT " + settings + " AS s;\n");
        String fresh = selectOnANewConnection(settings);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT s FROM v")).as("as in a session of its own").containsExactly(fresh);
    }

    /**
     * SQLite: a migration's connection pragmas end with it, as in the sqlite3 shell's session per file; {@code synchronous}
     * runs alone, as SQLite refuses it in a transaction ("Safety level may not be changed inside a transaction" stopped
     * the migration). {@code query_only = ON}, after which dbshift could not record the migration, is refused before
     * anything runs.
     */
    @org.junit.jupiter.api.Test
    void sqliteConnectionPragmasOfAMigrationEndWithIt() throws Exception {
        start(Vendor.SQLITE);
        String pragmas = "(SELECT synchronous FROM pragma_synchronous) || '|' || (SELECT cache_size FROM pragma_cache_size)";
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\nPRAGMA query_only = ON;\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/1__a.sql:2:1: PRAGMA query_only = ON is not supported in a migration")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\nPRAGMA cache_size = 7;\nPRAGMA busy_timeout = 9;\n"
                        + "PRAGMA query_only = OFF;\n")
                .file("migrations/2__sync.sql", "PRAGMA synchronous = OFF;\n")
                .file("migrations/3__reads.sql", "CREATE TABLE v AS SELECT " + pragmas + " AS s,"
                        + " (SELECT timeout FROM pragma_busy_timeout) AS busy;\n");
        String fresh = selectOnANewConnection(pragmas);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT s FROM v")).as("as in a session of its own").containsExactly(fresh);
        assertThat(hex("SELECT busy FROM v")).as("the run's own wait for other writers").doesNotContain("9");
    }

    /**
     * A migration's temporary tables end with it, as in the database's own client, which runs each file in a session of
     * its own: a later migration's {@code CREATE TEMPORARY TABLE ids} failed with "already exists" on every database;
     * on PostgreSQL, so did a second {@code PREPARE ins} and a cursor {@code WITH HOLD} of the same name.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void temporaryTablesOfAMigrationEndWithIt(Vendor vendor) throws Exception {
        start(vendor);
        String temp = vendor == Vendor.H2 ? "LOCAL TEMPORARY" : "TEMPORARY";
        String create = "CREATE " + temp + " TABLE ids AS SELECT 1 AS id" + (vendor == Vendor.H2 ? " FROM DUAL" : "");
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n" + create + ";\nINSERT INTO t SELECT id FROM ids;\n")
                .file("migrations/2__again.sql", create.replace("1 AS id", "2 AS id") + ";\nINSERT INTO t SELECT id FROM ids;\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
        if (vendor == Vendor.POSTGRES) {
            project.file("migrations/3__prepared.sql", "PREPARE ins(int) AS INSERT INTO t VALUES ($1);\nEXECUTE ins(3);\n"
                            + "BEGIN;\nDECLARE c CURSOR WITH HOLD FOR SELECT id FROM t;\nCOMMIT;\n")
                    .file("migrations/4__again.sql", "PREPARE ins(int) AS INSERT INTO t VALUES ($1);\nEXECUTE ins(4);\n"
                            + "BEGIN;\nDECLARE c CURSOR WITH HOLD FOR SELECT id FROM t;\nCOMMIT;\n");
            Report more = dbshift().up();
            assertThat(more.success()).as(more.error()).isTrue();
            assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(4);
        }
        if (vendor == Vendor.SQLITE) {
            String attach = "ATTACH DATABASE '" + project.dir().resolve("other.db").toString().replace("'", "''") + "' AS o;\n";
            project.file("migrations/3__attach.sql", attach + "CREATE TABLE o.x (id INT);\n")
                    .file("migrations/4__again.sql", attach + "INSERT INTO o.x VALUES (1);\n");
            Report more = dbshift().up();
            assertThat(more.success()).as(more.error()).isTrue();
        }
    }

    /**
     * MySQL/MariaDB and H2: a migration's user variables end with it. The client runs the next file in a new session,
     * where {@code @tenant} is NULL; a later migration read the earlier one's values (measured on both). A name in a
     * string or comment ({@code ops@example.com}) is set back too, which changes nothing.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void userVariablesOfAMigrationEndWithIt(Vendor vendor) throws Exception {
        start(vendor);
        String odd = vendor == Vendor.H2 ? "@\"odd name\"" : "@`odd name`";
        String seen = "CONCAT_WS('|', 'seen', @tenant, " + odd + ", @counted, @Mixed)";
        project.file("migrations/1__sets.sql", "-- mail ops@example.com\nSET @tenant = 42;\nSET " + odd + " = 'x';\n"
                        + "CREATE TABLE a (id INT);\n" + (vendor == Vendor.H2 ? "SET @counted = (SELECT COUNT(*) FROM a)"
                        : "SELECT COUNT(*) INTO @counted FROM a") + ";\nSET @mixed = 'case';\n")
                .file("migrations/2__reads.sql", "CREATE TABLE v (s VARCHAR(100));\nINSERT INTO v VALUES (" + seen + ");\n");
        String fresh = selectOnANewConnection(seen);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(fresh).isEqualTo("seen");
        assertThat(hex("SELECT s FROM v")).as("as in a session of its own").containsExactly(fresh);
    }

    /**
     * What a Flyway {@code beforeMigrate} callback sets for the run that no catalog lists (PostgreSQL's custom {@code
     * app.tenant}, a user variable) is what every migration of the run sees, as when each runs alone; what a migration
     * sets over it ends with that migration. Before, the first migration that could change its session ended the
     * callback's setting for all later ones (PostgreSQL read '', MariaDB NULL), where Flyway and each run alone read 't42'.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "H2"})
    void whatACallbackSetsForTheRunEveryMigrationSees(Vendor vendor) throws Exception {
        start(vendor);
        boolean pg = vendor == Vendor.POSTGRES;
        String read = pg ? "current_setting('app.tenant', true)" : "@tenant";
        String set = pg ? "SET app.tenant = '%s';\n" : "SET @tenant = '%s';\n";
        project.file("migrations/beforeMigrate.sql", set.formatted("t42"))
                .file("migrations/V1__a.sql", "CREATE TABLE a (n INT, x VARCHAR(20));\nINSERT INTO a SELECT 1, " + read
                        + (vendor == Vendor.H2 ? " FROM DUAL" : "") + ";\n")
                .file("migrations/V2__b.sql", set.formatted("mine") + "INSERT INTO a VALUES (2, " + read + ");\n")
                .file("migrations/V3__c.sql", "INSERT INTO a VALUES (3, " + read + ");\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT " + (vendor == Vendor.MARIADB ? "CONCAT(n, ' ', x)" : "n || ' ' || x") + " FROM a ORDER BY n"))
                .containsExactly("1 t42", "2 mine", "3 t42");
    }

    /** H2: a migration's timeouts and time zone end with it, as in RunScript's session per file. */
    @org.junit.jupiter.api.Test
    void h2SessionSettingsOfAMigrationEndWithIt() throws Exception {
        start(Vendor.H2);
        String settings = "CONCAT_WS('|', (SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME ="
                + " 'QUERY_TIMEOUT'), LOCK_TIMEOUT(), (SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME ="
                + " 'TIME ZONE'))";
        project.file("migrations/1__sets.sql", "SET QUERY_TIMEOUT 60000;\nSET LOCK_TIMEOUT 7;\nSET TIME ZONE '+05:00';\n"
                        + "SET THROTTLE 3;\nCREATE TABLE a (id INT);\n")
                .file("migrations/2__reads.sql", "CREATE TABLE v AS SELECT " + settings + " AS s;\n");
        String fresh = selectOnANewConnection(settings);
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(hex("SELECT s FROM v")).as("as in a session of its own").containsExactly(fresh);
    }

    /** The value of {@code expression} in a new session, as the database's own client would start one. */
    private String selectOnANewConnection(String expression) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> hex(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String hexOf(String text) {
        return java.util.HexFormat.of().withUpperCase().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * PostgreSQL: a procedure or DO block that commits runs under psql (autocommit) and fails in dbshift's transaction
     * with "invalid transaction termination"; the failure now says what to do, and with the directive it runs as under
     * psql. {@code DISCARD ALL} releases dbshift's migration lock (an advisory lock of the same session): a second
     * {@code up} started during the next migration took the lock and ran that migration at the same time. It is refused
     * before anything runs; {@code DISCARD PLANS} runs.
     */
    @org.junit.jupiter.api.Test
    void postgresCommittingProcedureSaysHowAndDiscardAllIsRefused() throws Exception {
        start(Vendor.POSTGRES);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\nCREATE PROCEDURE batches() LANGUAGE plpgsql AS $$\n"
                        + "BEGIN INSERT INTO t VALUES (1); COMMIT; INSERT INTO t VALUES (2); END $$;\n")
                .file("migrations/2__call.sql", "CALL batches();\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("migrations/2__call.sql:1", "invalid transaction termination",
                "add '-- dbshift:no-transaction' at the top of the script");
        assertThat(count("SELECT COUNT(*) FROM t")).isZero();

        project.file("migrations/2__call.sql", "-- dbshift:no-transaction\nCALL batches();\n")
                .file("migrations/3__discard.sql", "DISCARD ALL;\n")
                .file("migrations/4__more.sql", "INSERT INTO t VALUES (3);\n");
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("migrations/3__discard.sql:1:1: DISCARD ALL is not supported in a migration: it releases"
                        + " the session's advisory locks, dbshift's migration lock among them");
        project.file("migrations/3__discard.sql", "DISCARD PLANS;\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
    }

    /**
     * In SQLite a {@code SAVEPOINT} outside a transaction opens one, which the {@code RELEASE} of that savepoint commits,
     * as {@code BEGIN ... COMMIT} does. dbshift ran such a script in autocommit without knowing the transaction was
     * open, and its progress mark after the {@code SAVEPOINT} failed ("cannot start a transaction within a transaction",
     * naming no file or line) where the sqlite3 shell runs the script. A failure inside it rolls all of it back.
     */
    @org.junit.jupiter.api.Test
    void sqliteSavepointOutsideATransactionFramesTheScriptsOwn() throws Exception {
        start(Vendor.SQLITE);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/2__sp.sql", "SAVEPOINT outer_sp;\nINSERT INTO t VALUES (1);\nSAVEPOINT \"Inner\";\n"
                        + "INSERT INTO t VALUES (2);\nROLLBACK TO inner;\nRELEASE OUTER_SP;\nINSERT INTO t VALUES (3);\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t WHERE id IN (1, 3)")).as("as the sqlite3 shell leaves it").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);

        project.file("migrations/3__fails.sql", "SAVEPOINT s;\nINSERT INTO t VALUES (4);\nINSERT INTO nope VALUES (5);\nRELEASE s;\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("migrations/3__fails.sql:3", "the script's own transaction was rolled back");
        assertThat(count("SELECT COUNT(*) FROM t WHERE id = 4")).as("undone, as the message says").isZero();

        project.file("migrations/3__fails.sql", "SAVEPOINT s;\nINSERT INTO t VALUES (4);\n");
        Report open = FailedRun.report(() -> dbshift().up());
        assertThat(open.error()).contains("a SAVEPOINT outside one) is still open at its end");
        assertThat(count("SELECT COUNT(*) FROM t WHERE id = 4")).isZero();
    }

    /**
     * What SQLite refuses in a transaction that wrote, and the sqlite3 shell runs in autocommit, runs alone:
     * {@code PRAGMA journal_mode = WAL} failed in dbshift's transaction ("cannot change into wal mode from within a
     * transaction"), {@code PRAGMA wal_checkpoint} with "database table is locked".
     */
    @org.junit.jupiter.api.Test
    void sqliteJournalModeAndCheckpointRunAsTheShellRunsThem() throws Exception {
        start(Vendor.SQLITE);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT);\n")
                .file("migrations/2__wal.sql", "PRAGMA journal_mode = WAL;\n")
                .file("migrations/3__rows.sql", "INSERT INTO t VALUES (1);\n")
                .file("migrations/4__checkpoint.sql", "PRAGMA wal_checkpoint(TRUNCATE);\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    /**
     * A SQLite migration's {@code VACUUM} after others in the same run failed: "cannot VACUUM - SQL statements in
     * progress", the statement in progress being dbshift's own (the driver keeps a query open after each INSERT of the
     * history's kept statement). The sqlite3 shell runs the same scripts.
     */
    @org.junit.jupiter.api.Test
    void sqliteVacuumRunsAfterOtherMigrationsOfTheRun() throws Exception {
        start(Vendor.SQLITE);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t (v) VALUES ('a'), ('b');\n")
                .file("migrations/2__purge.sql", "DELETE FROM t WHERE v = 'a';\n")
                .file("migrations/3__vacuum.sql", "VACUUM;\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        assertThat(dbshift().history()).hasSize(3).allMatch(h -> h.success());
    }

    /**
     * {@code PRAGMA case_sensitive_like} cannot be read back, so it was not among the pragmas set back after a migration:
     * one migration's {@code = ON} made the next one's {@code LIKE} tell case apart, and a data migration copied fewer
     * rows than a new sqlite3 session (or the same script alone) finds. Now it is read from what {@code LIKE} does.
     */
    @org.junit.jupiter.api.Test
    void sqliteCaseSensitiveLikeIsSetBackAfterTheMigrationThatSetIt() throws Exception {
        start(Vendor.SQLITE);
        project.file("migrations/1__names.sql", "PRAGMA case_sensitive_like = ON;\nCREATE TABLE names (v TEXT);\n"
                        + "INSERT INTO names VALUES ('Abc'), ('abd');\n")
                .file("migrations/2__hits.sql", "CREATE TABLE hits AS SELECT v FROM names WHERE v LIKE 'ab%';\n");
        Report r = dbshift().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM hits")).as("LIKE as a new session has it: case-insensitive").isEqualTo(2);
    }

    /**
     * SQLite's documented rebuild checks the foreign keys before its {@code COMMIT} ({@code PRAGMA foreign_key_check}).
     * The shell prints what it finds; dbshift printed nothing and went on, committing a change that broke them. A check
     * that finds rows now fails the migration, and the script's own transaction rolls the change back.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeyCheckThatFindsRowsFailsTheMigration() throws Exception {
        start(Vendor.SQLITE);
        parentAndChild(null, "(1), (2)", "");
        java.util.function.UnaryOperator<String> rebuild = copied -> "PRAGMA foreign_keys = OFF;\nBEGIN;\n"
                + "CREATE TABLE new_parent (id INTEGER PRIMARY KEY);\nINSERT INTO new_parent SELECT id FROM parent" + copied + ";\n"
                + "DROP TABLE parent;\nALTER TABLE new_parent RENAME TO parent;\nPRAGMA foreign_key_check;\nCOMMIT;\n";
        project.file("migrations/2__rebuild.sql", rebuild.apply(" WHERE id = 1"));
        Report r = FailedRun.report(() -> foreignKeysOn().up());
        assertThat(r.error()).contains("migrations/2__rebuild.sql:7", "foreign_key_check found 1 row(s)", "child rowid 20");
        assertThat(count("SELECT COUNT(*) FROM parent")).as("rolled back with the script's transaction").isEqualTo(2);
        project.file("migrations/2__rebuild.sql", rebuild.apply(""));
        Report ok = foreignKeysOn().up();
        assertThat(ok.success()).as(ok.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM child")).isEqualTo(2);
    }

    /**
     * SQLite: migration 1 makes {@code parent} (with {@code column} besides its id, if any, and {@code rows}) and
     * {@code child}, whose rows 10 and 20 reference parents 1 and 2 with {@code action}.
     */
    private void parentAndChild(String column, String rows, String action) {
        project.file("migrations/1__init.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY" + (column == null ? "" : ", " + column) + ");\n"
                + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id)" + action + ");\n"
                + "INSERT INTO parent VALUES " + rows + ";\nINSERT INTO child VALUES (10, 1), (20, 2);\n");
    }

    /** The project on the SQLite database with foreign keys on, as an application's URL turns them on. */
    private DbShift foreignKeysOn() {
        return project.configure(db).url(db.url() + "?foreign_keys=true").load();
    }
}
