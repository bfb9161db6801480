package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.Recorded;
import dev.dbshift.command.Failure;
import dev.dbshift.command.ResetPlan;
import dev.dbshift.command.ResetReport;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.Squasher;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.Problem;
import dev.dbshift.plan.ValidationException;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.Scratch;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations toolbox (issue 5) against real H2, SQLite, PostgreSQL and MariaDB, through the facade. */
class ToolboxConformanceTest {
    private final List<TestDatabase> databases = new ArrayList<>();
    private final TestProject project = TestProject.create();

    @AfterEach
    void drop() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase start(Vendor vendor) {
        TestDatabase db = TestDatabase.create(vendor);
        databases.add(db);
        return db;
    }

    private DbShift dbshift(TestDatabase db) {
        return project.configure(db).load();
    }

    private void threeMigrations() {
        project.file("migrations/1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(50));\nINSERT INTO a VALUES (1, 'one');\n")
                .file("migrations/1__create_a.down.sql", "DROP TABLE a;\n")
                .file("migrations/1.1__create_b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\n")
                .file("migrations/1.1__create_b.down.sql", "DROP TABLE b;\n")
                .file("migrations/1.10__create_c.sql", "CREATE TABLE c (id INT PRIMARY KEY);\nCREATE INDEX ix_c ON c (id);\n");
    }

    private static List<MigrationStatus.State> states(DbShift d) {
        return d.status().migrations().stream().map(MigrationStatus::state).toList();
    }

