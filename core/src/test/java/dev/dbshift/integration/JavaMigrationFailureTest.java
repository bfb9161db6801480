package dev.dbshift.integration;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.execute.Report;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.migration.JavaMigration;
import dev.dbshift.plan.MigrationStatus;
import dev.dbshift.plan.ValidationException;
import dev.dbshift.testing.FailedRun;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Java migration that fails outside a transaction (MariaDB and H2 commit each statement; elsewhere a migration that
 * holds its own transaction or runs in autocommit) may leave statements committed. dbshift cannot run Java code from its
 * middle, so the next {@code up} must not run it from its start over them: it stops and names what stayed.
 */
class JavaMigrationFailureTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private TestDatabase db;
    private final TestProject project = TestProject.create();

    /** The Java migrations of these tests: version 2, between a script that creates table a and any after it. */
    abstract static class VersionTwo implements JavaMigration {
        private final String description;

        VersionTwo(String description) {
            this.description = description;
        }

        @Override
        public final String version() {
            return "2";
        }

        @Override
        public final String description() {
            return description;
        }
    }

    /** Seeds a row and creates a table, then fails while {@code fail} is set (with {@code failFirst}: before anything). */
    static final class SeedThenFail extends VersionTwo {
        private final boolean failFirst;
        volatile boolean fail = true;

        SeedThenFail(boolean failFirst) {
            super("seed then fail");
            this.failFirst = failFirst;
        }

        @Override
        public void up(Connection connection) throws Exception {
            if (failFirst && fail) {
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
            try (Statement st = connection.createStatement()) {
                st.executeQuery("SELECT COUNT(*) FROM a").close(); // a query changes nothing
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO a VALUES (?, ?)")) {
                ps.setInt(1, 7);
                ps.setString(2, "java");
                ps.executeUpdate();
            }
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE b (id INT)");
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    private DbShift dbshift(JavaMigration java) {
        return project.configure(db).javaMigrations(java).load();
    }

    private long count(String sql) throws SQLException {
        return db.count(sql);
    }

    private void exec(String sql) throws SQLException {
        db.exec(sql);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationThatFailedAfterCommittingStatementsIsNotRunAgainOverThem(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        SeedThenFail java = new SeedThenFail(false);
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("2 (seed then fail)").contains("missing_table")
                .contains("2 statement(s) it ran before the failure stay applied")
                .contains("INSERT INTO a VALUES (?, ?)").contains("CREATE TABLE b (id INT)")
                .contains("dbshift repair").contains("dbshift stamp 2");
        HistoryRow row = dbshift(java).history().get(1);
        assertThat(row.success()).isFalse();
        assertThat(row.statementsDone()).isEqualTo(2);
        assertThat(row.errorMessage()).contains("INSERT INTO a VALUES (?, ?)");
        assertThat(dbshift(java).status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.PARTIAL);

        java.fail = false; // "fixed": run again from its start, it would insert the row a second time
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("2 statement(s)").hasMessageContaining("dbshift repair")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThatThrownBy(() -> dbshift(java).planUp(null)).isInstanceOf(ValidationException.class);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);

        // the way out it names: undo by hand, repair, and the next up runs it from its start
        exec("DELETE FROM a");
        exec("DROP TABLE b");
        dbshift(java).historyCommands().repair(false);
        Report r = dbshift(java).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM b")).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationThatFailedBeforeCommittingAnythingRunsAgain(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        SeedThenFail java = new SeedThenFail(true);
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing_table").doesNotContain("stay applied");
        assertThat(dbshift(java).history().get(1).statementsDone()).isZero();
        java.fail = false;
        Report r = dbshift(java).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationFinishedByHandIsStamped(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n")
                .file("migrations/3__c.sql", "CREATE TABLE c (id INT);\n");
        SeedThenFail java = new SeedThenFail(false);
        FailedRun.report(() -> dbshift(java).up());
        dbshift(java).historyCommands().stamp("2", false);
        Report r = dbshift(java).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(r.results()).extracting(x -> x.step().migration().label()).containsExactly("3 (c)");
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
        assertThat(List.of(dbshift(java).status().migrations().get(1).state())).containsExactly(MigrationStatus.State.STAMPED);
    }

    /** Starts {@link JavaMigrationChild} and returns it once its Java migration sleeps where {@code pause} says. */
    private Process childSleeping(String pause, String... more) throws Exception {
        String jvm = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(jvm, "-cp", System.getProperty("java.class.path"),
                JavaMigrationChild.class.getName(), db.url(), db.user(), project.dir().toString(), pause));
        command.addAll(List.of(more));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("SLEEPING")) {
                return child;
            }
            said.append(line).append('\n');
        }
        throw new AssertionError("the child ended before its Java migration slept:\n" + said);
    }

    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
    }

    private DbShift afterTheKill() {
        return dbshift(new JavaMigrationChild.Slow(JavaMigrationChild.Slow.Pause.NONE));
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationKilledAfterItBeganToChangeTheDatabaseStopsTheNextUpUntilTheUserSays(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n")
                .file("migrations/3__c.sql", "CREATE TABLE c (id INT);\n");
        kill(childSleeping("after"));
        assertThatThrownBy(() -> afterTheKill().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("Java migration " + JavaMigrationChild.Slow.class.getName())
                .hasMessageContaining("dbshift repair --statement-not-done 2").hasMessageContaining("dbshift repair --statement-done 2")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);

        // the user found it complete: recorded as applied, and the next up goes on after it
        assertThat(afterTheKill().historyCommands().repairStatement("2", true)).contains("recorded as applied");
        Report r = afterTheKill().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(r.results()).extracting(x -> x.step().migration().label()).containsExactly("3 (c)");
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
        HistoryRow two = afterTheKill().history().stream().filter(h -> "2".equals(h.version())).reduce((a, b) -> b).orElseThrow();
        assertThat(two.success()).isTrue();
        assertThat(two.kind()).isEqualTo("java");
        assertThat(afterTheKill().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.APPLIED);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationKilledAndUndoneByHandRunsFromItsStartOnceTheUserSaysNotDone(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        kill(childSleeping("after"));
        exec("DELETE FROM a");
        exec("DROP TABLE b");
        afterTheKill().historyCommands().repairStatement("2", false);
        Report r = afterTheKill().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /**
     * On PostgreSQL and SQLite a Java migration runs in dbshift's transaction, which a kill rolls back with the mark in
     * it: the next up runs it again. One that committed that transaction itself left its mark committed: undecided.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "SQLITE"})
    void aJavaMigrationKilledInDbshiftsTransactionRunsAgainUnlessItCommittedIt(Vendor vendor) throws Exception {
        upRunsItOnceAfterAKill(vendor, "after");

        db = databases.start(vendor); // the first is dropped with it after the test
        kill(childSleeping("committed"));
        assertThatThrownBy(() -> afterTheKill().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("dbshift repair --statement-done 2")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationKilledBeforeItChangedAnythingRunsAgain(Vendor vendor) throws Exception {
        upRunsItOnceAfterAKill(vendor, "first");
    }

    /** Runs a MariaDB compound statement that creates a table, then fails while {@code fail} is set. */
    static final class BlockThenFail extends VersionTwo {
        volatile boolean fail = true;

        BlockThenFail() {
            super("block then fail");
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN NOT ATOMIC CREATE TABLE b (id INT); INSERT INTO a VALUES (7, 'java'); END");
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    /**
     * MariaDB's {@code BEGIN NOT ATOMIC ... END} is a block, not a transaction: the watch read its statements with the
     * generic classifier, took the block for transaction control (harmless, and the start of a transaction), and the
     * table and row it made were not among what stayed. It reads them by the database's rules now, as a script's.
     */
    @org.junit.jupiter.api.Test
    void aMariaDbBlockThatCommittedIsAmongWhatStays() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        BlockThenFail java = new BlockThenFail();
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("1 statement(s) it ran before the failure stay applied", "BEGIN NOT ATOMIC CREATE TABLE b");
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class);
        // the block's CREATE TABLE committed; its INSERT, in the migration's transaction after it, rolled back
        assertThat(count("SELECT COUNT(*) FROM b")).isZero();
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
    }

    /** A Java down killed after its first change: the next down stops until the user says, and done records it reverted. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaDownKilledAfterItBeganToChangeTheDatabaseStopsTheNextDownUntilTheUserSays(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        assertThat(afterTheKill().up().success()).isTrue();
        kill(childSleeping("down"));
        assertThatThrownBy(() -> afterTheKill().down("1")).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("going down").hasMessageContaining("the next 'down' runs it from its start")
                .hasMessageContaining("dbshift repair --statement-done 2")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        exec("DELETE FROM a WHERE id = 7"); // the rest of the down, by hand
        assertThat(afterTheKill().historyCommands().repairStatement("2", true)).contains("recorded as reverted");
        assertThat(afterTheKill().status().migrations().get(1).state()).isEqualTo(MigrationStatus.State.ROLLED_BACK);
        Report up = afterTheKill().up();
        assertThat(up.success()).as(up.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /** Killed with its row inserted and no schema change yet: the row rolled back with the mark, so it runs again. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaMigrationKilledWithOnlyRowsInsertedRunsAgain(Vendor vendor) throws Exception {
        upRunsItOnceAfterAKill(vendor, "rows");
    }

    /** The child's up killed where {@code pause} says; the next up runs the migration, which leaves its one row. */
    private void upRunsItOnceAfterAKill(Vendor vendor, String pause) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        kill(childSleeping(pause));
        Report r = afterTheKill().up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /** Inserts two rows, then fails while {@code fail} is set. */
    static final class RowsThenFail extends VersionTwo {
        volatile boolean fail = true;

        RowsThenFail() {
            super("rows then fail");
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO a VALUES (7, 'java')");
                st.executeUpdate("INSERT INTO a VALUES (8, 'java')");
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    /**
     * Where DDL commits on its own but rows roll back (MariaDB/InnoDB, H2), a Java migration runs in a transaction: its
     * rows commit with its history row, so one that fails leaves none of them (it ran in autocommit, each row committed,
     * and the next up stopped over them), and one that succeeds commits them in one go (a data migration of 20,000
     * single-row INSERTs took 4.2 times as long as Flyway, which runs it in a transaction).
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void rowsAJavaMigrationInsertedBeforeItFailedAreRolledBackWhereOnlyDdlCommits(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        RowsThenFail java = new RowsThenFail();
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing_table").doesNotContain("stay applied");
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
        assertThat(dbshift(java).planUp(null).steps().get(0).mode()).isEqualTo("transaction (its DDL commits)");
        java.fail = false;
        Report r = dbshift(java).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);
    }

    /**
     * MariaDB: rows a Java migration wrote into a table that keeps them through a rollback (MyISAM) stay when it fails, so
     * they are what stays, and the next up stops over them; before, they were counted as rolled back with dbshift's
     * transaction, and the next up ran the migration again from its start and wrote them a second time.
     */
    @org.junit.jupiter.api.Test
    void rowsAJavaMigrationWroteIntoATableThatKeepsThemAreWhatStays() throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20)) ENGINE=MyISAM;\n");
        RowsThenFail java = new RowsThenFail();
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing_table").contains("2 statement(s) it ran before the failure stay applied")
                .contains("INSERT INTO a VALUES (8, 'java')");
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class)
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);
    }

    /**
     * MariaDB: killed right after its row went into a table that keeps it through a rollback (MyISAM), a Java migration
     * is undecided, and the next up stops. Its mark had waited in its transaction, the kill rolled the mark back with it
     * and left the row, and the next up ran the migration again from its start: two rows for one INSERT. So too where the
     * migration had opened a transaction with SQL {@code BEGIN}, which only its end commits.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rows", "begin_rows"})
    void aJavaMigrationKilledAfterARowThatStaysStopsTheNextUp(String pause) throws Exception {
        db = databases.start(Vendor.MARIADB);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20)) ENGINE=MyISAM;\n");
        kill(childSleeping(pause));
        assertThatThrownBy(() -> afterTheKill().up()).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("dbshift repair --statement-not-done 2")
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /**
     * PostgreSQL: a Java migration in dbshift's transaction, killed after it wrote into another database through
     * {@code dblink_exec}: the kill rolled back its transaction and the mark in it, the remote row stayed, and the next up
     * ran it again from its start (two remote rows). Its mark now commits before such a write: the next up stops.
     */
    @Test
    void aJavaMigrationKilledAfterAWriteElsewhereStopsTheNextUp() throws Exception {
        try (TestDatabase own = TestDatabase.postgresDatabase(); TestDatabase remote = TestDatabase.postgresDatabase()) {
            db = own;
            exec("CREATE EXTENSION dblink");
            remote.exec("CREATE TABLE log (id int)");
            project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
            kill(childSleeping("outside", remote.libpq()));
            assertThatThrownBy(() -> afterTheKill().up()).isInstanceOf(DbShiftException.class)
                    .hasMessageContaining("dbshift repair --statement-not-done 2")
                    .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
            assertThat(remote.count("SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).as("committed with the mark before the write").isEqualTo(1);
        }
    }

    /** Inserts a row into table a of another database, then fails while {@code fail} is set. */
    static final class IntoAnotherDatabase extends VersionTwo {
        private final String database;
        volatile boolean fail = true;

        IntoAnotherDatabase(String database) {
            super("into another database");
            this.database = database;
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO a VALUES (1, 'here')");
                st.executeUpdate("INSERT INTO " + database + ".a VALUES (7, 'java')");
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    /**
     * MariaDB: a row a Java migration wrote into another database's MyISAM table stays when it fails, and is what
     * stays (with the InnoDB row before it, which committed with the mark before it ran): the next up stops over them.
     * That database was never asked, the row was counted as rolled back, and the next up wrote it a second time.
     */
    @org.junit.jupiter.api.Test
    void rowsAJavaMigrationWroteIntoAnotherDatabasesTableThatKeepsThemAreWhatStays() throws Exception {
        db = databases.start(Vendor.MARIADB);
        TestDatabase other = databases.start(Vendor.MARIADB);
        try (Connection c = other.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE a (id INT, name VARCHAR(20)) ENGINE=MyISAM");
        }
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        IntoAnotherDatabase java = new IntoAnotherDatabase(other.name());
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing_table").contains("2 statement(s) it ran before the failure stay applied")
                .contains("INSERT INTO " + other.name() + ".a VALUES (7, 'java')");
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class)
                .extracting(e -> ((DbShiftException) e).exitCode()).isEqualTo(3);
        try (Connection c = other.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM a")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(1);
    }

    /** Makes a MyISAM table, whose rows stay through a rollback. */
    static final class MakesMyIsamTable extends VersionTwo {
        MakesMyIsamTable() {
            super("myisam log");
        }

        @Override
        public void up(Connection connection) throws Exception {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE log (id INT) ENGINE=MyISAM");
            }
        }
    }

    /**
     * MariaDB: a table a Java migration made that keeps its rows through a rollback counts for the scripts after it in
     * the same run: their row changes into it are written once. The run had asked the schema at its first step, before
     * the table was there, and a script's INSERT into it in a group that then failed was written again by the next up.
     */
    @org.junit.jupiter.api.Test
    void rowsWrittenAfterAJavaMigrationMadeATableThatKeepsThemAreWrittenOnce() throws Exception {
        db = databases.start(Vendor.MARIADB);
        String rows = "INSERT INTO log VALUES (1);\nINSERT INTO a VALUES (1, 'x');\nINSERT INTO a VALUES (%d, 'y');\n";
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(20));\n")
                .file("migrations/3__rows.sql", rows.formatted(1));
        MakesMyIsamTable java = new MakesMyIsamTable();
        FailedRun.report(() -> dbshift(java).up());
        project.file("migrations/3__rows.sql", rows.formatted(2));
        Report fixed = dbshift(java).up();
        assertThat(fixed.success()).as(fixed.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM log")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);
    }

    /** Inserts a row in a transaction of its own, commits it or not, then fails while {@code fail} is set. */
    static final class InItsOwnTransaction extends VersionTwo {
        private final boolean commit;
        volatile boolean fail = true;

        InItsOwnTransaction(boolean commit) {
            super("own transaction");
            this.commit = commit;
        }

        @Override
        public void up(Connection connection) throws Exception {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO a VALUES (7, 'java')");
                if (commit) {
                    connection.commit();
                }
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rowsAJavaMigrationsOwnTransactionHadNotCommittedAreNotWhatStays(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        InItsOwnTransaction java = new InItsOwnTransaction(false);
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("missing_table").doesNotContain("stay applied");
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
        java.fail = false;
        Report r = dbshift(java).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rowsAJavaMigrationCommittedItselfAreWhatStays(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        InItsOwnTransaction java = new InItsOwnTransaction(true);
        Report failed = FailedRun.report(() -> dbshift(java).up());
        assertThat(failed.error()).contains("1 statement(s) it ran before the failure stay applied", "INSERT INTO a VALUES (7, 'java')");
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /**
     * Loads a row with PostgreSQL's COPY through the driver's own API, as Flyway migrations do
     * ({@code new CopyManager((BaseConnection) connection)}), with {@code commit} commits it, then fails while
     * {@code fail} is set.
     */
    static final class CopyThenFail extends VersionTwo {
        private final boolean commit;
        volatile boolean fail;

        CopyThenFail(boolean commit, boolean fail) {
            super("copy then fail");
            this.commit = commit;
            this.fail = fail;
        }

        @Override
        public void up(Connection connection) throws Exception {
            new org.postgresql.copy.CopyManager((org.postgresql.core.BaseConnection) connection)
                    .copyIn("COPY a FROM STDIN", new java.io.StringReader("7\tjava\n"));
            if (commit) {
                connection.commit();
            }
            try (Statement st = connection.createStatement()) {
                ((org.postgresql.PGStatement) st).setPrepareThreshold(1); // a statement cast to the driver's own too
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    @Test
    void aMigrationThatCastsTheConnectionToTheDriversOwnRunsAsUnderFlyway() throws Exception {
        db = databases.start(Vendor.POSTGRES);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        Report r = dbshift(new CopyThenFail(false, false)).up();
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7 AND name = 'java'")).isEqualTo(1);
    }

    @Test
    void whatACallOfTheDriversOwnRanAndCommittedIsAmongWhatStays() throws Exception {
        db = databases.start(Vendor.POSTGRES);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        CopyThenFail java = new CopyThenFail(true, true);
        Report failed = FailedRun.report(() -> dbshift(java).up());
        // CopyManager asks the connection for its encoding and its query executor: what runs through them is not seen
        assertThat(failed.error()).contains("2 statement(s) it ran before the failure stay applied")
                .contains("BaseConnection.getQueryExecutor(), a call of the driver's own: what it ran is not seen");
        java.fail = false; // run again from its start, it would copy the row a second time
        assertThatThrownBy(() -> dbshift(java).up()).isInstanceOf(ValidationException.class);
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);

        // not committed by the migration: the step's rollback undoes the copy, and the next up runs it from its start
        exec("DELETE FROM a");
        dbshift(java).historyCommands().repair(false);
        CopyThenFail uncommitted = new CopyThenFail(false, true);
        assertThat(FailedRun.report(() -> dbshift(uncommitted).up()).error()).doesNotContain("stay applied");
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
        uncommitted.fail = false;
        assertThat(dbshift(uncommitted).up().success()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a WHERE id = 7")).isEqualTo(1);
    }

    /** Adds a NOT NULL column without a default: SQLite rebuilds the table, and its copy fails on the rows there. */
    static final class AddRequired extends dev.dbshift.fluent.FluentMigration {
        AddRequired() {
            super("2", "add required");
        }

        @Override
        protected void up(dev.dbshift.fluent.Schema schema) {
            schema.table("a").addColumn("req", dev.dbshift.fluent.ColumnDefinition.integer().notNull());
        }
    }

    /**
     * With foreign keys on, SQLite's rebuild runs in a transaction of its own ({@code BEGIN ... COMMIT}), which the fluent
     * migration rolls back when its copy fails: nothing stays, and the next up runs it from its start.
     */
    @org.junit.jupiter.api.Test
    void anSqliteRebuildRolledBackInItsOwnTransactionLeavesNothingToStopAt() throws Exception {
        db = databases.start(Vendor.SQLITE);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\nINSERT INTO a VALUES (1, 'x');\n");
        DbShift dbshift = project.configure(db).url(db.url() + "?foreign_keys=true").javaMigrations(new AddRequired())
                .noServiceLoadedJavaMigrations().load();
        Report failed = FailedRun.report(dbshift::up);
        assertThat(failed.error()).contains("NOT NULL").doesNotContain("stay applied");
        assertThat(dbshift.history().get(1).statementsDone()).isZero();
        exec("DELETE FROM a");
        Report r = dbshift.up();
        assertThat(r.success()).as(r.error()).isTrue();
    }

    /** Goes up with a row; its down creates a table (which commits), then fails while {@code fail} is set. */
    static final class DownThenFail extends VersionTwo {
        volatile boolean fail = true;

        DownThenFail() {
            super("down then fail");
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
                st.execute("CREATE TABLE went_down (id INT)");
                if (fail) {
                    st.executeUpdate("INSERT INTO missing_table VALUES (1)");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MARIADB", "H2"})
    void aJavaDownThatFailedAfterCommittingStatementsIsNotRunAgainOverThem(Vendor vendor) throws Exception {
        db = databases.start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(20));\n");
        DownThenFail java = new DownThenFail();
        assertThat(dbshift(java).up().success()).isTrue();
        Report failed = FailedRun.report(() -> dbshift(java).down("1"));
        // the DELETE committed when the CREATE TABLE did, as the server commits before a schema change
        assertThat(failed.error()).contains("2 statement(s) it ran before the failure stay applied", "DELETE FROM a WHERE id = 7",
                "CREATE TABLE went_down", "the next 'down' runs it from its start");
        java.fail = false;
        assertThatThrownBy(() -> dbshift(java).down("1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("failed going down after 2 statement(s)");
        assertThat(count("SELECT COUNT(*) FROM went_down")).isZero();

        exec("DROP TABLE went_down");
        exec("INSERT INTO a VALUES (7, 'java')");
        dbshift(java).historyCommands().repair(false);
        Report r = dbshift(java).down("1");
        assertThat(r.success()).as(r.error()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
    }
}
