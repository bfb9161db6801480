package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.execute.Report;
import dev.dbshift.migration.JavaMigration;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL: what a migration writes into another database through {@code dblink_exec} commits there on its own, and
 * no rollback of the migration's transaction undoes it. A migration that failed after such a write was recorded as
 * rolled back, and the next {@code up} ran it from its start: the remote row was written twice. Now the failure says
 * what stayed, and the next {@code up} stops (exit 3) until a user says it was undone. Each test has a database of its
 * own with the {@code dblink} extension, and a second one holding {@code log}.
 */
class OutsideTransactionWritesTest {
    private final TestProject project = TestProject.create();
    private TestDatabase db;
    private TestDatabase remote;

    @BeforeEach
    void databases() throws SQLException {
        db = TestDatabase.postgresDatabase();
        remote = TestDatabase.postgresDatabase();
        db.exec("CREATE EXTENSION dblink");
        remote.exec("CREATE TABLE log (id int)");
        project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\n");
    }

    @AfterEach
    void drop() {
        db.close();
        remote.close();
    }

    private DbShift dbshift(JavaMigration... java) {
        return project.configure(db).javaMigrations(java).load();
    }

    /** {@code SELECT dblink_exec(...)} writing {@code id} into the remote log. */
    private String logs(int id) {
        return "SELECT dblink_exec('" + remote.libpq() + "', 'INSERT INTO log VALUES (" + id + ")')";
    }

    private void nextUpStops(String version) {
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("dbshift repair --statement-not-done " + version)
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
    }