    private static int exitCode(Throwable e) {
        return ((DbShiftException) e).exitCode();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void stampSkipAndStampBase(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        Recorded dry = dbshift(db).historyCommands().stamp("1.1", true);
        assertThat(dry.marks()).extracting(m -> m.version()).containsExactly("1", "1.1");
        assertThat(dbshift(db).current()).isEmpty();

        Recorded stamped = dbshift(db).historyCommands().stamp("1.1", false);
        assertThat(stamped.toVersion()).isEqualTo("1.1");
        assertThat(states(dbshift(db))).containsExactly(MigrationStatus.State.STAMPED, MigrationStatus.State.STAMPED,
                MigrationStatus.State.PENDING);
        assertThat(tables(db)).doesNotContain("a", "b");

        assertThatThrownBy(() -> dbshift(db).historyCommands().stamp("9.9", false)).hasMessageContaining("unknown version 9.9")
                .extracting(ToolboxConformanceTest::exitCode).isEqualTo(DbShiftException.BAD_INPUT);

        // stamp down to 1: 1.1 gets a rollback row written by the stamp run
        assertThat(dbshift(db).historyCommands().stamp("1", false).toVersion()).isEqualTo("1");
        HistoryRow last = dbshift(db).history().get(dbshift(db).history().size() - 1);
        assertThat(last.operation()).isEqualTo(Operation.ROLLBACK);
        assertThat(last.version()).isEqualTo("1.1");
        assertThat(last.script()).isNull();

        assertThat(dbshift(db).historyCommands().stamp("base", false).toVersion()).isNull();
        assertThat(dbshift(db).current()).isEmpty();

        // skip: the lowest pending migration is recorded, not run
        Recorded skipped = dbshift(db).historyCommands().skip(null, false);
        assertThat(skipped.marks()).singleElement().extracting(m -> m.version()).isEqualTo("1");
        assertThat(tables(db)).doesNotContain("a");
        assertThatThrownBy(() -> dbshift(db).historyCommands().skip("1", false)).hasMessageContaining("already applied");
        Report up = dbshift(db).up();
        assertThat(up.success()).as(up.error()).isTrue();
        assertThat(tables(db)).contains("b", "c").doesNotContain("a");
        assertThat(states(dbshift(db))).containsExactly(MigrationStatus.State.SKIPPED, MigrationStatus.State.APPLIED,
                MigrationStatus.State.APPLIED);
        assertThat(dbshift(db).history()).extracting(HistoryRow::operation).containsSubsequence(
                Operation.STAMP, Operation.STAMP, Operation.ROLLBACK, Operation.ROLLBACK, Operation.SKIP, Operation.APPLY);
        assertThat(dbshift(db).historyCommands().stamp("head", false).marks()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void repairErrorsAndTrace(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        project.file("migrations/2__bad.sql", "INSERT INTO no_such_table VALUES (1);\n");
        FailedRun.report(() -> dbshift(db).up());
        List<Failure> errors = dbshift(db).historyCommands().errors();
        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.resolved()).isFalse();
            assertThat(f.row().version()).isEqualTo("2");
            assertThat(f.row().errorMessage()).contains("migrations/2__bad.sql:1");
        });
        HistoryRow traced = dbshift(db).historyCommands().trace(errors.get(0).row().id());
        assertThat(traced.errorTrace()).contains("\tat ");
        assertThatThrownBy(() -> dbshift(db).historyCommands().trace(9999)).extracting(ToolboxConformanceTest::exitCode).isEqualTo(DbShiftException.BAD_INPUT);

        // a deliberate edit of an applied script: check stops, repair shows and records it
        project.file("migrations/1.1__create_b.sql", "CREATE TABLE b (id INT PRIMARY KEY);\n-- reviewed\n");
        assertThat(dbshift(db).check(false).problems()).extracting(Problem::code).contains("checksum_changed");
        Recorded dry = dbshift(db).historyCommands().repair(true);
        assertThat(dry.marks()).extracting(m -> m.version()).containsExactly("1.1", "2");
        assertThat(dry.marks().get(0).note()).contains("->");
        assertThat(dbshift(db).historyCommands().repair(true).marks()).hasSize(2);
        Recorded repaired = dbshift(db).historyCommands().repair(false);
        assertThat(repaired.marks()).hasSize(2);
        assertThat(dbshift(db).check(false).problems()).isEmpty();
        assertThat(states(dbshift(db))).containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.APPLIED,
                MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING);
        // the failed row is kept, now resolved
        assertThat(dbshift(db).historyCommands().errors()).singleElement().extracting(Failure::resolved).isEqualTo(true);
        assertThat(dbshift(db).history()).filteredOn(r -> !r.success()).hasSize(1);
        assertThat(dbshift(db).historyCommands().repair(false).marks()).isEmpty();
        project.file("migrations/2__bad.sql", "INSERT INTO a VALUES (2, 'two');\n");
        assertThat(dbshift(db).up().success()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void checkListsEveryProblem(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        assertThat(dbshift(db).check(false).ok()).isTrue();
        assertThat(dbshift(db).check(true).problems()).extracting(Problem::code).containsOnly("pending").hasSize(3);
        dbshift(db).up();
        assertThat(dbshift(db).check(true).ok()).isTrue();
        exec(db, "CREATE TABLE stray (id INT PRIMARY KEY)");   // changed outside the migrations
        assertThat(dbshift(db).check(false).problems()).extracting(Problem::code).containsExactly("drift");
        project.file("migrations/1.1__create_b.sql", "CREATE TABLE b (id BIGINT PRIMARY KEY);\n")   // edited
                .delete("migrations/1.10__create_c.sql")                                          // gone
                .file("migrations/1.05__late.sql", "SELECT 1;\n")                                   // forked history
                .file("migrations/3__x.sql", "SELECT 1;\n").file("migrations/V3__y.sql", "SELECT 1;\n");   // duplicate
        List<Problem> problems = dbshift(db).check(true).problems();
        assertThat(problems).extracting(Problem::code).contains("checksum_changed", "script_missing", "out_of_order",
                "duplicate_version", "pending", "drift");
        assertThat(problems).filteredOn(p -> p.code().equals("out_of_order")).singleElement().extracting(Problem::version).isEqualTo("1.05");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rebuildRunsDownThenUpOrTheRestOfAPartialApply(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        dbshift(db).up();
        exec(db, "INSERT INTO b VALUES (7)");
        Report r = dbshift(db).rebuild("1.1");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM b")).isZero();
        List<HistoryRow> h = dbshift(db).history();
        assertThat(h.subList(h.size() - 2, h.size())).extracting(HistoryRow::operation).containsExactly(Operation.ROLLBACK, Operation.APPLY);
        assertThat(dbshift(db).current()).contains("1.10");
        assertThat(dbshift(db).planRebuild("1.1").steps()).hasSize(2);
        // no down script: refused, nothing changed
        assertThatThrownBy(() -> dbshift(db).rebuild("1.10")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no down script").extracting(ToolboxConformanceTest::exitCode).isEqualTo(3);
        assertThat(tables(db)).contains("c");

        // a failed try: on databases whose DDL commits, only the statements that did not run
        String header = vendor == Vendor.POSTGRES || vendor == Vendor.SQLITE ? "" : "";
        project.file("migrations/2__two.sql", header + "CREATE TABLE d1 (id INT PRIMARY KEY);\nINSERT INTO nope VALUES (1);\n");
        FailedRun.report(() -> dbshift(db).up());
        project.file("migrations/2__two.sql", header + "CREATE TABLE d1 (id INT PRIMARY KEY);\nINSERT INTO d1 VALUES (1);\n");
        Report again = dbshift(db).rebuild("2");
        assertThat(again.success()).as(again.error()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM d1")).isEqualTo(1);
        boolean transactional = Databases.forUrl(db.url()).supportsTransactionalDdl();
        HistoryRow last = dbshift(db).history().get(dbshift(db).history().size() - 1);
        assertThat(last.operation()).isEqualTo(transactional ? Operation.APPLY : Operation.APPLY_PARTIAL);
        assertThat(again.results().get(0).statements()).isEqualTo(transactional ? 2 : 1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void resetDropsEverythingThenRunsInitScriptsAndMigrations(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        project.file("migrations/init/all.sql", "CREATE TABLE init_all (id INT PRIMARY KEY);\n")
                .file("migrations/init/dev.sql", "CREATE TABLE init_dev (id INT PRIMARY KEY);\n")
                .file("migrations/init/prod.sql", "CREATE TABLE init_prod (id INT PRIMARY KEY);\n")
                .file("dbshift.toml", "critical_environments = [\"prod\"]\n");
        dbshift(db).up();
        exec(db, "CREATE TABLE stray (id INT PRIMARY KEY, a_id INT REFERENCES a (id))");
        exec(db, "CREATE VIEW stray_view AS SELECT id FROM stray");
        DbShift dev = project.configure(db).environment("dev").load();
        ResetPlan plan = dev.planReset();
        assertThat(plan.initScripts()).containsExactly("migrations/init/all.sql", "migrations/init/dev.sql");
        assertThat(plan.up().steps()).hasSize(3);
        assertThat(tables(db)).contains("stray");

        ResetReport reset = dev.reset();
        assertThat(reset.success()).isTrue();
        assertThat(tables(db)).contains("a", "b", "c", "init_all", "init_dev").doesNotContain("stray", "stray_view", "init_prod");
        assertThat(count(db, "SELECT COUNT(*) FROM a")).isEqualTo(1);
        assertThat(dev.current()).contains("1.10");
        assertThat(states(dev)).containsOnly(MigrationStatus.State.APPLIED);
        assertThat(dev.history()).extracting(HistoryRow::kind).startsWith("init");

        DbShift prod = project.configure(db).environment("prod").load();
        assertThatThrownBy(() -> prod.reset()).hasMessageContaining("critical_environments")
                .extracting(ToolboxConformanceTest::exitCode).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(tables(db)).contains("init_dev");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void offlineScriptGivesTheSameSchemaAndHistoryAsUp(Vendor vendor) throws Exception {
        TestDatabase online = start(vendor);
        TestDatabase offline = start(vendor);
        roundTripMigrations(vendor);
        DbShift onlineShift = project.configure(online).environment("dev").load();
        Report up = onlineShift.up();
        assertThat(up.success()).as(up.error()).isTrue();

        String script = project.configure(offline).environment("dev").load().tools().sql("base:head");
        assertThat(script).contains("CREATE TABLE IF NOT EXISTS dbshift_history").contains("INSERT INTO dbshift_history");
        runWithClient(offline, script);
        DbShift offlineShift = project.configure(offline).environment("dev").load();
        assertThat(columns(offline)).isEqualTo(columns(online));
        assertThat(applied(offlineShift)).isEqualTo(applied(onlineShift)).containsKeys("1", "2", "3");
        assertThat(count(offline, "SELECT COUNT(*) FROM t_env")).isEqualTo(1);
        assertThat(offlineShift.check(true).problems()).isEmpty();

        // and back down: 3:1.5 reverts 3 and 2
        String downScript = offlineShift.tools().sql("3:1.5");
        assertThat(downScript).contains("'rollback'");
        runWithClient(offline, downScript);
        assertThat(offlineShift.current()).contains("1.5");
        assertThat(tables(offline)).doesNotContain("t_env", "t2").contains("t1");
        assertThatThrownBy(() -> offlineShift.tools().sql("1.5:base")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no down script");
    }

    /**
     * An offline script stops at its first error by itself (psql went on without {@code -v ON_ERROR_STOP=1}, ran
     * the migrations after a failed one, and exited 0), and a script run again, once the failure is mended or by
     * mistake, runs nothing twice: every migration is guarded by the history. Before, a second run applied the
     * migrations the first had committed again ('two' inserted twice, a second history row for version 2). On MariaDB
     * and H2, which commit each statement here, a migration the script stopped inside is recorded as begun: neither the next
     * script nor {@code up} runs it from its start until a user says what is there. Each client is run as a DBA would,
     * without a flag of its own.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anOfflineScriptRunAgainRunsNothingTwice(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        // a migration and its history row commit together where DDL is transactional; elsewhere each statement commits
        boolean atomic = vendor == Vendor.POSTGRES || vendor == Vendor.SQLITE;
        project.file("migrations/1__log.sql", "CREATE TABLE log (what VARCHAR(20));\n")
                .file("migrations/2__two.sql", "INSERT INTO log VALUES ('two');\n")
                .file("migrations/3__three.sql", "INSERT INTO log VALUES ('three');\nINSERT INTO nowhere VALUES (1);\n");
        String script = dbshift(db).tools().sql("base:head");

        ClientRun first = runClientAsIs(db, script);
        assertThat(first.exit()).as(first.output()).isNotZero();
        assertThat(first.output()).containsIgnoringCase("nowhere");
        String two = "SELECT COUNT(*) FROM log WHERE what = 'two'";
        String three = "SELECT COUNT(*) FROM log WHERE what = 'three'";
        assertThat(count(db, two)).isEqualTo(1);
        assertThat(count(db, three)).as("what ran of 3 stays only where each statement commits").isEqualTo(atomic ? 0 : 1);
        assertThat(dbshift(db).current()).contains("2");
        assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE success")).as("a run that stopped did not succeed").isZero();

        ClientRun again = runClientAsIs(db, script);
        assertThat(again.exit()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("dbshift: stopped: version 1 is already applied here").contains("dbshift sql VERSION:3");
        assertThat(count(db, two)).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs")).as("a script stopped at its first guard records no run").isEqualTo(1);

        project.file("migrations/3__three.sql", "INSERT INTO log VALUES ('three');\n");
        if (!atomic) {
            // begun and not finished: the script from 2 and up both stop at 3, until a user says what is there
            ClientRun begun = runClientAsIs(db, dbshift(db).tools().sql("2:head"));
            assertThat(begun.exit()).as(begun.output()).isNotZero();
            assertThat(begun.output()).contains("version 3 was begun here by a run that stopped inside it");
            assertThat(dbshift(db).status().warnings()).anySatisfy(w -> assertThat(w).contains("was begun by an offline script")
                    .contains("dbshift repair --statement-not-done 3"));
            assertThatThrownBy(() -> dbshift(db).up()).hasMessageContaining("was begun by an offline script");
            assertThat(dbshift(db).check(false).problems()).as("check says what up stops at")
                    .anySatisfy(p -> assertThat(p.message()).contains("was begun by an offline script"));
            assertThat(count(db, three)).as("up did not run 3 again").isEqualTo(1);
            try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM log WHERE what = 'three'");
            }
            dbshift(db).historyCommands().repairStatement("3", false);
        }
        // mended, the script from where the database is runs what is left, and says it succeeded
        ClientRun rest = runClientAsIs(db, dbshift(db).tools().sql("2:head"));
        assertThat(rest.exit()).as(rest.output()).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM log")).isEqualTo(2);
        assertThat(dbshift(db).current()).contains("3");
        assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE success AND command = 'sql'")).isEqualTo(1);
        assertThat(dbshift(db).check(true).problems()).isEmpty();
        assertThat(dbshift(db).status().warnings()).isEmpty();

        // a script from a version that is not applied here stops before the gap it would leave
        project.file("migrations/4__four.sql", "INSERT INTO log VALUES ('four');\n")
                .file("migrations/5__five.sql", "INSERT INTO log VALUES ('five');\n");
        ClientRun gap = runClientAsIs(db, dbshift(db).tools().sql("4:head"));
        assertThat(gap.exit()).as(gap.output()).isNotZero();
        assertThat(gap.output()).contains("this script applies the migrations after 4, which is not applied here");
        assertThat(count(db, "SELECT COUNT(*) FROM log")).isEqualTo(2);
    }

    /**
     * A migration {@code up} left failed after statements that committed (MariaDB and H2 commit DDL) is not run again
     * from its start by an offline script: {@code up --sql} wrote every statement of it again (the INSERT after the
     * ALTER ran twice once the failing statement was mended), where {@code up} resumes after them; it now refuses, and
     * a script written without the history ({@code sql FROM:TO}) stops at its guard.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void anOfflineScriptDoesNotRunAgainWhatAFailedUpLeftRun(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        project.file("migrations/1__log.sql", "CREATE TABLE log (what VARCHAR(20));\n")
                .file("migrations/2__two.sql", "ALTER TABLE log ADD COLUMN n INT;\nINSERT INTO log (what) VALUES ('two');\n"
                        + "ALTER TABLE nowhere ADD COLUMN x INT;\n");
        assertThatThrownBy(() -> dbshift(db).up()).isInstanceOf(DbShiftException.class);
        assertThat(count(db, "SELECT COUNT(*) FROM log WHERE what = 'two'")).as("the statements before the failing one stay").isEqualTo(1);
        project.file("migrations/2__two.sql", "ALTER TABLE log ADD COLUMN n INT;\nINSERT INTO log (what) VALUES ('two');\n"
                + "ALTER TABLE log ADD COLUMN x INT;\n");

        assertThatThrownBy(() -> dbshift(db).tools().sqlFromDatabase(false, null))
                .hasMessageContaining("failed here after 2 of its statements").hasMessageContaining("does not resume")
                .extracting(ToolboxConformanceTest::exitCode).isEqualTo(DbShiftException.VALIDATION);
        ClientRun run = runClientAsIs(db, dbshift(db).tools().sql("1:head"));
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("version 2 was begun here by a run that stopped inside it");
        assertThat(count(db, "SELECT COUNT(*) FROM log WHERE what = 'two'")).isEqualTo(1);

        assertThat(dbshift(db).up().success()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM log WHERE what = 'two'")).as("up resumed after them").isEqualTo(1);
    }

    /** What a client printed and the way it ended. */
    record ClientRun(int exit, String output) {
    }

    /** Runs an offline script with the vendor's own client as a DBA would, without a flag to stop at an error. */
    static ClientRun runClientAsIs(TestDatabase db, String script) throws Exception {
        java.nio.file.Path f = Scratch.dir("dbshift-offline").resolve("script.sql");
        Files.writeString(f, script);
        ProcessBuilder pb;
        switch (db.vendor()) {
            case POSTGRES -> {
                pb = new ProcessBuilder("psql", "-X", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-f", f.toString());
                pb.environment().put("PGOPTIONS", "-c search_path=" + db.name());
            }
            case MARIADB -> pb = new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", db.name()).redirectInput(f.toFile());
            case SQLITE -> pb = new ProcessBuilder("sqlite3", db.url().substring("jdbc:sqlite:".length())).redirectInput(f.toFile());
            default -> {
                try (Connection c = db.connect()) {
                    org.h2.tools.RunScript.execute(c, new StringReader(script));
                    return new ClientRun(0, "");
                } catch (SQLException e) {
                    return new ClientRun(1, e.getMessage());
                }
            }
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new ClientRun(p.waitFor(), out);
    }

    private void roundTripMigrations(Vendor vendor) {
        project.file("migrations/1__base.sql", "CREATE TABLE t1 (id INT PRIMARY KEY, note VARCHAR(40) DEFAULT 'it''s');\n"
                        + "INSERT INTO t1 (id) VALUES (${first});\n")
                .file("migrations/2__second.sql", "CREATE TABLE t2 (id INT PRIMARY KEY, t1_id INT REFERENCES t1 (id));\n")
                .file("migrations/2__second.down.sql", "DROP TABLE t2;\n")
                .file("migrations/3__env/all.sql", "CREATE TABLE t_env (id INT PRIMARY KEY);\n")
                .file("migrations/3__env/dev.sql", "INSERT INTO t_env VALUES (1);\n")
                .file("migrations/3__env/prod.sql", "INSERT INTO t_env VALUES (2);\n")
                .file("migrations/3__env/all.down.sql", "DROP TABLE t_env;\n")
                .file("migrations/R__view.sql", "CREATE VIEW v1 AS SELECT id FROM t1;\n")
                .file("dbshift.toml", "[placeholders]\nfirst = \"1\"\n");
        switch (vendor) {
            case POSTGRES -> project.file("migrations/1.5__function.sql",
                    "CREATE FUNCTION t1_count() RETURNS bigint AS $$\nBEGIN\n  RETURN (SELECT count(*) FROM t1);\nEND;\n$$ LANGUAGE plpgsql;\n"
                            + "COPY t1 (id, note) FROM stdin;\n5\tcopied\n\\.\n");
            case MARIADB -> project.file("migrations/1.5__trigger.sql",
                    "DELIMITER //\nCREATE TRIGGER t1_bi BEFORE INSERT ON t1 FOR EACH ROW\nBEGIN\n  SET NEW.note = 'x;y';\n  SET NEW.note = CONCAT(NEW.note, '!');\nEND//\nDELIMITER ;\n"
                            + "INSERT INTO t1 (id) VALUES (5);\n");
            default -> project.file("migrations/1.5__more.sql", "INSERT INTO t1 (id) VALUES (5);\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void squashedMigrationIsAppliedWhereTheRangeWasAndRunsWhereNot(Vendor vendor) throws Exception {
        TestDatabase old = start(vendor);
        TestDatabase fresh = start(vendor);
        threeMigrations();
        project.file("migrations/1.10__create_c.down.sql", "DROP TABLE c;\n")
                .file("migrations/1.1__create_b.sql", "-- dbshift:no-transaction\nCREATE TABLE b (id INT PRIMARY KEY)\n")
                .file("migrations/2__d.sql", "CREATE TABLE d (id INT PRIMARY KEY);\n").file("migrations/2__d.down.sql", "DROP TABLE d;\n");
        assertThat(dbshift(old).up("1.10").success()).isTrue();
        Squasher.Result dry = dbshift(old).tools().squash("1", "1.10", null, true);
        assertThat(dry.merged()).extracting(Object::toString).containsExactly("1", "1.1", "1.10");
        assertThat(Files.exists(project.dir().resolve("migrations/1__create_a.sql"))).isTrue();

        Squasher.Result squash = dbshift(old).tools().squash("1", "1.10", null, false);
        assertThat(squash.files()).hasSize(2);
        assertThat(Files.exists(project.dir().resolve("migrations/1__create_a.sql"))).isFalse();
        assertThat(Files.readString(project.dir().resolve("migrations/1.10__squash_1_to_1.10.sql")))
                .startsWith("-- dbshift-squashed: 1 s1:").contains("\n-- dbshift:no-transaction\n\n").contains("CREATE TABLE a")
                .contains("CREATE TABLE b (id INT PRIMARY KEY)\n;\n").contains("CREATE INDEX ix_c");

        // the database that applied the range: the squashed migration is applied, nothing to check
        assertThat(states(dbshift(old))).containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING);
        assertThat(dbshift(old).check(false).problems()).isEmpty();
        Report up = dbshift(old).up();
        assertThat(up.results()).extracting(s -> s.step().migration().version().toString()).containsExactly("2");
        // a new database runs the squashed migration once
        Report fresh1 = dbshift(fresh).up();
        assertThat(fresh1.success()).as(fresh1.error()).isTrue();
        assertThat(fresh1.results()).hasSize(2);
        assertThat(columns(fresh)).isEqualTo(columns(old));
        // and its down reverts the whole range
        assertThat(dbshift(fresh).down("base").success()).isTrue();
        assertThat(tables(fresh)).doesNotContain("a", "b", "c");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2"})
    void squashPartlyAppliedRangeIsAProblemAndTouchRenamesTimestamps(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        dbshift(db).up("1");
        dbshift(db).tools().squash("1", "1.10", "base schema", false);
        assertThat(dbshift(db).check(false).problems()).extracting(Problem::code).contains("squash_partial");
        assertThat(dbshift(db).status().warnings()).anyMatch(w -> w.contains("of which this database has only 1"));
        assertThatThrownBy(() -> dbshift(db).up()).isInstanceOf(ValidationException.class).hasMessageContaining("replaces versions 1, 1.1, 1.10");

        project.file("migrations/20200101120000__late.sql", "SELECT 1;\n").file("migrations/20200101120000__late.down.sql", "SELECT 2;\n");
        var touched = dbshift(db).tools().touch("20200101120000", false);
        assertThat(touched.to().toString()).hasSize(14).isGreaterThan("20250101000000");
        assertThat(Files.exists(project.dir().resolve("migrations/" + touched.to() + "__late.sql"))).isTrue();
        assertThat(Files.exists(project.dir().resolve("migrations/" + touched.to() + "__late.down.sql"))).isTrue();
        assertThat(Files.exists(project.dir().resolve("migrations/20200101120000__late.sql"))).isFalse();
        assertThatThrownBy(() -> dbshift(db).tools().touch("1.10", false)).hasMessageContaining("only timestamp versions");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void versionDirectoriesRunAllThenTheEnvironmentInRebuildAndSquash(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        TestDatabase prodDb = start(vendor);
        project.file("migrations/1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY, env VARCHAR(10));\n")
                .file("migrations/1__t.down.sql", "DROP TABLE t;\n")
                .file("migrations/2__data/all.sql", "INSERT INTO t VALUES (1, 'all');\n")
                .file("migrations/2__data/dev.sql", "INSERT INTO t VALUES (2, 'dev');\n")
                .file("migrations/2__data/prod.sql", "INSERT INTO t VALUES (3, 'prod');\n")
                .file("migrations/2__data/all.down.sql", "DELETE FROM t WHERE id = 1;\n")
                .file("migrations/2__data/dev.down.sql", "DELETE FROM t WHERE id = 2;\n")
                .file("migrations/2__data/prod.down.sql", "DELETE FROM t WHERE id = 3;\n");
        DbShift dev = project.configure(db).environment("dev").load();
        assertThat(dev.up().success()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM t WHERE env IN ('all', 'dev')")).isEqualTo(2);
        Report rebuilt = dev.rebuild("2");
        assertThat(rebuilt.success()).as(rebuilt.error()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(2);
        assertThat(rebuilt.results().get(1).statements()).isEqualTo(2);

        Squasher.Result squash = dev.tools().squash("1", "2", "start", false);
        assertThat(squash.files().keySet()).extracting(k -> project.dir().relativize(k).toString().replace('\\', '/'))
                .contains("migrations/2__start/all.sql", "migrations/2__start/dev.sql", "migrations/2__start/prod.sql");
        assertThat(squash.warnings()).anyMatch(w -> w.contains("environment scripts now run after"));
        assertThat(states(dev)).containsExactly(MigrationStatus.State.APPLIED);
        DbShift prod = project.configure(prodDb).environment("prod").load();
        assertThat(prod.up().success()).isTrue();
        assertThat(count(prodDb, "SELECT COUNT(*) FROM t WHERE env IN ('all', 'prod')")).isEqualTo(2);
        assertThat(count(prodDb, "SELECT COUNT(*) FROM t")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void stampAdoptsADatabaseBuiltByOtherMeansAndDriftIsMeasuredFromThere(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        threeMigrations();
        exec(db, "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(50))");
        exec(db, "CREATE TABLE b (id INT PRIMARY KEY)");
        assertThat(dbshift(db).historyCommands().stamp("1.1", false).marks()).hasSize(2);
        assertThat(dbshift(db).history()).last().extracting(HistoryRow::schemaChecksum).asString().startsWith("s9:");
        assertThat(dbshift(db).check(false).ok()).isTrue();
        assertThat(dbshift(db).up().success()).isTrue();
        assertThat(dbshift(db).check(true).ok()).isTrue();
        exec(db, "CREATE TABLE stray (id INT PRIMARY KEY)");
        assertThat(dbshift(db).check(false).problems()).extracting(Problem::code).containsExactly("drift");
        DbShift off = project.configure(db).set("schema_checksum", "off").load();
        assertThat(off.check(false).ok()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs an offline script with the vendor's own client (psql, mariadb, sqlite3, H2's RunScript) as a DBA would, and
     * requires it to succeed: the script tells the client to stop at its first error.
     */
    static void runWithClient(TestDatabase db, String script) throws Exception {
        ClientRun run = runClientAsIs(db, script);
        assertThat(run.exit()).as("%s failed:%n%s%n--- script%n%s", db.vendor(), run.output(), script).isZero();
    }

    /** Table or view name to its columns, dbshift's own tables left out. */
    static Map<String, List<String>> columns(TestDatabase db) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            String schema = db.vendor() == Vendor.MARIADB ? null : c.getSchema();
            try (ResultSet rs = md.getColumns(c.getCatalog(), schema, "%", "%")) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!t.startsWith("dbshift_lock") && !t.startsWith("sqlite_")) {
                        out.computeIfAbsent(t, k -> new ArrayList<>()).add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                                + " " + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    static List<String> tables(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            String schema = db.vendor() == Vendor.MARIADB ? null : c.getSchema();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schema, "%", new String[]{"TABLE", "VIEW"})) {
                while (rs.next()) {
                    out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Applied versions and the checksum each recorded, as status tells them. */
    static Map<String, String> applied(DbShift d) {
        Map<String, String> out = new TreeMap<>();
        for (MigrationStatus m : d.status().migrations()) {
            if (m.state().applied()) {
                out.put(m.version() == null ? "R " + m.description() : m.version(), m.state().label() + " " + m.history().checksum());
            }
        }
        return out;
    }

    private static void exec(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
