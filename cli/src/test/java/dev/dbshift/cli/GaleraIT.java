package dev.dbshift.cli;

import dev.dbshift.testing.Await;
import dev.dbshift.testing.GaleraCluster;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dbshift on a 3-node MariaDB Galera cluster started for this class ({@link GaleraCluster}): runs on different
 * nodes share one migration lock (GET_LOCK alone is node-local there), a node that dies under a run leaves a state
 * a run on another node completes exactly once, and an online change on one node keeps every write acknowledged
 * on another. What each test checks, it checks on every live node. The node-kill test runs last: the cluster is a
 * cluster of two after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraIT {
    /** How many {@code up} processes start at once, spread over the nodes. */
    private static final int PROCESSES = Integer.getInteger("dbshift.galera.processes", 8);
    private static final int MIGRATIONS = Integer.getInteger("dbshift.galera.migrations", 10);
    private static final int KILL_TRIALS = Integer.getInteger("dbshift.galera.killTrials", 2);

    private static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = GaleraCluster.start();
    }

    @org.junit.jupiter.api.BeforeEach
    void healthy() {
        cluster.awaitHealthy();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> env(int node, String database) {
        return Map.of("DBSHIFT_URL", GaleraCluster.url(node, database), "DBSHIFT_USER", GaleraCluster.USER);
    }

    /** A connection to {@code node} whose reads wait for what the cluster committed before them. */
    private static Connection causal(int node, String database) throws SQLException {
        Connection c = cluster.connect(node, database);
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION wsrep_sync_wait = 1");
        }
        return c;
    }

    @Test
    @Order(1)
    void upsOnEveryNodeApplyEachMigrationOnce() throws Exception {
        String database = cluster.createDatabase();
        TestProject project = TestProject.create();
        for (int i = 1; i <= MIGRATIONS; i++) {
            project.file("migrations/" + i + "__m" + i + ".sql", "CREATE TABLE t" + i + " (id INT PRIMARY KEY, v VARCHAR(10));\n"
                    + "INSERT INTO t" + i + " VALUES (1, 'x');\nUPDATE t" + i + " SET v = CONCAT(v, 'y');\n");
        }
        List<Process> processes = new ArrayList<>();
        List<File> errs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            File err = File.createTempFile("dbshift-galera", ".err");
            err.deleteOnExit();
            errs.add(err);
            processes.add(DbShiftProcess.builder(project.dir(), env(1 + p % GaleraCluster.NODES, database), "up", "-q")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(processes.get(p).waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(processes.get(p).exitValue()).as(Files.readString(errs.get(p).toPath())).isZero();
        }
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                assertThat(dev.dbshift.testing.Queries.applies(st)).as("node " + node).hasSize(MIGRATIONS).allSatisfy((v, n) -> assertThat(n).isEqualTo(1));
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(CASE WHEN success THEN 1 ELSE 0 END) FROM dbshift_runs")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(PROCESSES);
                    assertThat(rs.getInt(2)).isEqualTo(PROCESSES);
                }
                for (int i = 1; i <= MIGRATIONS; i++) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(v) FROM t" + i)) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("node " + node + " t" + i).isEqualTo(1);
                        assertThat(rs.getString(2)).as("node " + node + " t" + i).isEqualTo("xy");
                    }
                }
            }
        }
    }

    /** Where the table and the model of acknowledged writes differ, key by key (not the two whole maps). */
    private static List<String> differences(Map<Long, Integer> table, Map<Long, Integer> model) {
        List<String> out = new ArrayList<>();
        java.util.SortedSet<Long> keys = new java.util.TreeSet<>(table.keySet());
        keys.addAll(model.keySet());
        for (Long k : keys) {
            Integer t = table.get(k);
            Integer m = model.get(k);
            if (!java.util.Objects.equals(t, m)) {
                out.add("id " + k + ": table " + (t == null ? "has no row" : "v=" + t) + ", acknowledged "
                        + (m == null ? "deleted" : "v=" + m));
            }
        }
        return out;
    }

    /**
     * {@code online alter} through node 1 while an application writes through node 2: the triggers and the copy
     * replicate, the cut-over RENAME runs in TOI, and the table ends equal to the writes the writer saw acknowledged
     * (a write that lost certification was not acknowledged, so it is not in the model).
     */
    @Test
    @Order(2)
    void onlineChangeOnOneNodeKeepsTheWritesOfAnother() throws Exception {
        String database = cluster.createDatabase();
        int rows = Integer.getInteger("dbshift.galera.online-rows", 5000);
        seedItems(database, rows);
        TestProject project = TestProject.create();
        Written written = whileNode2Writes(database, rows, () -> {
            DbShiftProcess.Result dry = DbShiftProcess.run(project.dir(), env(1, database), "online", "alter", "items",
                    "ADD COLUMN flags INT NOT NULL DEFAULT 0");
            assertThat(dry.out()).as(dry.toString()).contains("a Galera node (wsrep_OSU_method=TOI)", "cut-over RENAME",
                    "the triggers are checked on every node", "127.0.0.1:" + GaleraCluster.port(2));
            return alterItems(project, database);
        });
        assertThat(written.run().exit()).as(written.run().toString()).isZero();
        for (int node = 1; node <= 2; node++) {
            assertHoldsTheAcknowledgedWrites(node, database, written);
            try (Connection c = causal(node, database); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items WHERE flags <> 0")) {
                rs.next();
                assertThat(rs.getInt(1)).as("node " + node + ": rows with flags set").isZero();
            }
        }
    }

    /**
     * A node whose applier skips the CREATE TRIGGER of a synchronous trigger (Galera ignores a DDL that fails on an
     * applier; seen once in four runs of the test above, a syntax error the applier made up) must not go unnoticed:
     * that node's deletes would then reach neither the shadow nor a replayed log, and the swap would lose them while
     * the run reported success. Made certain here: node 2 alone (wsrep_on=OFF) already has a trigger of that name on
     * another table, so its applier fails the CREATE ("already exists") and the node's retry does nothing. The
     * change must stop, naming the node and the trigger, and leave the table with every acknowledged write of node 2.
     */
    @Test
    @Order(3)
    void aNodeWhoseApplierSkipsATriggerStopsTheChangeWithEveryWriteKept() throws Exception {
        String database = cluster.createDatabase();
        seedItems(database, 2000);
        onNode2Only(database, "CREATE TABLE decoy (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TRIGGER _items_sd AFTER DELETE ON decoy FOR EACH ROW SET @seen = 1");
        Written written = whileNode2Writes(database, 2000, () -> alterItems(TestProject.create(), database));
        DbShiftProcess.Result run = written.run();
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("the Galera node 127.0.0.1:" + GaleraCluster.port(2)
                + " has no trigger _items_sd on items");
        if (!run.err().contains("items is unchanged")) {
            // seen in 1 of 4 runs under load (MariaDB 10.11): after the drops in TOI and again through node 2, node 2's
            // items.TRG still lists a trigger whose name file (.TRN) is gone, nothing in its error log; no DROP TRIGGER
            // reaches it. The abandon stops and keeps the shadow the trigger writes into, as it must, and gives the way
            // out: the rename in place through that node writes the name files again, then online abort
            String rename = "RENAME TABLE `" + database + "`.`items` TO `" + database + "`.`_items_trn`, `" + database
                    + "`.`_items_trn` TO `" + database + "`.`items`";
            assertThat(run.err()).as(run.toString()).contains("removing what it left failed too", "still has the trigger(s)",
                    "then run 'dbshift online abort items'", rename + " through that server");
            System.err.println("GaleraIT: node 2 kept a trigger after the abandon's drops; renaming items in place there");
            try (Connection c = causal(2, database); Statement st = c.createStatement()) {
                st.execute(rename);
            }
            DbShiftProcess.Result abort = DbShiftProcess.run(TestProject.create().dir(), env(1, database), "online", "abort",
                    "items");
            for (int attempt = 1; abort.exit() != 0 && attempt < 10; attempt++) {
                Thread.sleep(1000);
                abort = DbShiftProcess.run(TestProject.create().dir(), env(1, database), "online", "abort", "items");
            }
            assertThat(abort.exit()).as(run + "\nthen online abort: " + abort).isZero();
        }
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            assertHoldsTheAcknowledgedWrites(node, database, written);
            assertThat(leftovers(node, database)).as("node " + node + ": the change's tables and triggers, all removed").isEmpty();
            assertInTheCluster(node);
        }
    }

    /** {@code online alter items ... --postpone-cutover --execute} through node 1, its output to {@code out}. */
    private static Process startPostponed(TestProject project, String database, File out) throws Exception {
        return DbShiftProcess.builder(project.dir(), env(1, database), "online", "alter", "items",
                        "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--strategy", "copy", "--postpone-cutover", "--execute")
                .redirectErrorStream(true).redirectOutput(out).start();
    }

    /** Waits until the change of {@code alter} (still running) waits for its cut-over. */
    private static void awaitCutover(String database, Process alter, File out) {
        Await.until("the change waiting for its cut-over", Duration.ofSeconds(180), () -> {
            assertThat(alter.isAlive()).as(Files.readString(out.toPath())).isTrue();
            return "WAIT_CUTOVER".equals(phaseOf(database));
        });
    }

    /**
     * What each live node was left with after a change that failed: the change's tables and triggers left behind, and
     * whether an application's insert into {@code items} works there (rolled back), as one line per node.
     */
    private static String afterAFailedChange(String database) {
        StringBuilder b = new StringBuilder();
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            if (!cluster.alive(node)) {
                continue;
            }
            b.append("--- node ").append(node).append(": ");
            try {
                b.append("left behind ").append(leftovers(node, database));
                try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    st.executeUpdate("INSERT INTO items (v) VALUES (-1)");
                    c.rollback();
                    b.append("; an insert into items works");
                }
            } catch (SQLException e) {
                b.append("; ").append(e.getMessage());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The change's tables ({@code _items…}) and every trigger in {@code database}, as {@code node} has them. */
    private static List<String> leftovers(int node, String database) throws SQLException {
        List<String> left = new ArrayList<>();
        try (Connection c = causal(node, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                     + " AND TABLE_NAME LIKE '\\_items%' UNION ALL SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                     + " WHERE TRIGGER_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                left.add(rs.getString(1));
            }
        }
        return left;
    }

    /** {@code node} is in a cluster of three and synced. */
    private static void assertInTheCluster(int node) throws SQLException {
        assertThat(cluster.status(node)).as("node " + node).containsEntry("wsrep_cluster_size", "3")
                .containsEntry("wsrep_local_state_comment", "Synced");
    }

    /** {@code items} on {@code node} (read causally) has {@code rows} rows, each with the new column {@code flags} at 0. */
    private static void assertNewColumnOnEveryRow(int node, String database, int rows) throws SQLException {
        try (Connection c = causal(node, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(flags) FROM items")) {
            rs.next();
            assertThat(rs.getInt(1)).as("node " + node).isEqualTo(rows);
            assertThat(rs.getInt(2)).as("node " + node).isZero();
        }
    }

    /** Runs {@code statements} on node 2 alone ({@code wsrep_on = OFF}: not replicated), after what it has applied. */
    private static void onNode2Only(String database, String... statements) throws SQLException {
        try (Connection c = causal(2, database); Statement st = c.createStatement()) {
            st.execute("SET SESSION wsrep_on = OFF");
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** {@code items} on node 1 with {@code rows} rows (v = id), and seen on node 2. */
    private static void seedItems(String database, int rows) throws SQLException {
        try (Connection c = cluster.connect(1, database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
            st.execute("INSERT INTO items (id, v) SELECT seq, seq FROM seq_1_to_" + rows);
        }
        // node 2 applies node 1's insert a moment later: a writer that began before saw no row to update or delete
        // (0 rows changed, taken for a write by the model) and an AUTO_INCREMENT counter from before the rows
        try (Connection c = causal(2, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the rows on node 2").isEqualTo(rows);
        }
    }

    /** The change the online tests make through node 1, copied in chunks of 500 rows. */
    private static DbShiftProcess.Result alterItems(TestProject project, String database) throws Exception {
        return DbShiftProcess.run(project.dir(), env(1, database), "online", "alter", "items",
                "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--strategy", "copy", "--max-chunk-rows", "500", "--execute");
    }

    /** A run made while {@link #write} wrote through node 2, and the writes it saw acknowledged. */
    private record Written(DbShiftProcess.Result run, Map<Long, Integer> model) {
    }

    /** Runs {@code change} once node 2's writer (over the seeded rows 1..{@code rows}) has written, then stops it. */
    private static Written whileNode2Writes(String database, int rows, java.util.concurrent.Callable<DbShiftProcess.Result> change)
            throws Exception {
        Map<Long, Integer> model = new java.util.concurrent.ConcurrentHashMap<>();
        for (long id = 1; id <= rows; id++) {
            model.put(id, (int) id);
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> write(database, model, stop, acknowledged, failure), "galera-writer");
        writer.start();
        DbShiftProcess.Result run;
        try {
            Await.until("the writer's first writes", Duration.ofSeconds(60), () -> acknowledged.get() > 20 || failure.get() != null);
            run = change.call();
        } finally {
            stop.set(true);
            writer.join(Duration.ofMinutes(2).toMillis());
        }
        // a writer statement that never returns is a stalled cluster: fail, never hang the build
        assertThat(writer.isAlive()).as("the writer's statement on node 2 has not returned for 2 minutes").isFalse();
        assertThat(failure.get()).as("the writer's unexpected error").isNull();
        assertThat(acknowledged.get()).isGreaterThan(20);
        return new Written(run, model);
    }

    /** {@code items} on {@code node} (read causally) is the writes node 2's writer saw acknowledged. */
    private static void assertHoldsTheAcknowledgedWrites(int node, String database, Written written) throws SQLException {
        Map<Long, Integer> table = new HashMap<>();
        try (Connection c = causal(node, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v FROM items")) {
            while (rs.next()) {
                table.put(rs.getLong(1), rs.getInt(2));
            }
        }
        assertThat(differences(table, written.model())).as("node " + node + ": the table against the acknowledged writes; "
                + written.run()).isEmpty();
    }

    /**
     * A node whose applier skipped the change log's CREATE TABLE (made certain: node 2 alone already has a table of that
     * name, without the key column, and the CREATE says IF NOT EXISTS) must be found before any trigger exists: the
     * capture triggers would then fail every write on node 2 ("Unknown column"). The change stops naming the node and
     * the table, and node 2's writer never sees an error.
     */
    @Test
    @Order(4)
    void aNodeWhoseApplierSkippedTheChangeLogStopsTheChangeBeforeItsTriggers() throws Exception {
        String database = cluster.createDatabase();
        seedItems(database, 1000);
        onNode2Only(database, "CREATE TABLE _items_chg (other INT PRIMARY KEY) ENGINE=InnoDB");
        Written written = whileNode2Writes(database, 1000, () -> alterItems(TestProject.create(), database));
        DbShiftProcess.Result run = written.run();
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("the Galera node 127.0.0.1:" + GaleraCluster.port(2)
                + " has a table _items_chg unlike this node's", "abandoned");
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            if (node <= 2) {
                assertHoldsTheAcknowledgedWrites(node, database, written);
            }
            assertThat(leftovers(node, database)).as("node " + node + ": the change's tables and triggers, all removed").isEmpty();
        }
    }

    /**
     * The swap's RENAME runs in TOI on every node. A transaction open on node 2 holds the table's metadata lock there
     * when node 1 swaps: node 2's applier must abort it and rename, as the other nodes do. A RENAME sent with NOWAIT
     * failed on node 2's applier instead, Galera ignored the failed DDL, and node 2 kept the old table (then left the
     * cluster at its next write). Checked on every node: the same tables, the new column, a cluster of three.
     */
    @Test
    @Order(5)
    void aTransactionOpenOnAnotherNodeAtTheSwapDoesNotSplitTheCluster() throws Exception {
        String database = cluster.createDatabase();
        seedItems(database, 500);
        TestProject project = TestProject.create();
        File out = File.createTempFile("dbshift-galera-swap", ".out");
        out.deleteOnExit();
        Process alter = startPostponed(project, database, out);
        try (Connection holder = cluster.connect(2, database)) {
            awaitCutover(database, alter, out);
            // node 2: a transaction that has read the table holds its metadata lock until it ends
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items")) {
                rs.next();
            }
            DbShiftProcess.Result cutover = DbShiftProcess.run(project.dir(), env(1, database), "online", "cutover", "items");
            assertThat(cutover.exit()).as(cutover.toString()).isZero();
            assertThat(alter.waitFor(180, TimeUnit.SECONDS)).as(Files.readString(out.toPath())).isTrue();
            assertThat(alter.exitValue()).as(Files.readString(out.toPath())).isZero();
            try {
                holder.rollback();
            } catch (SQLException abortedByTheSwap) {
                // the applier aborted it: what Galera does to a local holder of a TOI statement's lock
            }
        } finally {
            alter.destroyForcibly();
        }
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME LIKE '%items%' ORDER BY TABLE_NAME")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertThat(tables).as("node " + node + ": the swapped table and nothing of the change left").containsExactly("items");
            }
            assertNewColumnOnEveryRow(node, database, 500);
            assertInTheCluster(node);
        }
    }

    /**
     * A node whose applier skips the swap's RENAME (made certain: node 2 alone, wsrep_on=OFF, already has a table of
     * the old table's name) keeps the table the others renamed away; its next write there would split it from the
     * cluster. The change cannot know what that node wrote, so it stops with exit 3 and names the node, never "done";
     * so does online resume while node 2 is as it was (the swap is done here, so resume looks at the nodes again).
     * Once node 2 is mended by hand (the rename made there alone), resume finishes the cleanup on every node.
     */
    @Test
    @Order(7)
    void aNodeWhoseApplierSkipsTheSwapIsNamedWithExit3() throws Exception {
        String database = cluster.createDatabase();
        seedItems(database, 500);
        onNode2Only(database, "CREATE TABLE _items_old (id INT PRIMARY KEY) ENGINE=InnoDB");
        TestProject project = TestProject.create();
        DbShiftProcess.Result run = DbShiftProcess.run(project.dir(), env(1, database), "online", "alter",
                "items", "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--strategy", "copy", "--execute");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).as(run.toString()).contains("the swap of items ran on this node, but the Galera node 127.0.0.1:"
                + GaleraCluster.port(2) + " did not apply it", "dbshift online resume items");
        assertThat(run.out()).as(run.toString()).doesNotContain("done,");
        assertThat(leftovers(2, database)).as("node 2 kept the shadow: its applier skipped the RENAME").contains("_items_new");
        DbShiftProcess.Result early = DbShiftProcess.run(project.dir(), env(1, database), "online", "resume", "items");
        assertThat(early.exit()).as(early.toString()).isEqualTo(3);
        assertThat(early.err()).as(early.toString()).contains("the Galera node 127.0.0.1:" + GaleraCluster.port(2)
                + " did not apply it");
        onNode2Only(database, "DROP TABLE _items_old", "RENAME TABLE items TO _items_old, _items_new TO items");
        DbShiftProcess.Result resumed = DbShiftProcess.run(project.dir(), env(1, database), "online", "resume", "items");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            assertThat(leftovers(node, database)).as("node " + node + ": the change's tables and triggers, all removed").isEmpty();
            assertNewColumnOnEveryRow(node, database, 500);
            assertInTheCluster(node);
        }
    }

    /**
     * An abort whose DROP TRIGGERs do not happen on a node (made certain: node 2 may not change its folder of the
     * database, so its applier's drops, and one through node 2 too, leave the triggers; MariaDB even reports the
     * latter a success) must not drop the shadow those triggers write into:
     * every write to the table on node 2 would then fail. The abort fails naming the node and keeps the shadow, node 2
     * keeps taking writes, and once the node can drop them again the abort completes on every node.
     */
    @Test
    @Order(8)
    void anAbortWhoseTriggerDropANodeSkipsKeepsThatNodeWritable() throws Exception {
        String database = cluster.createDatabase();
        seedItems(database, 500);
        TestProject project = TestProject.create();
        File out = File.createTempFile("dbshift-galera-abort", ".out");
        out.deleteOnExit();
        Process alter = startPostponed(project, database, out);
        java.nio.file.Path folder = cluster.databaseDir(2, database);
        java.util.Set<java.nio.file.attribute.PosixFilePermission> before = Files.getPosixFilePermissions(folder);
        try {
            awaitCutover(database, alter, out);
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            DbShiftProcess.Result abort = DbShiftProcess.run(project.dir(), env(1, database), "online", "abort", "items");
            assertThat(abort.exit()).as(abort.toString()).isEqualTo(1);
            assertThat(abort.err()).as(abort.toString()).contains("the Galera node 127.0.0.1:" + GaleraCluster.port(2)
                    + " still has the trigger(s) _items_", "_items_new, so it and the change log are kept");
            assertThat(alter.waitFor(180, TimeUnit.SECONDS)).as(Files.readString(out.toPath())).isTrue();
            assertThat(alter.exitValue()).as(Files.readString(out.toPath())).isNotZero();
            try (Connection c = cluster.connect(2, database); Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("INSERT INTO items (v) VALUES (-1)")).as("a write on node 2").isEqualTo(1);
            }
        } finally {
            Files.setPosixFilePermissions(folder, before);
            alter.destroyForcibly();
        }
        DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env(1, database), "online", "abort", "items");
        assertThat(again.exit()).as(again.toString()).isZero();
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                assertThat(leftovers(node, database)).as("node " + node + ": the change's tables and triggers, all removed").isEmpty();
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("node " + node + ": the rows and node 2's write").isEqualTo(501);
                }
            }
            assertInTheCluster(node);
        }
    }

    /**
     * {@code online alter} through node 1 killed (SIGKILL) at a random point of the change while node 2 writes, then
     * continued ({@code online resume}, or run again when it was killed before its state row): the resumed change
     * checks the triggers on every node again, and the swapped table is the writes node 2 saw acknowledged. Two
     * trials a run ({@code -Ddbshift.galera.killTrials=N} for more; the fault campaign runs 8), the seed printed
     * ({@code -Ddbshift.galera.killSeed} repeats one).
     */
    @Test
    @Order(9)
    void anOnlineChangeKilledAnywhereThenResumedKeepsTheWritesOfAnotherNode() throws Exception {
        long seed = Long.getLong("dbshift.galera.killSeed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        List<String> killedIn = new ArrayList<>();
        for (int trial = 0; trial < KILL_TRIALS; trial++) {
            String database = cluster.createDatabase();
            seedItems(database, 3000);
            TestProject project = TestProject.create();
            long delay = random.nextInt(800); // the change takes about 1 s after its state row here
            String label = "seed " + seed + " trial " + trial + ", killed " + delay + " ms after the state row";
            Written written = whileNode2Writes(database, 3000, () -> {
                File out = File.createTempFile("dbshift-galera-kill", ".out");
                out.deleteOnExit();
                Process alter = DbShiftProcess.builder(project.dir(), env(1, database), "online", "alter", "items",
                                "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--strategy", "copy", "--max-chunk-rows", "100",
                                "--execute").redirectErrorStream(true).redirectOutput(out).start();
                Await.until("the change's state row, or its end", Duration.ofSeconds(120),
                        () -> !alter.isAlive() || !phaseOf(database).equals("-"));
                boolean finished = alter.waitFor(delay, TimeUnit.MILLISECONDS);
                alter.destroyForcibly(); // SIGKILL
                assertThat(alter.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String phase = finished ? "finished" : phaseOf(database);
                killedIn.add(phase);
                if (finished || phase.equals("DONE")) {
                    return new DbShiftProcess.Result(finished ? alter.exitValue() : 0, Files.readString(out.toPath()), "");
                }
                return phase.equals("-") ? alterItems(project, database)
                        : resumeItems(project, database);
            });
            String at = label + " (in " + killedIn.get(trial) + ")";
            // on failure, what each node was left with and the nodes' logs: a server error seen once in ~40 trials (1711,
            // "Unknown trigger has an error in its body: 'Query was empty'", at the resumed change's sync) is not explained
            assertThat(written.run().exit()).as(() -> at + ": " + written.run() + "\n" + afterAFailedChange(database)
                    + cluster.logTails()).isZero();
            for (int node = 1; node <= GaleraCluster.NODES; node++) {
                if (node <= 2) {
                    assertHoldsTheAcknowledgedWrites(node, database, written);
                }
                assertThat(leftovers(node, database)).as(at + ": node " + node + ", the change's tables and triggers").isEmpty();
                try (Connection c = causal(node, database); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA"
                             + " = DATABASE() AND TABLE_NAME = 'items' AND COLUMN_NAME = 'flags'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(at + ": node " + node + ", the new column").isEqualTo(1);
                }
            }
        }
        System.out.println("Galera online kills (seed " + seed + "): killed in " + killedIn + "; each continued to the end");
    }

    /**
     * {@code online resume items} through node 1, again after a pause while it says another process runs the change
     * (exit 4): the killed process's session keeps the engine's lock until the server ends it, which it does once the
     * statement it was running ends, as the error says.
     */
    private static DbShiftProcess.Result resumeItems(TestProject project, String database) throws Exception {
        DbShiftProcess.Result resume = DbShiftProcess.run(project.dir(), env(1, database), "online", "resume", "items");
        for (int attempt = 1; resume.exit() == 4 && attempt < 10; attempt++) {
            Thread.sleep(1000);
            resume = DbShiftProcess.run(project.dir(), env(1, database), "online", "resume", "items");
        }
        return resume;
    }

    /** The phase of the change of {@code items} in {@code database}, as node 1 reads it; "-" before its state row. */
    private static String phaseOf(String database) {
        try (Connection c = causal(1, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT phase FROM dbshift_online WHERE table_name = 'items'")) {
            return rs.next() ? rs.getString(1) : "-";
        } catch (SQLException noStateTable) {
            return "-";
        }
    }

    /**
     * Inserts, updates and deletes through node 2 with autocommit until stopped; applies to {@code model} only what
     * the server acknowledged, an update or delete only when it changed its row. A certification conflict (deadlock
     * error 1213: the statement was rolled back) is the one error expected; any other ends the writer and is reported.
     */
    private static void write(String database, Map<Long, Integer> model, java.util.concurrent.atomic.AtomicBoolean stop,
                              java.util.concurrent.atomic.AtomicLong acknowledged,
                              java.util.concurrent.atomic.AtomicReference<Throwable> failure) {
        java.util.Random random = new java.util.Random(15);
        try (Connection c = cluster.connect(2, database)) {
            while (!stop.get()) {
                List<Long> ids = new ArrayList<>(model.keySet());
                long id = ids.get(random.nextInt(ids.size()));
                int v = random.nextInt(1_000_000);
                int op = random.nextInt(3);
                try (Statement st = c.createStatement()) {
                    if (op == 0) {
                        st.executeUpdate("INSERT INTO items (v) VALUES (" + v + ")", Statement.RETURN_GENERATED_KEYS);
                        try (ResultSet keys = st.getGeneratedKeys()) {
                            keys.next();
                            model.put(keys.getLong(1), v);
                        }
                    } else if (op == 1) {
                        changedOne(st.executeUpdate("UPDATE items SET v = " + v + " WHERE id = " + id), "UPDATE", id);
                        model.put(id, v);
                    } else if (model.size() > 10) {
                        changedOne(st.executeUpdate("DELETE FROM items WHERE id = " + id), "DELETE", id);
                        model.remove(id);
                    }
                    acknowledged.incrementAndGet();
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1213) {
                        throw e;
                    }
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** A write of a row the model has changes that row: 0 rows is a row node 2 does not have, not a write. */
    private static void changedOne(int changed, String what, long id) {
        if (changed != 1) {
            throw new IllegalStateException(what + " of id " + id + " on node 2 changed " + changed + " rows");
        }
    }

    /**
     * {@code lint --connect} through a node: the server's facts say it is a Galera node running DDL in TOI, so an index
     * built on an existing table is reported as blocking the cluster, and a migration mixing DDL and row changes is
     * reported; {@code online alter --strategy native} of an INPLACE change is refused there.
     */
    @Test
    @Order(6)
    void lintAndOnlineKnowTheyAreOnGalera() throws Exception {
        String database = cluster.createDatabase();
        try (Connection c = cluster.connect(1, database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL) ENGINE=InnoDB");
        }
        TestProject project = TestProject.create()
                .file("migrations/1__index.sql", "CREATE INDEX idx_total ON orders (total);\n")
                .file("migrations/2__mixed.sql", "CREATE TABLE seen (id INT PRIMARY KEY);\nINSERT INTO seen VALUES (1);\n");
        DbShiftProcess.Result lint = DbShiftProcess.run(project.dir(), env(2, database), "lint", "--connect");
        assertThat(lint.out() + lint.err()).as(lint.toString()).contains("mysql-galera-ddl", "builds an index on orders",
                "mysql-galera-mixed-ddl-dml");
        DbShiftProcess.Result plain = DbShiftProcess.run(project.dir(), env(2, database), "lint");
        assertThat(plain.out() + plain.err()).as("offline, nothing says Galera").doesNotContain("mysql-galera");

        DbShiftProcess.Result nativeAlter = DbShiftProcess.run(project.dir(), env(2, database), "online", "alter", "orders",
                "ADD INDEX idx_t (total)", "--strategy", "native", "--execute");
        assertThat(nativeAlter.exit()).as(nativeAlter.toString()).isNotZero();
        assertThat(nativeAlter.err()).contains("runs in TOI");
    }

    /**
     * A node's applier skips a migration's DDL (made certain: node 2 alone already has a table of that name, so the
     * CREATE TABLE fails there and its applier goes on). Before, {@code up} through node 1 exited 0, and the history,
     * replicated to node 2, said applied there too. Now the run compares every node's schema with node 1's at its end:
     * exit 3, naming node 2 and what it lacks. Once node 2 is mended by hand, {@code check} through it finds no drift,
     * and the next {@code up} exits 0 with nothing to say about the nodes.
     */
    @Test
    @Order(9)
    void aNodeWhoseApplierSkipsAMigrationsDdlIsNamedWithExit3() throws Exception {
        String database = cluster.createDatabase();
        TestProject project = TestProject.create()
                .file("migrations/1__first.sql", "CREATE TABLE first (id INT PRIMARY KEY) ENGINE=InnoDB;\n")
                .file("migrations/2__second.sql", "CREATE TABLE second (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB;\n");
        onNode2Only(database, "CREATE TABLE second (x INT) ENGINE=InnoDB");
        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env(1, database), "up");
        assertThat(up.exit()).as(up.toString()).isEqualTo(3);
        assertThat(up.err()).as(up.toString()).contains("The node 127.0.0.1:" + GaleraCluster.port(2) + " lacks",
                "second", "Ignoring error").doesNotContain(":" + GaleraCluster.port(3) + " lacks");
        try (Connection c = causal(2, database); Statement st = c.createStatement()) {
            assertThat(dev.dbshift.testing.Queries.applies(st)).as("the history node 2 replicated").containsOnlyKeys("1", "2");
        }
        DbShiftProcess.Result drift = DbShiftProcess.run(project.dir(), env(2, database), "check");
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(3);

        onNode2Only(database, "DROP TABLE second", "CREATE TABLE second (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB");
        DbShiftProcess.Result mended = DbShiftProcess.run(project.dir(), env(2, database), "check");
        assertThat(mended.exit()).as(mended.toString()).isZero();
        project.file("migrations/3__third.sql", "CREATE TABLE third (id INT PRIMARY KEY) ENGINE=InnoDB;\n");
        DbShiftProcess.Result next = DbShiftProcess.run(project.dir(), env(1, database), "up");
        assertThat(next.exit()).as(next.toString()).isZero();
        assertThat(next.out() + next.err()).as(next.toString()).doesNotContain("node", "not compared");

        // an event made through node 1 is SLAVESIDE_DISABLED on the nodes that replicated it, so it does not run twice:
        // the same event, not a node that differs
        project.file("migrations/4__event.sql", "CREATE EVENT tidy ON SCHEDULE EVERY 1 DAY DO DELETE FROM third WHERE id < 0;\n");
        DbShiftProcess.Result event = DbShiftProcess.run(project.dir(), env(1, database), "up");
        assertThat(event.exit()).as(event.toString()).isZero();
        assertThat(event.out() + event.err()).as(event.toString()).doesNotContain("node", "not compared");
        try (Connection c = causal(2, database); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("SLAVESIDE_DISABLED");
        }
        DbShiftProcess.Result onNode2 = DbShiftProcess.run(project.dir(), env(2, database), "check");
        assertThat(onNode2.exit()).as(onNode2.toString()).isZero();
    }

    /**
     * A node set to run DDL in RSU (a rolling schema upgrade): its DDL stays there while dbshift's history rows
     * replicate, so the other nodes would say applied without the change. {@code up} refuses before it writes anything,
     * its lock and history tables included, naming the setting; so does {@code online alter}. A migration that switches its own session to RSU gets
     * its DDL on node 1 alone: the comparison of the nodes at the end names the others, exit 3.
     */
    @Test
    @Order(9)
    void aNodeRunningDdlInRsuIsRefusedBeforeAnythingIsWritten() throws Exception {
        String database = cluster.createDatabase();
        TestProject project = TestProject.create()
                .file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY) ENGINE=InnoDB;\n");
        seedItems(database, 100);
        try (Connection c = cluster.connect(1, database); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL wsrep_OSU_method = 'RSU'");
        }
        DbShiftProcess.Result up;
        DbShiftProcess.Result online;
        try {
            up = DbShiftProcess.run(project.dir(), env(1, database), "up");
            online = DbShiftProcess.run(project.dir(), env(1, database), "online", "alter", "items",
                    "ADD COLUMN flags INT NOT NULL DEFAULT 0", "--strategy", "copy", "--execute");
        } finally {
            try (Connection c = cluster.connect(1, database); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL wsrep_OSU_method = 'TOI'");
            }
        }
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).as(up.toString()).contains("nothing was written", "runs DDL in RSU (wsrep_OSU_method)",
                "SET GLOBAL wsrep_OSU_method = 'TOI'");
        // the online change too, before its state table: the engine's own preflight refused RSU only after making that
        // table, in RSU on node 1 alone
        assertThat(online.exit()).as(online.toString()).isEqualTo(2);
        assertThat(online.err()).as(online.toString()).contains("nothing was changed", "runs DDL in RSU (wsrep_OSU_method)");
        for (int node = 1; node <= GaleraCluster.NODES; node++) {
            assertThat(tables(node, database)).as("node " + node).containsExactly("items");
        }

        project.file("migrations/2__local.sql", "SET SESSION wsrep_OSU_method = 'RSU';\n"
                + "CREATE TABLE two (id INT PRIMARY KEY) ENGINE=InnoDB;\nSET SESSION wsrep_OSU_method = 'TOI';\n");
        DbShiftProcess.Result local = DbShiftProcess.run(project.dir(), env(1, database), "up");
        assertThat(local.exit()).as(local.toString()).isEqualTo(3);
        assertThat(local.err()).as(local.toString()).contains("The node 127.0.0.1:" + GaleraCluster.port(2) + " lacks",
                "The node 127.0.0.1:" + GaleraCluster.port(3) + " lacks", "create table two");
        assertThat(tables(2, database)).as("node 2").contains("one", "items").doesNotContain("two");
    }

    /** The tables of {@code database} on {@code node}, read causally. */
    private static List<String> tables(int node, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = causal(node, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * The run's user exists on node 1 alone (made there with {@code wsrep_on = OFF}), so the schema comparison cannot
     * log in to nodes 2 and 3, as with nodes reached only through a proxy. That is a notice naming each node, never a
     * failure of a run that succeeded, and never the password.
     */
    @Test
    @Order(9)
    void aNodeTheRunCannotReachIsANoticeNotAFailure() throws Exception {
        String database = cluster.createDatabase();
        String password = "node1-only-pw-7";
        try (Connection c = causal(1, database); Statement st = c.createStatement()) {
            st.execute("SET SESSION wsrep_on = OFF");
            st.execute("CREATE USER 'node1only'@'%' IDENTIFIED BY '" + password + "'");
            st.execute("GRANT ALL ON *.* TO 'node1only'@'%'");
        }
        try {
            TestProject project = TestProject.create()
                    .file("migrations/1__one.sql", "CREATE TABLE one (id INT PRIMARY KEY) ENGINE=InnoDB;\n");
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", GaleraCluster.url(1, database),
                    "DBSHIFT_USER", "node1only", "DBSHIFT_PASSWORD", password), "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            for (int node = 2; node <= GaleraCluster.NODES; node++) {
                assertThat(up.out()).as(up.toString()).contains("note: the schema was not compared on the cluster node 127.0.0.1:"
                        + GaleraCluster.port(node) + ": ");
            }
            assertThat(up.out() + up.err()).as(up.toString()).doesNotContain(password);

            // the user on every node, and a parameter in the URL: the nodes are compared with the run's password (the
            // driver reports its URL with password=***, which must not reach a node's URL) and the URL's parameters
            for (int node = 2; node <= GaleraCluster.NODES; node++) {
                try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                    st.execute("SET SESSION wsrep_on = OFF");
                    st.execute("CREATE USER 'node1only'@'%' IDENTIFIED BY '" + password + "'");
                    st.execute("GRANT ALL ON *.* TO 'node1only'@'%'");
                }
            }
            project.file("migrations/2__two.sql", "CREATE TABLE two (id INT PRIMARY KEY) ENGINE=InnoDB;\n");
            DbShiftProcess.Result compared = DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL",
                    GaleraCluster.url(1, database) + "?tcpKeepAlive=true", "DBSHIFT_USER", "node1only", "DBSHIFT_PASSWORD",
                    password), "up");
            assertThat(compared.exit()).as(compared.toString()).isZero();
            assertThat(compared.out() + compared.err()).as(compared.toString()).doesNotContain("not compared", password);
        } finally {
            for (int node = 1; node <= GaleraCluster.NODES; node++) {
                try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                    st.execute("SET SESSION wsrep_on = OFF");
                    st.execute("DROP USER IF EXISTS 'node1only'@'%'");
                }
            }
        }
    }

    /**
     * A node dies (SIGKILL) while a run on it is inside a migration: that run fails (the rules: it cannot finish,
     * it records nothing more), the two other nodes go on as the cluster, and a run through another node completes
     * the rest exactly once, taking over the dead run's lock at once (its process is gone). Last: the cluster
     * keeps two nodes after it.
     */
    @Test
    @Order(10)
    void aNodeKilledDuringUpLeavesAStateAnotherNodeCompletes() throws Exception {
        String database = cluster.createDatabase();
        TestProject project = TestProject.create();
        int migrations = 4;
        for (int i = 1; i <= migrations; i++) {
            project.file("migrations/" + i + "__k" + i + ".sql", "CREATE TABLE k" + i + " (id INT PRIMARY KEY);\n"
                    + "SELECT SLEEP(1);\nINSERT INTO k" + i + " VALUES (1);\nSELECT SLEEP(1);\n");
        }
        File err = File.createTempFile("dbshift-galera-kill", ".err");
        err.deleteOnExit();
        Process up = DbShiftProcess.builder(project.dir(), env(3, database), "up")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
        long killed;
        try {
            // migration 2 has begun: its table is there (its CREATE TABLE ran in TOI on every node), its row is not
            Await.until("migration 2 under way", Duration.ofSeconds(120), () -> {
                try (Connection c = causal(1, database); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                             + " AND TABLE_NAME = 'k2'")) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            });
            killed = System.nanoTime();
            cluster.kill(3);
            assertThat(up.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            up.destroyForcibly();
        }
        assertThat(up.exitValue()).as(Files.readString(err.toPath())).isNotZero();
        // two nodes left: the live ones ready in a cluster of two
        cluster.awaitHealthy();
        System.err.printf("GaleraIT: two nodes left %d ms after the kill%n", (System.nanoTime() - killed) / 1_000_000);

        DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env(1, database), "up", "--lock-timeout", "60s");
        assertThat(again.exit()).as(again.toString()).isZero();
        for (int node = 1; node <= 2; node++) {
            try (Connection c = causal(node, database); Statement st = c.createStatement()) {
                for (int i = 1; i <= migrations; i++) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM k" + i)) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("node " + node + " k" + i).isEqualTo(1);
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbshift_runs WHERE finished_at IS NULL")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the killed run is closed by the next one").isZero();
                }
            }
            DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), env(node, database), "status", "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out());
            assertThat(n.get("current").asText()).isEqualTo(String.valueOf(migrations));
            assertThat(n.get("pending").asInt()).isZero();
        }
    }
}
