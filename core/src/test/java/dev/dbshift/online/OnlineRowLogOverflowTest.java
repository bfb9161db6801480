package dev.dbshift.online;

import dev.dbshift.db.mysql.online.MySqlOnlineChange;
import dev.dbshift.testing.ReplicaPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build of the shadow's deferred indexes beside the checksum (few writes during the copy foretold few during the
 * build) that meets a burst of writes larger than InnoDB keeps in its online row log fails with
 * ER_INNODB_ONLINE_LOG_TOO_BIG. The change is not abandoned: it goes back to the end of the copy, capture switched
 * back to logging only, builds the indexes while no application write reaches the shadow, and ends as a plain ALTER
 * would, every acknowledged write exact. The checksum beside the failed build stops at its next chunk.
 *
 * <p>The row-log limit is server-wide ({@code innodb_online_alter_log_max_size}), and the test forks share the
 * machine's MariaDB, so the test lowers it on a server of its own (the primary of a {@link ReplicaPair}, ports 3343
 * and 3344). InnoDB writes its row log in blocks of {@code innodb_sort_buffer_size} (1 MiB), so the writers change 50
 * rows of a wide indexed column per statement to fill more than a block while the build runs (a burst the change log
 * replay, after the fallback, would never catch up with: they then write one row at a time).
 */
class OnlineRowLogOverflowTest {

    private static final int ROWS = 150_000;
    private static final int WRITERS = 3;
    private static final String SPEC = "ADD COLUMN flags INT NOT NULL DEFAULT 0";
    private static ReplicaPair servers;

