package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, part 1: safe DDL on PostgreSQL, through the packaged CLI against the real server. A long transaction
 * holds a lock on the table a migration alters. A plain ALTER queues behind it and every writer queues behind the
 * ALTER; under safe DDL the ALTER gives up within its lock timeout, the writer goes on, and the migration is tried
 * again until the holder is gone (or fails, naming the holder, when the tries run out, with nothing applied).
 */
class SafeDdlIT {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final TestProject project = TestProject.create()
            .file("migrations/1__items.sql", "CREATE TABLE items (id BIGSERIAL PRIMARY KEY, v INT NOT NULL);\n")
            .file("migrations/2__add_flag.sql", "ALTER TABLE items ADD COLUMN flag INT NOT NULL DEFAULT 0;\n");
    private final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void stopThreads() {
        stop.set(true);
    }

    private DbShiftProcess.Result run(TestDatabase db, String... args) {
        return DbShiftProcess.run(project.dir(), DbShiftProcess.env(db), args);
    }

    private static Connection connect(TestDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /**
     * Holds ACCESS SHARE on items (an open report transaction) until {@code release} counts down, or, once an
     * {@code ALTER TABLE items} is seen waiting for a lock, {@code afterSeen} ms later; counts {@code holding}
     * down once it holds the lock. {@code seen} says whether an ALTER was seen waiting.
     */
    private Thread holder(TestDatabase db, CountDownLatch holding, CountDownLatch release, long afterSeen, AtomicBoolean seen) {
        Thread t = new Thread(() -> {
            try (Connection c = connect(db); Statement st = c.createStatement();
                 Connection watch = connect(db); Statement w = watch.createStatement()) {
                c.setAutoCommit(false);
                st.executeQuery("SELECT count(*) FROM items").close();
                holding.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (release.getCount() > 0 && System.nanoTime() < deadline) {
                    try (ResultSet rs = w.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query ~ '^\\s*ALTER TABLE items'")) {
                        rs.next();
                        if (rs.getInt(1) > 0 && !seen.getAndSet(true) && afterSeen >= 0) {
                            release.await(afterSeen, TimeUnit.MILLISECONDS);
                            break;
                        }
                    }
                    release.await(20, TimeUnit.MILLISECONDS);
                }
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "holder");
        t.start();
        return t;
    }

    /** Inserts rows until stopped, keeping the longest single insert in {@code longest} (ms). */
    private Thread writer(TestDatabase db, AtomicLong longest, AtomicLong writes) {
        Thread t = new Thread(() -> {
            try (Connection c = connect(db); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    st.execute("INSERT INTO items (v) VALUES (1)");
                    longest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    writes.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean hasColumn(TestDatabase db, String column) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                     + db.name() + "' AND table_name = 'items' AND column_name = '" + column + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** What a run of {@code up} under a lock holder and a writer left. */
    private record Contention(DbShiftProcess.Result result, long longestInsertMs, long writes) {
    }

    /**
     * Applies 1, then opens a report transaction on items (let go {@code afterSeen} ms after the ALTER is seen
     * waiting) and a writer inserting every 5 ms, and runs {@code up} with {@code args} against them.
     */
    private Contention contend(TestDatabase db, long afterSeen, String... args) throws Exception {
        assertThat(run(db, "up", "1").exit()).isZero();
        AtomicLong longest = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean seen = new AtomicBoolean();
        Thread holder = holder(db, holding, new CountDownLatch(1), afterSeen, seen);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        writer(db, longest, writes);
        String[] up = new String[args.length + 1];
        up[0] = "up";
        System.arraycopy(args, 0, up, 1, args.length);
        DbShiftProcess.Result r = run(db, up);
        holder.join();
        stop.set(true);
        assertThat(seen).as("the ALTER was seen waiting behind the holder").isTrue();
        return new Contention(r, longest.get(), writes.get());
    }

    @Test
    void aBlockedAlterGivesWayToWritersAndIsTriedAgainUntilTheHolderIsGone() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        Contention contention = contend(db, 2_000, "--ddl-lock-timeout", "300ms", "--ddl-lock-tries", "40", "--wait-for-blockers");
        DbShiftProcess.Result r = contention.result();

        assertThat(r.exit()).as(r.toString()).isZero();
        String all = r.out() + r.err();
        assertThat(all).as(r.toString())
                .contains("waited 300 ms for its lock (try 1 of 40)")
                .containsPattern("pid \\d+ \\(idle in transaction, transaction since [0-9: -]+\\) holds a lock on items: SELECT count\\(\\*\\) FROM items")
                .contains("before migrations/2__add_flag.sql:1: pid")
                .containsPattern("safe DDL: \\d+ tries gave up waiting for a lock \\(300 ms each\\) before it ran");
        assertThat(hasColumn(db, "flag")).isTrue();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT success, error_message FROM dbshift_history WHERE version = '2'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getString(2)).as("the history row records the tries")
                    .matches("safe DDL: \\d+ tries gave up waiting for a lock \\(300 ms each\\) before it ran");
        }
        // a writer queued behind the waiting ALTER waits at most about one lock timeout, never the holder's 2 s and more
        assertThat(contention.longestInsertMs()).as("longest insert, ms").isLessThan(1_200);
        assertThat(contention.writes()).isGreaterThan(20);
    }

    @Test
    void withoutSafeDdlTheAlterQueuesEveryWriterBehindTheHolder() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        Contention contention = contend(db, 3_000, "--no-safe-ddl");
        DbShiftProcess.Result r = contention.result();

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("for its lock");
        // the control the test above is measured against: here the writer waited for most of the holder's 3 s
        assertThat(contention.longestInsertMs()).as("longest insert, ms").isGreaterThan(2_000);
    }

    @Test
    void whenTheTriesRunOutTheMigrationFailsNamingTheHolderAndNothingIsApplied() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        project.file("migrations/2__add_flag.sql",
                "INSERT INTO items (v) VALUES (42);\nALTER TABLE items ADD COLUMN flag INT NOT NULL DEFAULT 0;\n");
        assertThat(run(db, "up", "1").exit()).isZero();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holder(db, holding, release, -1, new AtomicBoolean());
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        DbShiftProcess.Result r = run(db, "up", "--ddl-lock-timeout", "200ms", "--ddl-lock-tries", "3");
        release.countDown();
        holder.join();

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out() + r.err()).as(r.toString())
                .contains("migrations/2__add_flag.sql:2")
                .contains("safe DDL gave up after 3 tries, each waiting 200 ms for the lock (ddl_lock_timeout, ddl_lock_tries)")
                .containsPattern("pid \\d+ .*holds a lock on items");
        assertThat(hasColumn(db, "flag")).isFalse();
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM items WHERE v = 42")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the migration's INSERT was rolled back with it").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT success FROM dbshift_history WHERE version = '2' ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isFalse();
                assertThat(rs.next()).isFalse();
            }
        }
        // once the holder is gone the same up goes through
        assertThat(run(db, "up", "--ddl-lock-timeout", "200ms").exit()).isZero();
        assertThat(hasColumn(db, "flag")).isTrue();
    }

    @Test
    void statementByStatementMigrationsRetryTheBlockedStatementAlone() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        // the CREATE TABLE runs once: were the whole migration tried again, it would fail with "already exists";
        // the concurrent index after the ALTER runs without a lock timeout (it blocks no writer)
        project.file("migrations/2__add_flag.sql", "-- dbshift:no-transaction\n"
                + "CREATE TABLE side (id INT);\n"
                + "ALTER TABLE items ADD COLUMN flag INT NOT NULL DEFAULT 0;\n"
                + "CREATE INDEX CONCURRENTLY items_v ON items (v);\n");
        assertThat(run(db, "up", "1").exit()).isZero();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean seen = new AtomicBoolean();
        Thread holder = holder(db, holding, new CountDownLatch(1), 1_500, seen);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        DbShiftProcess.Result r = run(db, "up", "--ddl-lock-timeout", "200ms", "--ddl-lock-tries", "60");
        holder.join();
        assertThat(seen).as(r.toString()).isTrue();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).as(r.toString()).contains("2 (add flag): line 3 waited 200 ms for its lock (try 1 of 60)");
        assertThat(hasColumn(db, "flag")).isTrue();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('" + db.name() + ".items_v')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    /**
     * SIGKILL while safe DDL waits for its lock, between two tries: in a transactional migration nothing of it was
     * committed, in a statement-by-statement one the statements before the ALTER were, and the next {@code up} runs
     * each committed statement exactly once (the INSERT's row is there once; the CREATE TABLE is not run again).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "no-transaction: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aRunKilledWhileItsAlterWaitsForTheLockIsCompletedOnceByTheNextUp(boolean noTransaction) throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        project.file("migrations/2__add_flag.sql", (noTransaction ? "-- dbshift:no-transaction\n" : "")
                + "CREATE TABLE side (id INT);\n"
                + "INSERT INTO items (v) VALUES (42);\n"
                + "ALTER TABLE items ADD COLUMN flag INT NOT NULL DEFAULT 0;\n");
        assertThat(run(db, "up", "1").exit()).isZero();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean seen = new AtomicBoolean();
        Thread holder = holder(db, holding, release, -1, seen);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        Process up = DbShiftProcess.builder(project.dir(), DbShiftProcess.env(db), "up", "--ddl-lock-timeout", "300ms",
                        "--ddl-lock-tries", "100")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!seen.get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(seen).as("the ALTER was seen waiting behind the holder").isTrue();
            Thread.sleep(500); // past the first try: now between tries or inside a later one
        } finally {
            up.destroyForcibly(); // SIGKILL
        }
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        holder.join();

        DbShiftProcess.Result again = run(db, "up", "--ddl-lock-timeout", "300ms");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(hasColumn(db, "flag")).isTrue();
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM items WHERE v = 42")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the INSERT ran once").isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM dbshift_history WHERE version = '2' AND success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void theMigrationRunsUnderTheStatementTimeoutTheSettingsSayNotOneItInherits() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        project.file("migrations/2__add_flag.sql", "SELECT pg_sleep(0.6);\n");
        Map<String, String> env = new HashMap<>(DbShiftProcess.env(db));
        // the server's default for this session, as a role or database setting would give it
        env.put("DBSHIFT_URL", db.url() + "&options=-c%20statement_timeout%3D200");
        DbShiftProcess.Result ok = DbShiftProcess.run(project.dir(), env, "up");
        assertThat(ok.exit()).as(ok.toString()).isZero();

        project.file("migrations/3__slow.sql", "SELECT pg_sleep(0.6);\n");
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), env, "up", "--statement-timeout", "250ms");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("migrations/3__slow.sql:1").contains("57014");
    }

    @Test
    void badSafeDdlSettingsAreRefusedNamingTheSetting() {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        DbShiftProcess.Result r = run(db, "up", "--ddl-lock-tries", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains("ddl_lock_tries").contains("at least 1");
        DbShiftProcess.Result t = run(db, "up", "--ddl-lock-timeout", "soon");
        assertThat(t.exit()).as(t.toString()).isEqualTo(2);
        assertThat(t.out() + t.err()).contains("ddl_lock_timeout");
    }
}
