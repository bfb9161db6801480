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

    // ------------------------------------------------------------------ item 5

    /** A default mariadb-dump of a small schema: LOCK TABLES, DISABLE KEYS, INSERTs, UNLOCK TABLES. */
    private static String mariadbDump() throws Exception {
        try (TestDatabase source = TestDatabase.create(Vendor.MARIADB)) {
            try (Connection c = source.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(50))");
                st.execute("INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR'), (2, 'ACE GOLDFINGER')");
                st.execute("CREATE TABLE actor (actor_id INT PRIMARY KEY, name VARCHAR(50))");
                st.execute("INSERT INTO actor VALUES (1, 'PENELOPE'), (2, 'NICK'), (3, 'ED')");
            }
            Process p = new ProcessBuilder("mariadb-dump", "-h127.0.0.1", "-P3306", "-u" + source.user(), source.name())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(dump).contains("LOCK TABLES `actor` WRITE").contains("UNLOCK TABLES");
            return dump;
        }
    }

    @Test
    void aMariadbDumpWithLockTablesLoadsAsTheClientLoadsIt() throws Exception {
        project.file("migrations/1__sakila_like.sql", mariadbDump());
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM film")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM actor")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_history WHERE version = '1' AND success")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).isZero();
        }
    }

    @Test
    void aDumpFailingUnderLockTablesStillGetsItsFailedRow() throws Exception {
        String dump = mariadbDump();
        int unlock = dump.indexOf("UNLOCK TABLES;", dump.indexOf("LOCK TABLES `film` WRITE"));
        project.file("migrations/1__broken_dump.sql", dump.substring(0, unlock) + "INSERT INTO no_such_table VALUES (1);\n"
                + dump.substring(unlock));
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.out() + up.err()).contains("no_such_table");
            DbShiftProcess.Result errors = run(db, "errors");
            assertThat(errors.exit()).isZero();
            assertThat(errors.out()).contains("no_such_table").doesNotContain("No operation has failed");
            // the session's table locks were released: the history and runs tables are written and readable
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).isZero();
            DbShiftProcess.Result status = run(db, "status", "--json");
            assertThat(json(status).get("migrations").get(0).get("state").asText()).startsWith("failed");
        }
    }

    // ------------------------------------------------------------------ item 10

    private static int tables(TestDatabase db, String... names) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('"
                + String.join("', '", names) + "')");
    }

    @Test
    void rollbackRunOnMariadbRevertsThePartlyAppliedMigrationToo() throws Exception {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n").file("migrations/1__a.down.sql", "DROP TABLE a;\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\nCREATE TABLE c (id INT);\nINSERT INTO nope VALUES (1);\n")
                .file("migrations/2__b.down.sql", "DROP TABLE c;\nDROP TABLE b;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            DbShiftProcess.Result up = run(db, "up", "--on-failure", "rollback-run");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.err()).contains("nope").contains("reverted 2 (b), 1 (a)").contains("were reverted with its down script");
            assertThat(tables(db, "a", "b", "c")).as("all or nothing: nothing stays").isZero();
            JsonNode status = json(run(db, "status", "--json"));
            assertThat(status.get("pending").asInt()).isEqualTo(2);

            project.file("migrations/2__b.sql", "CREATE TABLE b (id INT);\nCREATE TABLE c (id INT);\n");
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(tables(db, "a", "b", "c")).isEqualTo(3);
        }
    }

    @Test
    void rollbackRunSaysWhichStatementsStayedWhenTheDownScriptFails() throws Exception {
        project.file("migrations/1__b.sql", "CREATE TABLE b (id INT);\nINSERT INTO nope VALUES (1);\nCREATE TABLE c (id INT);\n")
                .file("migrations/1__b.down.sql", "DROP TABLE c;\nDROP TABLE b;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            DbShiftProcess.Result up = run(db, "up", "--on-failure", "rollback-run");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.err()).contains("reverting it failed too").contains("statement 1 of 1 (b) (migrations/1__b.sql) ran and stay applied")
                    .doesNotContain("the run was rolled back");
            assertThat(tables(db, "b")).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ item 1: the dead session finishes first

    /**
     * The client is SIGKILLed while the server runs a long statement that commits on its own (DDL on
     * MariaDB; CREATE INDEX CONCURRENTLY on PostgreSQL), and the next {@code up} starts at once: it
     * must wait for the migration lock until the server has finished the statement and ended the dead
     * session, then find the statement done (the object is there) and go on after it, not run it again.
     */
    @Test
    void mariadbNextUpWaitsForTheKilledRunsStatementAndFindsItDone() throws Exception {
        project.file("migrations/1__copy.sql", "CREATE TABLE src (id INT);\nINSERT INTO src SELECT seq FROM seq_1_to_1000;\n"
                + "CREATE TABLE dst AS SELECT id FROM src CROSS JOIN (SELECT SLEEP(2) AS z) t;\nINSERT INTO src VALUES (0);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            killWhileRunning(db, "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'CREATE TABLE dst AS%'"
                    + " AND db = '" + db.name() + "'", null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.out()).contains("while statement 3 (migrations/1__copy.sql:3) ran; done (verified: table dst exists)");
            assertThat(count(db, "SELECT COUNT(*) FROM dst")).isEqualTo(1000);
            assertThat(count(db, "SELECT COUNT(*) FROM src")).isEqualTo(1001);
        }
    }

    /**
     * A phpMyAdmin export adds each table's keys after its rows in one {@code ALTER TABLE} of several actions (the
     * longest statement of a large import), and Django's and Rails' SQL add named indexes and foreign keys one ALTER at
     * a time. The client is SIGKILLed while the server runs one (here: waits for a reader's metadata lock). The next
     * {@code up} waits for the dead session, then finds every key there (done: it goes on after it) or none (not done:
     * it runs it again); before, any ALTER TABLE of several actions, and any that added an index or a constraint, stopped
     * it with exit 3 for a person to look.
     */
    @Test
    void mariadbKilledInAnAlterTableOfSeveralActionsFindsWhetherItRan() throws Exception {
        project.file("migrations/1__keys.sql", "CREATE TABLE u (id INT NOT NULL, email VARCHAR(50));\n"
                + "CREATE TABLE p (id INT NOT NULL, u INT);\nDO SLEEP(1);\nALTER TABLE `p`\n  ADD PRIMARY KEY (`id`),\n"
                + "  ADD KEY `u` (`u`);\nALTER TABLE `u`\n  ADD PRIMARY KEY (`id`),\n  ADD UNIQUE KEY `email` (`email`);\n"
                + "INSERT INTO u VALUES (1, 'a');\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            String alter = "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'ALTER TABLE `p`%' AND db = '"
                    + db.name() + "'";
            try (Connection blocker = db.connect()) {
                Process next;
                blocker.setAutoCommit(false);
                Process up = DbShiftProcess.builder(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), "up")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                while (count(db, "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'DO SLEEP%' AND db = '"
                        + db.name() + "'") == 0) {
                    assertThat(up.isAlive()).isTrue();
                    Thread.sleep(20);
                }
                try (Statement st = blocker.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM p").close(); // holds p's metadata lock until it commits
                }
                while (count(db, alter) == 0) {
                    assertThat(up.isAlive()).isTrue();
                    Thread.sleep(20);
                }
                up.destroyForcibly();
                assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                next = DbShiftProcess.builder(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), "up",
                        "--lock-timeout", "60s").redirectErrorStream(true).start();
                Thread.sleep(500);
                blocker.commit(); // now the dead session's ALTER runs, whole
                assertThat(next.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String out = new String(next.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(next.exitValue()).as(out).isZero();
                assertThat(out).contains("done (verified: the primary key of `p` exists");
            }
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = '" + db.name()
                    + "' AND table_name IN ('p', 'u') AND index_name IN ('PRIMARY', 'u', 'email')")).isEqualTo(4);
            assertThat(count(db, "SELECT COUNT(*) FROM u")).isEqualTo(1);

            // killed again while it waits, and its ALTER ended by the server before it ran: none of it is there
            project.file("migrations/2__fk.sql", "ALTER TABLE `p`\n  ADD CONSTRAINT `p_u` FOREIGN KEY (`u`) REFERENCES `u` (`id`),"
                    + "\n  ADD COLUMN `note` VARCHAR(10);\n");
            try (Connection blocker = db.connect()) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM p").close();
                }
                killWhileRunning(db, alter, null);
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id FROM information_schema.processlist WHERE info LIKE 'ALTER TABLE `p`%'"
                             + " AND db = '" + db.name() + "'")) {
                    assertThat(rs.next()).isTrue();
                    long id = rs.getLong(1);
                    st.execute("KILL " + id);
                    // KILL returns before the session ends: a lock granted first may let its ALTER run (seen once)
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                    while (count(db, "SELECT COUNT(*) FROM information_schema.processlist WHERE id = " + id) > 0) {
                        assertThat(System.nanoTime()).as("the killed session never ended").isLessThan(deadline);
                        Thread.sleep(20);
                    }
                }
                blocker.commit();
            }
            DbShiftProcess.Result again = run(db, "up", "--lock-timeout", "60s");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("not done");
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_schema = '" + db.name()
                    + "' AND constraint_name = 'p_u' AND constraint_type = 'FOREIGN KEY'")).isEqualTo(1);
        }
    }

    /**
     * The client is SIGKILLed while a row change of a MariaDB migration runs where rows may stay through a rollback
     * (MyISAM): in the script's own transaction, after it wrote a MyISAM row (the server rolls the InnoDB rows and the
     * marks back, the MyISAM row stays), and alone after the step dropped the schema's last MyISAM table. Either way the
     * next {@code up} stops (exit 3): before, it ran the transaction again (two MyISAM rows), or read the statement as
     * one that shared its mark's transaction, since the schema no longer showed a MyISAM table, and ran it again (then
     * committed apart from its mark, 2,000 rows for 1,000). The statement is decided as the run ran it (its mark says
     * so), not as the schema after the crash suggests: in one transaction with its mark, alone, in doubt.
     */
    @Test
    void mariadbRowChangesKilledWhereRowsMayStayAreNotRunAgain() throws Exception {
        String slow = "INSERT INTO t SELECT seq FROM seq_1_to_1000 CROSS JOIN (SELECT SLEEP(2) AS z) s;\n";
        project.file("migrations/1__a.sql", "CREATE TABLE log (id INT) ENGINE=MyISAM;\nCREATE TABLE t (id INT);\n")
                .file("migrations/2__own.sql", "CREATE TABLE u (id INT);\nBEGIN;\nINSERT INTO log VALUES (1);\n" + slow + "COMMIT;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            String running = "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'INSERT INTO t SELECT%'"
                    + " AND db = '" + db.name() + "'";
            assertThat(run(db, "up", "1").exit()).isZero();
            killWhileRunning(db, running, null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("statements 2 to 5 of version 2 (the script's own transaction) were interrupted")
                    .contains("keeps them through a rollback");
            assertThat(count(db, "SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isZero();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM log");
            }
            assertThat(run(db, "repair", "--statement-not-done", "2").exit()).isZero();
            DbShiftProcess.Result again = run(db, "up", "2");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1000);

            project.file("migrations/3__drop.sql", "DROP TABLE log;\n" + slow + "INSERT INTO t VALUES (0);\n");
            killWhileRunning(db, running, null);
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.name()
                    + "' AND ENGINE = 'MyISAM'")).as("no MyISAM table is left to see").isZero();
            DbShiftProcess.Result after = run(db, "up", "--lock-timeout", "60s");
            assertThat(after.exit()).as(after.toString()).isEqualTo(3);
            assertThat(after.err()).contains("statement 2 of version 3 may or may not have completed");
            assertThat(count(db, "SELECT COUNT(*) FROM t")).as("rolled back with its mark").isEqualTo(1000);
        }
    }

    /** Counts the sessions running an {@code INSERT} of the 1,000 slow rows the tests below kill (narrowed by database). */
    private static final String SLOW_INSERT_RUNNING = "SELECT COUNT(*) FROM information_schema.processlist"
            + " WHERE info LIKE 'INSERT INTO%seq_1_to_1000%'";

    /** Another MariaDB database holding {@code log (id INT)}, a MyISAM table: its rows stay through a rollback. */
    private static TestDatabase withMyIsamLog() throws java.sql.SQLException {
        TestDatabase other = TestDatabase.create(Vendor.MARIADB);
        try (Connection c = other.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE log (id INT) ENGINE=MyISAM");
        }
        return other;
    }

    /**
     * A row change into another database's MyISAM table, named by its qualified name or after {@code USE}, keeps its row
     * when the client is SIGKILLed later in what was one group with its mark: that database's engines were never looked
     * at, the group read as rolled back with its mark, and the next {@code up} wrote the row again (two rows for one
     * INSERT, seen from the CLI). Now the other database is asked too: the row changes from there on run alone, and the
     * next {@code up} stops (exit 3) at the one that was running; recorded not done, it runs once.
     */
    @Test
    void mariadbRowChangesIntoAnotherDatabasesMyIsamTableAreNotRunAgain() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase other = withMyIsamLog()) {
            String slow = "SELECT seq FROM seq_1_to_1000 CROSS JOIN (SELECT SLEEP(2) AS z) s;\n";
            String running = SLOW_INSERT_RUNNING + " AND db IN ('" + db.name() + "', '" + other.name() + "')";
            project.file("migrations/1__a.sql", "CREATE TABLE t (id INT);\nINSERT INTO " + other.name() + ".log VALUES (1);\n"
                    + "INSERT INTO t " + slow);
            killWhileRunning(db, running, null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("statement 3 of version 1 may or may not have completed");
            assertThat(count(other, "SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(run(db, "repair", "--statement-not-done", "1").exit()).isZero();
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(other, "SELECT COUNT(*) FROM log")).as("written once").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1000);

            project.file("migrations/2__use.sql", "USE " + other.name() + ";\nINSERT INTO log VALUES (2);\n"
                    + "INSERT INTO " + db.name() + ".t " + slow);
            killWhileRunning(db, running, null);
            DbShiftProcess.Result use = run(db, "up", "--lock-timeout", "60s");
            assertThat(use.exit()).as(use.toString()).isEqualTo(3);
            assertThat(use.err()).contains("statement 3 of version 2 may or may not have completed");
            assertThat(count(other, "SELECT COUNT(*) FROM log WHERE id = 2")).isEqualTo(1);
        }
    }

    /**
     * A trigger of the run's own database that writes into another database's MyISAM table: no statement names that
     * database, so the row changes shared a group with their mark, and a SIGKILL later in the group left the trigger's
     * row while the group rolled back; the next {@code up} ran the group again (two log rows for one INSERT, seen from
     * the CLI). Now the trigger is read: made in the same script ({@code CREATE TRIGGER} naming the database), or found in
     * the catalog by a later run, and the row changes from there on run alone: the next {@code up} stops (exit 3).
     */
    @Test
    void mariadbRowsATriggerWritesIntoAnotherDatabasesMyIsamTableAreNotWrittenAgain() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB); TestDatabase other = withMyIsamLog()) {
            String slow = "SELECT seq + 10 FROM seq_1_to_1000 CROSS JOIN (SELECT SLEEP(2) AS z) s;\n";
            String running = SLOW_INSERT_RUNNING + " AND db = '" + db.name() + "'";
            project.file("migrations/1__a.sql", "CREATE TABLE t (id INT);\nCREATE TRIGGER t_log AFTER INSERT ON t FOR EACH ROW"
                    + " INSERT INTO " + other.name() + ".log VALUES (NEW.id);\nINSERT INTO t VALUES (1);\nINSERT INTO t " + slow);
            killWhileRunning(db, running, null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("statement 4 of version 1 may or may not have completed");
            assertThat(count(other, "SELECT COUNT(*) FROM log WHERE id = 1")).isEqualTo(1);
            try (Connection c = other.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM log WHERE id > 10"); // what the killed statement may have left
            }
            assertThat(run(db, "repair", "--statement-not-done", "1").exit()).isZero();
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(other, "SELECT COUNT(*) FROM log WHERE id = 1")).as("written once").isEqualTo(1);

            // a later run finds the trigger in the catalog
            project.file("migrations/2__b.sql", "INSERT INTO t VALUES (2);\nINSERT INTO t " + slow);
            killWhileRunning(db, running, null);
            DbShiftProcess.Result later = run(db, "up", "--lock-timeout", "60s");
            assertThat(later.exit()).as(later.toString()).isEqualTo(3);
            assertThat(later.err()).contains("statement 2 of version 2 may or may not have completed");
            assertThat(count(other, "SELECT COUNT(*) FROM log WHERE id = 2")).isEqualTo(1);
        }
    }

    /**
     * The client is SIGKILLed inside a range under {@code LOCK TABLES} (a dump's load of one table), where no progress
     * mark can be written: each INSERT there committed on its own, so the locked table holds part of the range. The next
     * {@code up} stops (exit 3) and names the table that may hold part of it; after the rows are removed and the range
     * recorded not done, it runs again once.
     */
    @Test
    void mariadbKilledUnderLockTablesNamesTheTableThatMayHoldPartOfIt() throws Exception {
        project.file("migrations/1__load.sql", "CREATE TABLE t (id INT PRIMARY KEY);\nLOCK TABLES `t` WRITE;\n"
                + "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\nDO SLEEP(3);\nINSERT INTO t VALUES (3);\nUNLOCK TABLES;\n"
                + "INSERT INTO t VALUES (4);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            killWhileRunning(db, "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'DO SLEEP%'"
                    + " AND db = '" + db.name() + "'", null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("statements 2 to 7 of version 1 may or may not have completed")
                    .contains("so `t` may hold part of what they wrote");
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM t");
            }
            assertThat(run(db, "repair", "--statement-not-done", "1").exit()).isZero();
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(4);
        }
    }

    @Test
    void postgresNextUpWaitsForTheKilledRunsConcurrentIndexAndFindsItValid() throws Exception {
        project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 1000);\n")
                .file("migrations/2__index.sql", "-- dbshift:no-transaction\nCREATE INDEX CONCURRENTLY ix_t ON t (id);\n"
                        + "INSERT INTO t VALUES (0);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            assertThat(run(db, "up", "1").exit()).isZero();
            // an open transaction makes CREATE INDEX CONCURRENTLY wait until it ends
            try (Connection blocker = db.connect()) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM t").close();
                }
                Process next = killWhileRunning(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY ix_t%'",
                        project);
                blocker.commit(); // now the dead session's index build can finish
                assertThat(next.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String out = new String(next.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(next.exitValue()).as(out).isZero();
                assertThat(out).contains("done (verified: index ix_t exists)");
            }
            assertThat(count(db, "SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_t'"
                    + " AND c.relnamespace = current_schema()::regnamespace AND i.indisvalid")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1001);
        }
    }

    /**
     * The server ends the session in the middle of a migration that runs in one transaction: {@code up} says which
     * migration, file and line, that the connection was lost, and what the next {@code up} does (it used to print
     * only the driver's "This connection has been closed.", from putting autocommit back on the dead connection, and
     * leave the step's line open). Nothing of the migration stays, and the next up applies it once.
     */
    @Test
    void aSessionEndedInTheMiddleOfATransactionalMigrationIsNamedAndTheNextUpAppliesIt() throws Exception {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id int);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n"
                        + "SELECT pg_terminate_backend(pg_backend_pid()) FROM kill_switch;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kill_switch (on_ int)");
                st.execute("INSERT INTO kill_switch VALUES (1)");
            }
            DbShiftProcess.Result up = run(db, "up");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.out()).contains("[2/2] applying 2 (b) ... FAILED\n");
            assertThat(up.err()).contains("2 (b): migrations/2__b.sql:3: FATAL: terminating connection")
                    .contains("the connection to the database was lost in this migration's transaction")
                    .contains("the next 'dbshift up' reads which and goes on from there")
                    .doesNotStartWith("dbshift: This connection has been closed");
            assertThat(count(db, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'b' AND schemaname = current_schema()"))
                    .as("nothing of 2 stays").isZero();

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM kill_switch");
            }
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("applying 2 (b) ... ok");
            assertThat(count(db, "SELECT COUNT(*) FROM b")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND success")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")).as("the cut run is closed").isZero();
        }
    }

    /**
     * The server ends the session (pg_terminate_backend) in the middle of CREATE INDEX CONCURRENTLY: the
     * half-built index is INVALID, neither there nor gone. {@code up} stops with exit 3 and says to drop
     * it; {@code status} says the same; after the DBA drops it and records it with {@code repair}, up builds it.
     */
    @Test
    void anInvalidIndexLeftByAnInterruptedConcurrentBuildStopsUpUntilRepaired() throws Exception {
        project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 1000);\n")
                .file("migrations/2__index.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (0);\n"
                        + "CREATE INDEX CONCURRENTLY ix_t ON t (id);\n");
        try (TestDatabase db = TestDatabase.create(Vendor.POSTGRES)) {
            assertThat(run(db, "up", "1").exit()).isZero();
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url() + "&ApplicationName=" + db.name(), "DBSHIFT_USER", db.user());
            try (Connection blocker = db.connect()) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM t").close();
                }
                Process up = DbShiftProcess.builder(project.dir(), env, "up").redirectErrorStream(true).start();
                String running = "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY ix_t%'"
                        + " AND application_name = '" + db.name() + "'";
                while (count(db, running) == 0) {
                    assertThat(up.isAlive()).isTrue();
                    Thread.sleep(20);
                }
                try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
                    st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                            + db.name() + "'").close();
                }
                assertThat(up.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String out = new String(up.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(up.exitValue()).as("the server ended the session: up cannot say it worked\n" + out).isEqualTo(1);
                assertThat(out).contains("the next 'dbshift up' finds out");
                blocker.rollback();
            }
            DbShiftProcess.Result stopped = run(db, "up");
            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(3);
            assertThat(stopped.err()).contains("migrations/2__index.sql:3: statement 2 of version 2 was interrupted")
                    .contains("left index ix_t half built (INVALID)").contains("DROP INDEX CONCURRENTLY ix_t")
                    .contains("dbshift repair --statement-not-done 2");
            DbShiftProcess.Result status = run(db, "status", "--json");
            assertThat(status.out()).contains("left index ix_t half built (INVALID)");

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP INDEX CONCURRENTLY ix_t");
            }
            DbShiftProcess.Result repair = run(db, "repair", "--statement-not-done", "2");
            assertThat(repair.exit()).as(repair.toString()).isZero();
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("resumed after the 1 statement(s)");
            assertThat(count(db, "SELECT COUNT(*) FROM t")).as("the INSERT before it ran once").isEqualTo(1001);
            assertThat(count(db, "SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_t'"
                    + " AND c.relnamespace = current_schema()::regnamespace AND i.indisvalid")).isEqualTo(1);
        }
    }

    /**
     * Starts up, waits until {@code running} counts the statement on the server, SIGKILLs it; with a
     * project, starts the next up at once (while the statement still runs) and returns it.
     */
    private Process killWhileRunning(TestDatabase db, String running, TestProject next) throws Exception {
        return killWhileRunning(db, db, running, next);
    }

    /** {@link #killWhileRunning(TestDatabase, String, TestProject)}, {@code running} asked of {@code watched}. */
    private Process killWhileRunning(TestDatabase db, TestDatabase watched, String running, TestProject next) throws Exception {
        Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
        Process up = DbShiftProcess.builder(project.dir(), env, "up").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (count(watched, running) == 0) {
            assertThat(System.nanoTime()).as("the statement never started").isLessThan(deadline);
            assertThat(up.isAlive()).as("up ended before the statement ran").isTrue();
            Thread.sleep(20);
        }
        up.destroyForcibly();
        assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        if (next == null) {
            return null;
        }
        return DbShiftProcess.builder(next.dir(), env, "up", "--lock-timeout", "60s").redirectErrorStream(true).start();
    }

    // ------------------------------------------------------------------ writes outside the transaction

    /** Counts the sessions on {@code on} running a statement that starts with {@code start}. */
    private static String running(TestDatabase on, String start) {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '" + on.name() + "' AND query LIKE '" + start + "%'";
    }

    /**
     * PostgreSQL, SIGKILLed after a migration wrote into another database through {@code dblink_exec}: the server rolled
     * the migration's transaction back, the remote row had committed on its own connection, and the next {@code up}
     * applied the migration again ("ok": two remote rows, as {@code psql -1 -f} run twice writes). Now a step that writes
     * outside its transaction commits a mark before it begins: the next {@code up} stops (exit 3) and names the call; each
     * {@code repair} answer is then followed. In a {@code -- dbshift:no-transaction} script such a statement runs alone: a
     * kill in it stops the next up, a kill after it resumes after it. A remote query that only copies rows in is no write
     * elsewhere: a kill after it runs it again.
     */
    @Test
    void postgresWritesIntoAnotherDatabaseThroughDblinkAreNotRunAgain() throws Exception {
        try (TestDatabase db = TestDatabase.postgresDatabase(); TestDatabase remote = TestDatabase.postgresDatabase()) {
            db.exec("CREATE EXTENSION dblink");
            remote.exec("CREATE TABLE log (id int)");
            String write = "SELECT dblink_exec('" + remote.libpq() + "', 'INSERT INTO log ";
            project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\n");
            project.file("migrations/2__remote.sql", "INSERT INTO t VALUES (1);\n" + write + "VALUES (1)');\nSELECT pg_sleep(3.01);\n");
            killWhileRunning(db, running(db, "SELECT pg_sleep(3.01)"), null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("version 2 (remote) writes outside its transaction (dblink_exec, migrations/2__remote.sql:2)");
            assertThat(count(remote, "SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).as("rolled back here").isZero();
            assertThat(run(db, "repair", "--statement-done", "2").exit()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM dbshift_history WHERE version = '2' AND success")).isEqualTo(1);

            project.file("migrations/3__remote.sql", write + "VALUES (3)');\nSELECT pg_sleep(3.03);\n");
            killWhileRunning(db, running(db, "SELECT pg_sleep(3.03)"), null);
            assertThat(run(db, "up", "--lock-timeout", "60s").exit()).isEqualTo(3);
            remote.exec("DELETE FROM log WHERE id = 3"); // undone by hand
            assertThat(run(db, "repair", "--statement-not-done", "3").exit()).isZero();
            project.file("migrations/3__remote.sql", write + "VALUES (3)');\n");
            DbShiftProcess.Result again = run(db, "up");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(count(remote, "SELECT COUNT(*) FROM log WHERE id = 3")).as("written once").isEqualTo(1);

            // no transaction: killed while the remote INSERT runs, then after it
            project.file("migrations/4__alone.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (4);\n" + write
                    + "SELECT 4 FROM pg_sleep(3.04)');\nSELECT pg_sleep(3.05);\n");
            killWhileRunning(db, running(remote, "INSERT INTO log SELECT 4"), null);
            DbShiftProcess.Result in = run(db, "up", "--lock-timeout", "60s");
            assertThat(in.exit()).as(in.toString()).isEqualTo(3);
            assertThat(in.err()).contains("statement 2 of version 4 may or may not have completed")
                    .contains("writes outside its transaction (dblink_exec)");
            assertThat(run(db, "repair", "--statement-done", "4").exit()).isZero();
            killWhileRunning(db, running(db, "SELECT pg_sleep(3.05)"), null);
            DbShiftProcess.Result after = run(db, "up", "--lock-timeout", "60s");
            assertThat(after.exit()).as(after.toString()).isZero();
            assertThat(count(remote, "SELECT COUNT(*) FROM log WHERE id = 4")).as("written once").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE id = 4")).isEqualTo(1);

            // a remote query is no write elsewhere: run again after a kill, its rows copied once
            project.file("migrations/5__copy.sql", "INSERT INTO t SELECT id FROM dblink('" + remote.libpq() + "', 'SELECT id"
                    + " FROM log') AS x(id int);\nSELECT pg_sleep(3.06);\n");
            killWhileRunning(db, running(db, "SELECT pg_sleep(3.06)"), null);
            DbShiftProcess.Result copy = run(db, "up", "--lock-timeout", "60s");
            assertThat(copy.exit()).as(copy.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE id = 3")).as("copied once").isEqualTo(1);
        }
    }

    /**
     * PostgreSQL, the write elsewhere inside the database's code: a function a migration made that calls
     * {@code dblink_exec}, called by the next migration; a table whose trigger calls one. SIGKILLed after the call, the
     * next {@code up} applied the migration again (two remote rows: the call's text shows no dblink). Now the function is
     * learned from its definition and the trigger read from the catalog: the next {@code up} stops (exit 3), naming them.
     */
    @Test
    void postgresFunctionsThatWriteIntoAnotherDatabaseAreNotRunAgain() throws Exception {
        try (TestDatabase db = TestDatabase.postgresDatabase(); TestDatabase remote = TestDatabase.postgresDatabase()) {
            db.exec("CREATE EXTENSION dblink");
            remote.exec("CREATE TABLE log (id int)");
            project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\n");
            project.file("migrations/2__sync.sql", "CREATE FUNCTION my_sync(i int) RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                    + " PERFORM dblink_exec('" + remote.libpq() + "', 'INSERT INTO log SELECT ' || i || ' FROM pg_sleep(1)');"
                    + " END $$;\n");
            project.file("migrations/3__call.sql", "INSERT INTO t VALUES (3);\nSELECT my_sync(3);\nSELECT pg_sleep(3.01);\n");
            killWhileRunning(db, running(db, "SELECT pg_sleep(3.01)"), null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            assertThat(up.err()).contains("version 3 (call) writes outside its transaction (my_sync(), which calls dblink_exec,"
                    + " migrations/3__call.sql:2)");
            assertThat(count(remote, "SELECT COUNT(*) FROM log")).isEqualTo(1);
            assertThat(run(db, "repair", "--statement-done", "3").exit()).isZero();

            // no transaction: a row into a table whose trigger calls it, killed while the remote INSERT runs
            db.exec("CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM my_sync(NEW.id); RETURN NEW;"
                    + " END $$");
            db.exec("CREATE TABLE audited (id int)");
            db.exec("CREATE TRIGGER audited_sync AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION audit()");
            project.file("migrations/4__alone.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (4);\n"
                    + "INSERT INTO audited VALUES (4);\nSELECT pg_sleep(3.02);\n");
            killWhileRunning(db, remote, running(remote, "INSERT INTO log SELECT 4"), null);
            DbShiftProcess.Result in = run(db, "up", "--lock-timeout", "60s");
            assertThat(in.exit()).as(in.toString()).isEqualTo(3);
            assertThat(in.err()).contains("statement 2 of version 4 may or may not have completed")
                    .contains("writes outside its transaction (audited, whose trigger calls audit())");
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE id = 4")).as("the statement before it, once").isEqualTo(1);
        }
    }

    /**
     * H2, the embedded default: a linked table writes its rows into its own database, where they commit. A group of row
     * changes SIGKILLed after a row into a linked PostgreSQL table read "not done: it ran in one transaction with its
     * progress mark", and the next {@code up} wrote the remote row again (seen from the CLI). Now a schema with a linked
     * table runs its row changes alone, as one with a MyISAM table does: the next {@code up} stops (exit 3) at the one
     * that was running, and the remote row is there once.
     */
    @Test
    void h2RowsWrittenThroughALinkedTableAreNotWrittenAgain() throws Exception {
        try (TestDatabase db = TestDatabase.create(Vendor.H2); TestDatabase remote = TestDatabase.postgresDatabase()) {
            remote.exec("CREATE TABLE log (id int)");
            project.file("migrations/1__t.sql", "CREATE TABLE t (id BIGINT);\nCREATE LINKED TABLE rlog('org.postgresql.Driver', '"
                    + remote.url() + "', '" + remote.user() + "', '', 'log');\n");
            project.file("migrations/2__r.sql", "INSERT INTO rlog VALUES (1);\nINSERT INTO t SELECT X FROM SYSTEM_RANGE(1, 8000000);\n");
            assertThat(run(db, "up", "1").exit()).isZero();
            killWhileRunning(db, remote, "SELECT COUNT(*) FROM log", null);
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isEqualTo(3);
            // the kill lands once the remote row is there: in the INSERT into t, or (a loaded machine) before the mark of
            // the INSERT into rlog committed; either runs alone, and is in doubt
            assertThat(up.err()).containsPattern("statement [12] of version 2 may or may not have completed");
            assertThat(count(remote, "SELECT COUNT(*) FROM log")).as("written once").isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ repeatable migrations

    /**
     * A repeatable migration had no progress marks: SIGKILLed after a statement of a {@code -- dbshift:no-transaction}
     * script committed, the next {@code up} ran it from its start (the row twice, exit 0, seen from the CLI). Now it
     * resumes after what ran; a MyISAM row change in doubt stops the next {@code up} (exit 3), and {@code repair} takes
     * the migration's name as the message gives it, quotes and all.
     */
    @Test
    void repeatableMigrationsKilledPartWayAreNotRunAgainFromTheirStart() throws Exception {
        project.file("migrations/1__t.sql", "CREATE TABLE t (id int);\nCREATE TABLE wake (id int);\n")
                .file("migrations/R__seed.sql", "-- dbshift:no-transaction\nINSERT INTO t VALUES (1);\nVACUUM t;\n"
                        + "SELECT pg_sleep(CASE WHEN (SELECT COUNT(*) FROM wake) = 0 THEN 30 ELSE 0 END);\n"
                        + "INSERT INTO t VALUES (2);\n");
        try (TestDatabase db = TestDatabase.postgresDatabase()) {
            killWhileRunning(db, running(db, "SELECT pg_sleep"), null);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO wake VALUES (1)"); // the sleep runs again, at once
                st.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'"
                        + " AND datname = '" + db.name() + "'");
            }
            DbShiftProcess.Result up = run(db, "up", "--lock-timeout", "60s");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.out() + up.err()).contains("stopped after 2 statement(s) of repeatable migration seed had run");
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE id = 1")).as("run once").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE id = 2")).isEqualTo(1);
        }
        TestProject my = TestProject.create();
        my.file("migrations/1__m.sql", "CREATE TABLE m (id INT) ENGINE=MyISAM;\n")
                .file("migrations/R__my_seed.sql", "INSERT INTO m VALUES (1);\n"
                        + "INSERT INTO m SELECT seq FROM seq_1_to_1000 CROSS JOIN (SELECT SLEEP(2) AS z) s;\n");
        try (TestDatabase db = TestDatabase.create(Vendor.MARIADB)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
            Process up = DbShiftProcess.builder(my.dir(), env, "up").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (count(db, SLOW_INSERT_RUNNING + " AND db = '" + db.name() + "'") == 0) {
                assertThat(System.nanoTime()).as("the statement never started").isLessThan(deadline);
                assertThat(up.isAlive()).as("up ended before the statement ran").isTrue();
                Thread.sleep(20);
            }
            up.destroyForcibly();
            assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            DbShiftProcess.Result stopped = DbShiftProcess.run(my.dir(), env, "up", "--lock-timeout", "60s");
            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(3);
            assertThat(stopped.err()).contains("statement 2 of repeatable migration my seed may or may not have completed")
                    .contains("'dbshift repair --statement-not-done \"R:my seed\"'");
            assertThat(count(db, "SELECT COUNT(*) FROM m")).isEqualTo(1001);
            DbShiftProcess.Result repaired = DbShiftProcess.run(my.dir(), env, "repair", "--statement-done", "R:my seed");
            assertThat(repaired.exit()).as(repaired.toString()).isZero();
            DbShiftProcess.Result after = DbShiftProcess.run(my.dir(), env, "up");
            assertThat(after.exit()).as(after.toString()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM m")).as("each row once").isEqualTo(1001);
            assertThat(DbShiftProcess.run(my.dir(), env, "status").out()).contains("applied");
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
            assertThat(r.err()).contains("no interrupted run left a statement of version 1 undecided");
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