    @BeforeAll
    static void start() throws SQLException {
        servers = ReplicaPair.start(ReplicaPair.Vendor.MARIADB, 3343, 3344);
        try (Connection c = servers.primary(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE t");
            st.execute("SET GLOBAL innodb_online_alter_log_max_size = 65536"); // its least
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(servers.primaryUrl("t"), servers.user(), "");
    }

    @Test
    void aBuildBesideTheChecksumThatOutgrowsTheRowLogIsBuiltAgainWhileCaptureOnlyLogs() throws Exception {
        String ddl = " (id BIGINT NOT NULL PRIMARY KEY, grp INT NOT NULL, note VARCHAR(250) NOT NULL,"
                + " KEY idx_note (note), KEY idx_grp (grp)) ENGINE=InnoDB";
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : List.of("wide", "twin")) {
                st.execute("CREATE TABLE " + t + ddl);
                st.execute("INSERT INTO " + t + " SELECT seq, seq % 101, CONCAT(REPEAT('s', 230), seq) FROM seq_1_to_" + ROWS);
            }
            st.execute("ALTER TABLE twin " + SPEC);
        }
        Load load = new Load();
        List<String> waits = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean fellBack = new AtomicBoolean();
        AtomicInteger besideBuild = new AtomicInteger();
        OnlineResult r;
        try {
            r = new OnlineMigrator(new MySqlOnlineChange(), OnlineRowLogOverflowTest::connect,
                    OnlineConcurrentWritesTest.testOptions(), p -> {
                if (p.waiting() != null && (waits.isEmpty() || !waits.get(waits.size() - 1).equals(p.waiting()))) {
                    waits.add(p.waiting());
                }
                if (p.waiting() != null && p.waiting().contains("outgrew")) {
                    load.burst = false; // what is written from now on is replayed from the log: a pace it keeps up with
                    fellBack.set(true);
                }
                if (p.phase() == Phase.CHECKSUM && started.get() && !fellBack.get()) {
                    // the first checksum, beside the build: slow enough (1.5 s a chunk handed out, 12 s for its 8 chunks)
                    // to outlast the build, which outgrows the row log in 1-4 s (0.5 s a chunk: 7 reports, once, in a
                    // full test run on this 2-core machine); the checksum gives up at the chunk after the build failed,
                    // so the longer pause costs the test at most one pause more
                    besideBuild.incrementAndGet();
                    pause(1500);
                }
                if (p.waiting() != null && p.waiting().endsWith("while the checksum runs") && !started.getAndSet(true)) {
                    load.start(); // after the copy, so it foretold a quiet build; before the build's ALTER starts
                    load.awaitOps(20);
                }
            }).execute("t", "wide", SPEC);
        } finally {
            load.stop();
        }
        assertThat(started).isTrue();
        assertThat(r.outcome()).isEqualTo(Phase.DONE);
        assertThat(waits).anySatisfy(w -> assertThat(w).contains("outgrew", "innodb_online_alter_log_max_size",
                "building them again while capture only logs"));
        int outgrew = indexOf(waits, "outgrew");
        assertThat(waits.subList(outgrew, waits.size())).as("built again before the sync phase, not beside the checksum")
                .anySatisfy(w -> assertThat(w).startsWith("building the shadow's indexes").doesNotContain("checksum"));
        assertThat(load.ops.get()).as("writes during the change").isGreaterThan(100);
        // the checksum beside the failed build stopped at its next chunk: 150,000 rows are 8 chunks of 20,000, 12 s here
        assertThat(besideBuild.get()).as("progress reports of the checksum beside the build").isLessThan(7);
        try (Connection c = connect()) {
            assertThat(body(showCreate(c, "wide"))).isEqualTo(body(showCreate(c, "twin")));
            load.assertExact(c);
            assertThat(OnlineConcurrentWritesTest.leftovers(c, "t")).containsExactlyInAnyOrder("wide", "twin");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int indexOf(List<String> waits, String part) {
        for (int i = 0; i < waits.size(); i++) {
            if (waits.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static String showCreate(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static String body(String ddl) {
        return ddl.substring(ddl.indexOf('('));
    }

    /**
     * Writers on disjoint thirds of the table: each statement rewrites the wide indexed column of 50 rows (a row-log
     * entry of ~250 bytes per row and index change), with single-row inserts and deletes between, every acknowledged
     * write kept in a model of the table.
     */
    private static final class Load {
        private final Map<Long, String> model = new HashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ops = new AtomicLong();
        /** 50 rows a statement, as fast as it goes; else one row, with a pause between. */
        volatile boolean burst = true;

        Load() {
            for (long id = 1; id <= ROWS; id++) {
                model.put(id, id % 101 + "|" + "s".repeat(230) + id);
            }
        }

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                int me = w;
                Thread t = new Thread(() -> loop(me), "wide-writer-" + w);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void loop(int me) {
            long lo = (long) me * ROWS / WRITERS + 1;
            long hi = (long) (me + 1) * ROWS / WRITERS;
            long next = 1_000_000L * (me + 1);
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            try (Connection c = connect();
                 PreparedStatement upd = c.prepareStatement("UPDATE wide SET note = CONCAT(?, id), grp = ? WHERE id BETWEEN ? AND ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO wide (id, grp, note) VALUES (?, ?, ?)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM wide WHERE id = ?")) {
                while (!stop.get()) {
                    int op = rnd.nextInt(10);
                    int rows = burst ? 50 : 1;
                    if (!burst) {
                        Thread.sleep(5);
                    }
                    if (op < 8) {
                        long from = lo + rnd.nextLong(hi - lo - rows);
                        String prefix = Character.toString('a' + rnd.nextInt(26)).repeat(200 + rnd.nextInt(30));
                        int grp = rnd.nextInt(1000);
                        upd.setString(1, prefix);
                        upd.setInt(2, grp);
                        upd.setLong(3, from);
                        upd.setLong(4, from + rows - 1);
                        upd.executeUpdate();
                        synchronized (model) {
                            for (long id = from; id < from + rows; id++) {
                                model.computeIfPresent(id, (k, v) -> grp + "|" + prefix + k);
                            }
                        }
                    } else if (op == 8) {
                        long id = next++;
                        String note = "i".repeat(240) + id;
                        ins.setLong(1, id);
                        ins.setInt(2, 7);
                        ins.setString(3, note);
                        ins.executeUpdate();
                        synchronized (model) {
                            model.put(id, 7 + "|" + note);
                        }
                    } else {
                        long id = lo + rnd.nextLong(hi - lo);
                        del.setLong(1, id);
                        del.executeUpdate();
                        synchronized (model) {
                            model.remove(id);
                        }
                    }
                    ops.incrementAndGet();
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }

        void awaitOps(long n) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (ops.get() < n && errors.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }

        void assertExact(Connection c) throws SQLException {
            assertThat(errors).isEmpty();
            Map<Long, String> actual = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, grp, note, flags FROM wide")) {
                while (rs.next()) {
                    assertThat(rs.getInt(4)).isZero();
                    actual.put(rs.getLong(1), rs.getInt(2) + "|" + rs.getString(3));
                }
            }
            List<Long> differ = new ArrayList<>();
            for (Map.Entry<Long, String> e : model.entrySet()) {
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    differ.add(e.getKey());
                }
            }
            for (Long id : actual.keySet()) {
                if (!model.containsKey(id)) {
                    differ.add(id);
                }
            }
            assertThat(differ).as("rows lost, wrong or resurrected").isEmpty();
        }
    }
}