    @Test
    void aTransactionalMigrationThatFailedAfterWritingElsewhereIsNotRunAgainOverIt() throws Exception {
        project.file("migrations/2__remote.sql", "INSERT INTO t VALUES (1);\n" + logs(1) + ";\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("missing").contains("2__remote.sql:2 (dblink_exec) writes outside the transaction")
                .contains("dbshift repair --statement-not-done 2");
        assertThat(db.count("SELECT COUNT(*) FROM t")).as("rolled back here").isZero();
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("committed there").isEqualTo(1);

        project.file("migrations/2__remote.sql", "INSERT INTO t VALUES (1);\n" + logs(1) + ";\n");
        nextUpStops("2");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        remote.exec("DELETE FROM log");
        assertThat(dbshift().historyCommands().repairStatement("2", false)).contains("runs it from its start");
        dbshift().up();
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("written once").isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    /** A statement that wrote elsewhere and then failed (a DO block) has left what it wrote: no run of it follows. */
    @Test
    void aStatementThatFailedAfterWritingElsewhereIsNotRunAgain() throws Exception {
        project.file("migrations/2__remote.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (1);\nDO $$ BEGIN PERFORM "
                + logs(1).substring("SELECT ".length()) + "; RAISE EXCEPTION 'late'; END $$;\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("late").contains("writes outside the transaction");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        nextUpStops("2");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM t")).as("the statement before it ran once").isEqualTo(1);
    }

    /** The script's own transaction, rolled back by a failure, does not undo what a statement in it wrote elsewhere. */
    @Test
    void theScriptsOwnTransactionRolledBackAfterAWriteElsewhereIsNotRunAgain() throws Exception {
        project.file("migrations/2__remote.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (1);\nBEGIN;\n" + logs(1)
                + ";\nINSERT INTO missing VALUES (1);\nCOMMIT;\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("missing").contains("2__remote.sql:4 (dblink_exec) writes outside the transaction");
        nextUpStops("2");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
    }

    /**
     * Safe DDL tries a schema change that gave up waiting for its lock again, from the transaction's start: after a write
     * elsewhere that would write it again. It is not tried again then: the failure says so, and the next up stops.
     */
    @Test
    void aLockTimeoutAfterAWriteElsewhereIsNotTriedAgain() throws Exception {
        dbshift().up();
        project.file("migrations/2__remote.sql", logs(1) + ";\nALTER TABLE t ADD COLUMN b int;\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE t IN ACCESS SHARE MODE");
            Report failed = FailedRun.report(() -> project.configure(db).set("ddl_lock_timeout", "200ms")
                    .set("ddl_lock_tries", 3).load().up());
            assertThat(failed.error()).contains("not tried again: migrations/2__remote.sql:1 (dblink_exec)");
            holder.rollback();
        }
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("written once").isEqualTo(1);
        nextUpStops("2");
    }

    /** Copying rows in through a remote query writes nothing elsewhere: it runs, and is run again, as any statement. */
    @Test
    void aRemoteQueryIsNotAWriteElsewhere() throws Exception {
        remote.exec("INSERT INTO log VALUES (5)");
        project.file("migrations/2__copy.sql", "INSERT INTO t SELECT id FROM dblink('" + remote.libpq() + "', 'SELECT id FROM"
                + " log') AS x(id int);\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("missing").doesNotContain("outside");
        project.file("migrations/2__copy.sql", "INSERT INTO t SELECT id FROM dblink('" + remote.libpq() + "', 'SELECT id FROM"
                + " log') AS x(id int);\n");
        dbshift().up();
        assertThat(db.count("SELECT COUNT(*) FROM t WHERE id = 5")).isEqualTo(1);
    }

    /**
     * A repeatable migration has no version to repair by: the failure said "repair --statement-not-done null" and the next
     * up ran it again over what it wrote elsewhere. Now the next up stops, and {@code repair --statement-not-done R:sync}
     * (after the write was undone by hand) lets it run again.
     */
    @Test
    void aRepeatableMigrationThatFailedAfterWritingElsewhereIsNotRunAgainOverIt() throws Exception {
        project.file("migrations/R__sync.sql", logs(1) + ";\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("writes outside the transaction").contains("then run 'dbshift repair"
                + " --statement-not-done R:sync' (the next 'up' runs statements 1 to 2 again)").doesNotContain("null");
        assertThat(dbshift().status().warnings()).anySatisfy(w -> assertThat(w).startsWith("repeatable migration R (sync)"));
        assertThatThrownBy(() -> dbshift().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("could not undo").extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        remote.exec("DELETE FROM log");
        project.file("migrations/R__sync.sql", logs(1) + ";\n");
        dbshift().historyCommands().repairStatement("R:sync", false);
        dbshift().up();
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("written once").isEqualTo(1);
    }

    /** A plpgsql function {@code name} that writes {@code id} into the remote log through dblink. */
    private String syncFunction(String name, int id) {
        return "CREATE FUNCTION " + name + "() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM "
                + logs(id).substring("SELECT ".length()) + "; END $$";
    }

    /**
     * What a statement calls of the database's code writes elsewhere too: a function that calls {@code dblink_exec}, one
     * that calls that function, a trigger that does. Each failed after it and was recorded as rolled back, and the next up
     * ran it again (the remote row twice); now the failure names the call, and the next up stops.
     */
    @Test
    void aFunctionOfTheDatabaseThatWritesElsewhereIsAWriteElsewhere() throws Exception {
        db.exec(syncFunction("my_sync", 1));
        db.exec("CREATE FUNCTION outer_sync() RETURNS void LANGUAGE sql AS 'SELECT my_sync()'");
        project.file("migrations/2__remote.sql", "INSERT INTO t VALUES (1);\nSELECT outer_sync();\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("2__remote.sql:2 (outer_sync(), which calls my_sync()) writes outside the transaction");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        nextUpStops("2");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("not written again").isEqualTo(1);
    }

    @Test
    void aTriggerThatWritesElsewhereMakesRowChangesOnItsTableWritesElsewhere() throws Exception {
        auditedTable();
        project.file("migrations/2__remote.sql", "INSERT INTO audited VALUES (1);\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("2__remote.sql:1 (audited, whose trigger calls audit()) writes outside");
        nextUpStops("2");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("not written again").isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM audited")).as("rolled back here").isZero();
    }

    /** {@code audited}, whose trigger calls {@code audit()}, which calls {@code my_sync()}, which writes elsewhere. */
    private void auditedTable() throws SQLException {
        db.exec(syncFunction("my_sync", 1));
        db.exec("CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM my_sync(); RETURN NEW; END $$");
        db.exec("CREATE TABLE audited (id int)");
        db.exec("CREATE TRIGGER audited_sync AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION audit()");
    }

    /** A change of such a table's shape fires no trigger: it is no write elsewhere, and runs again after a failure. */
    @Test
    void aSchemaChangeOfATableWhoseTriggerWritesElsewhereIsNoWriteElsewhere() throws Exception {
        auditedTable();
        project.file("migrations/2__note.sql", "ALTER TABLE audited ADD COLUMN note text;\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("missing").doesNotContain("outside");
        project.file("migrations/2__note.sql", "ALTER TABLE audited ADD COLUMN note text;\n");
        dbshift().up();
        assertThat(db.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'audited'")).isEqualTo(2);
    }

    /** A function a migration of the run makes, then a later one calls: learned from its definition. */
    @Test
    void aFunctionTheRunMakesThatWritesElsewhereIsAWriteElsewhereWhenCalled() throws Exception {
        project.file("migrations/2__function.sql", syncFunction("my_sync", 1) + ";\n");
        project.file("migrations/3__call.sql", "SELECT my_sync();\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("3__call.sql:1 (my_sync(), which calls dblink_exec) writes outside");
        nextUpStops("3");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("not written again").isEqualTo(1);
    }

    /** A function made after a write elsewhere in the same migration is learned too (the walk reads every statement). */
    @Test
    void aFunctionMadeAfterAWriteElsewhereIsLearnedToo() throws Exception {
        project.file("migrations/2__function.sql", logs(1) + ";\n" + syncFunction("my_sync", 2) + ";\n");
        project.file("migrations/3__call.sql", "SELECT my_sync();\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("3__call.sql:1 (my_sync(), which calls dblink_exec) writes outside");
        nextUpStops("3");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("each written once").isEqualTo(2);
    }

    /** A trigger a migration of the run puts on a table (its function calls one that writes elsewhere): learned too. */
    @Test
    void aTriggerTheRunMakesThatWritesElsewhereMakesRowChangesOnItsTableWritesElsewhere() throws Exception {
        project.file("migrations/2__audit.sql", syncFunction("\"My_Sync\"", 1) + ";\nCREATE FUNCTION audit() RETURNS trigger"
                + " LANGUAGE plpgsql AS $$ BEGIN PERFORM \"My_Sync\"(); RETURN NEW; END $$;\nCREATE TABLE audited (id int);\n"
                + "CREATE TRIGGER audited_sync AFTER INSERT ON public.audited FOR EACH ROW EXECUTE FUNCTION audit();\n");
        project.file("migrations/3__insert.sql", "INSERT INTO audited VALUES (1);\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("3__insert.sql:1 (audited, whose trigger calls audit()) writes outside");
        nextUpStops("3");
        assertThat(remote.count("SELECT COUNT(*) FROM log")).as("not written again").isEqualTo(1);
    }

    /** An event trigger that writes elsewhere runs with every schema change: each is a write elsewhere. */
    @Test
    void anEventTriggerThatWritesElsewhereMakesEverySchemaChangeAWriteElsewhere() throws Exception {
        db.exec(syncFunction("my_sync", 1));
        db.exec("CREATE FUNCTION ddl_sync() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM my_sync(); END $$");
        db.exec("CREATE EVENT TRIGGER ddl_sync ON ddl_command_end EXECUTE FUNCTION ddl_sync()");
        project.file("migrations/2__u.sql", "CREATE TABLE u (id int);\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("2__u.sql:1 (event trigger ddl_sync, which calls ddl_sync()) writes outside");
        nextUpStops("2");
    }

    /** A function that only reads through dblink is no write elsewhere: its migration runs again after a failure. */
    @Test
    void aFunctionThatOnlyQueriesElsewhereIsNoWriteElsewhere() throws Exception {
        db.exec("CREATE FUNCTION remote_count() RETURNS bigint LANGUAGE sql AS $$ SELECT n FROM dblink('" + remote.libpq()
                + "', 'SELECT COUNT(*) FROM log') AS x(n bigint) $$");
        project.file("migrations/2__count.sql", "INSERT INTO t SELECT remote_count();\nINSERT INTO missing VALUES (1);\n");
        Report failed = FailedRun.report(() -> dbshift().up());
        assertThat(failed.error()).contains("missing").doesNotContain("outside");
        project.file("migrations/2__count.sql", "INSERT INTO t SELECT remote_count();\n");
        dbshift().up();
        assertThat(db.count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    /** Writes into the remote log through dblink, then fails while {@code fail} is set. */
    final class WritesElsewhere extends JavaMigrationFailureTest.VersionTwo {
        volatile boolean fail = true;
        private final String call;

        WritesElsewhere() {
            this(logs(7));
        }

        /** Writes elsewhere by running {@code call}. */
        WritesElsewhere(String call) {
            super("writes elsewhere");
            this.call = call;
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO t VALUES (1)");
                st.executeQuery(call).close();
                if (fail) {
                    st.executeUpdate("INSERT INTO missing VALUES (1)");
                }
            }
        }
    }

    /**
     * A Java migration in dbshift's transaction: its write elsewhere counts as what stays when it fails (and the row
     * before it, which committed with the mark before the write), so the next up stops; before, both were counted as
     * rolled back, and the next up wrote the remote row again.
     */
    @Test
    void whatAJavaMigrationWroteElsewhereIsWhatStays() throws Exception {
        failsLeavingWhatItWroteElsewhere(new WritesElsewhere(), "dblink_exec");
    }

    /** The same through a function of the database that calls {@code dblink_exec}: the statement's text shows no dblink. */
    @Test
    void whatAJavaMigrationWroteElsewhereThroughAFunctionIsWhatStays() throws Exception {
        db.exec(syncFunction("my_sync", 7));
        failsLeavingWhatItWroteElsewhere(new WritesElsewhere("SELECT my_sync()"), "SELECT my_sync()");
    }

    /** {@code java} fails after its write elsewhere, which its failure lists ({@code shows}); the next up stops. */
    private void failsLeavingWhatItWroteElsewhere(WritesElsewhere java, String shows) throws Exception {
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing").contains("2 statement(s) it ran before the failure stay applied")
                .contains(shows);
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(DbShiftException.class)
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
    }
}
