package dev.dbshift.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A 3-node MariaDB Galera cluster on this machine, for the tests that need one: MariaDB's own {@code galera-4}
 * provider, one data directory per node in a temporary folder, gcomm on loopback. Node 1 bootstraps a cluster
 * ({@code --wsrep-new-cluster}) from a data directory {@code mariadb-install-db} made and shuts down cleanly; the
 * three nodes then start from copies of that state with a saved primary view naming all three, and re-form the
 * cluster as after a whole cluster's restart. Joining nodes 2 and 3 to a running node 1 instead costs a state
 * transfer each (the rsync script, one donor at a time): over a minute on a loaded 2-core machine, against
 * seconds. Ready when every node says {@code wsrep_cluster_size=3} and {@code wsrep_ready=ON}. Closing kills every node (and what it started), also when the start failed; so does a
 * JVM shutdown hook, should a test runner never close it.
 *
 * <p>Ports: mysqld 4301..4303, gcomm 4571..4573, IST 4581..4583, SST 4591..4593 (rsync, should a node ever need a
 * state transfer). Still some seconds to start, so a test class starts one and shares it.
 */
public final class GaleraCluster implements AutoCloseable {
    public static final int NODES = 3;
    public static final String USER = "root";
    private static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";
    private static final Duration START = Duration.ofSeconds(Long.getLong("dbshift.galera.start-seconds", 240));

    private final Path dir;
    private final Process[] nodes = new Process[NODES + 1];
    private final Thread hook = new Thread(this::killAll, "galera-cluster-kill");

    private GaleraCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the cluster and waits until it is ready; on any failure kills what it started and throws. */
    public static GaleraCluster start() {
        GaleraCluster cluster;
        try {
            cluster = new GaleraCluster(Files.createTempDirectory("dbshift-galera"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            cluster.boot();
            return cluster;
        } catch (RuntimeException | Error e) {
            String logs = cluster.logTails();
            cluster.close();
            throw new IllegalStateException("the Galera cluster did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void boot() {
        try {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal mysql = users.lookupPrincipalByName("mysql");
            Files.setOwner(dir, mysql);
            for (int n = 1; n <= NODES; n++) {
                Files.createDirectories(datadir(n));
                Files.setOwner(datadir(n), mysql);
                Files.createDirectories(tmpdir(n));
                Files.setOwner(tmpdir(n), mysql);
            }
            Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=mysql",
                    "--datadir=" + datadir(1), "--tmpdir=" + tmpdir(1), "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=32M")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
            }
            // node 1 bootstraps the cluster alone, which gives the state its history id, and shuts down cleanly
            nodes[1] = startNode(1, true);
            Await.until("node 1 bootstrapped", START, () -> ready(1, 1));
            try (Connection c = DriverManager.getConnection(serverUrl(1), USER, ""); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
            if (!nodes[1].waitFor(START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("node 1 did not shut down");
            }
            Files.deleteIfExists(datadir(1).resolve("galera.cache"));
            // every node starts from that state, as members of a saved primary view of the three: they re-form
            // the cluster without a state transfer (Galera's pc.recovery, as after a whole cluster's restart)
            List<String> members = new ArrayList<>();
            for (int n = 1; n <= NODES; n++) {
                members.add(UUID.randomUUID().toString());
            }
            String grastate = Files.readString(datadir(1).resolve("grastate.dat")).replace("safe_to_bootstrap: 1", "safe_to_bootstrap: 0");
            for (int n = 1; n <= NODES; n++) {
                if (n > 1) {
                    copy(datadir(1), datadir(n), mysql);
                }
                Files.writeString(datadir(n).resolve("grastate.dat"), grastate);
                StringBuilder view = new StringBuilder("my_uuid: " + members.get(n - 1) + "\n#vwbeg\nview_id: 3 "
                        + members.get(0) + " 3\nbootstrap: 0\n");
                members.forEach(m -> view.append("member: ").append(m).append(" 0\n"));
                Files.writeString(datadir(n).resolve("gvwstate.dat"), view.append("#vwend\n").toString());
                Files.setOwner(datadir(n).resolve("gvwstate.dat"), mysql);
            }
            for (int n = 1; n <= NODES; n++) {
                nodes[n] = startNode(n, false);
            }
            for (int n = 1; n <= NODES; n++) {
                int node = n;
                Await.until("node " + n + " in a cluster of " + NODES, START, () -> ready(node, NODES));
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies a data directory, the copy owned by {@code owner}. */
    private static void copy(Path from, Path to, UserPrincipal owner) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setOwner(target, owner);
            }
        }
    }

    private Path datadir(int node) {
        return dir.resolve("n" + node);
    }

    /** The folder of {@code database} in {@code node}'s data directory (its tables' and triggers' files). */
    public Path databaseDir(int node, String database) {
        return datadir(node).resolve(database);
    }

    /**
     * A node's own temporary folder: a starting server (and mariadb-install-db's) deletes every {@code #sql*} file in its tmpdir as a crash's
     * leftover, and with the default ({@code /tmp}) those were the temporary tables of the machine's MariaDB, in use by
     * a concurrent test (shown: FormatsIT failed with "Error on delete of '/tmp/#sql-temptable-....MAI'").
     */
    private Path tmpdir(int node) {
        return dir.resolve("n" + node + "-tmp");
    }

    private Process startNode(int node, boolean bootstrap) throws IOException {
        String gcomm = "gcomm://127.0.0.1:4571,127.0.0.1:4572,127.0.0.1:4573";
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--user=mysql",
                "--datadir=" + datadir(node), "--tmpdir=" + tmpdir(node), "--socket=" + dir.resolve("n" + node + ".sock"),
                "--pid-file=" + dir.resolve("n" + node + ".pid"), "--port=" + port(node), "--bind-address=127.0.0.1",
                "--log-error=" + log(node), "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                "--performance-schema=OFF", "--binlog-format=ROW", "--default-storage-engine=InnoDB",
                "--innodb-autoinc-lock-mode=2", "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER,
                "--wsrep-cluster-name=dbshift-test", "--wsrep-cluster-address=" + gcomm,
                "--wsrep-node-address=127.0.0.1:" + (4570 + node), "--wsrep-node-name=n" + node,
                // the client address each node reports (AUTO on a loopback bind address): online change checks every node there
                "--wsrep-node-incoming-address=127.0.0.1:" + port(node),
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + (4570 + node)
                        + ";ist.recv_addr=127.0.0.1:" + (4580 + node) + ";gcache.size=32M"
                        // a node starved of CPU for seconds (a loaded test machine) is not a dead node
                        + ";evs.suspect_timeout=PT15S;evs.inactive_timeout=PT30S;evs.install_timeout=PT15S",
                "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + (4590 + node)));
        if (bootstrap) {
            cmd.add("--wsrep-new-cluster");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
    }

    private Path log(int node) {
        return dir.resolve("n" + node + ".err");
    }

    private boolean ready(int node, int size) throws SQLException {
        return ready(view(node), size);
    }

    private static boolean ready(Map<String, String> view, int size) {
        return "ON".equals(view.get("wsrep_ready")) && String.valueOf(size).equals(view.get("wsrep_cluster_size"));
    }

    /**
     * What {@code node} says of the cluster it sees: the status variables a wait that failed should show (size, ready,
     * the cluster's status, the node's state, its EVS state, the members' addresses).
     */
    private Map<String, String> view(int node) throws SQLException {
        if (!nodes[node].isAlive()) {
            throw new IllegalStateException("node " + node + " exited with " + nodes[node].exitValue());
        }
        Map<String, String> all = status(node);
        Map<String, String> view = new java.util.TreeMap<>();
        for (String k : List.of("wsrep_cluster_size", "wsrep_ready", "wsrep_cluster_status", "wsrep_local_state_comment",
                "wsrep_connected", "wsrep_evs_state", "wsrep_incoming_addresses")) {
            view.put(k, all.get(k));
        }
        return view;
    }

    /** The {@code wsrep_%} status variables of {@code node}. */
    public Map<String, String> status(int node) throws SQLException {
        Map<String, String> status = new HashMap<>();
        try (Connection c = DriverManager.getConnection(serverUrl(node), USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'wsrep%'")) {
            while (rs.next()) {
                status.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            }
        }
        return status;
    }

    public static int port(int node) {
        return 4300 + node;
    }

    /** The URL of {@code node} without a database. */
    public static String serverUrl(int node) {
        return "jdbc:mariadb://127.0.0.1:" + port(node) + "/";
    }

    /** The URL of database {@code database} on {@code node}. */
    public static String url(int node, String database) {
        return serverUrl(node) + database;
    }

    public Connection connect(int node, String database) throws SQLException {
        return DriverManager.getConnection(url(node, database), USER, "");
    }

    /**
     * Creates a database with a fresh name on the cluster (through node 1) and returns its name once every live node
     * has it: another node applies the CREATE after node 1 returns, and a connection that names the database there
     * before that fails ("Unknown database"; seen once under load). A SELECT with {@code wsrep_sync_wait = 1} waits for it
     * (a SHOW does not: SHOW statements wait only under the bit 8).
     */
    public String createDatabase() throws SQLException {
        String name = "gal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl(1), USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        for (int n = 2; n <= NODES; n++) {
            if (alive(n)) {
                try (Connection c = DriverManager.getConnection(serverUrl(n), USER, ""); Statement st = c.createStatement()) {
                    st.execute("SET SESSION wsrep_sync_wait = 1");
                    // a SELECT: bit 1 makes SELECTs wait, while SHOW DATABASES waits only under bit 8 (it read on
                    // at once, and failed in CI when node 2 had not applied the CREATE yet)
                    try (ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                            + " WHERE SCHEMA_NAME = '" + name + "'")) {
                        if (!rs.next()) {
                            throw new SQLException("node " + n + " has no database " + name + " after a causal read");
                        }
                    }
                }
            }
        }
        return name;
    }

    /** Ends {@code node} at once (SIGKILL), as a crashed server; the others go on as a cluster of two. */
    public void kill(int node) {
        kill(nodes[node]);
    }

    public boolean alive(int node) {
        return nodes[node] != null && nodes[node].isAlive();
    }

    /**
     * Waits until every live node is ready in a cluster of all the live nodes (after a test that stressed it, or
     * killed a node); when one is not in time, the failure shows what that node last said of the cluster and the
     * nodes' log tails.
     */
    public void awaitHealthy() {
        int live = (int) java.util.stream.IntStream.rangeClosed(1, NODES).filter(this::alive).count();
        for (int n = 1; n <= NODES; n++) {
            if (alive(n)) {
                int node = n;
                try {
                    Await.until("node " + n + " ready in a cluster of " + live, START, () -> view(node), v -> ready(v, live));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + logTails(), e);
                }
            }
        }
    }

    private static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killAll() {
        for (int n = 1; n <= NODES; n++) {
            kill(nodes[n]);
        }
    }

    /**
     * The last lines of every node's error log: what a failed start or a cluster that did not settle shows, and what a
     * node said about a statement that failed on it.
     */
    public String logTails() {
        StringBuilder b = new StringBuilder();
        for (int n = 1; n <= NODES; n++) {
            try {
                List<String> lines = Files.exists(log(n)) ? Files.readAllLines(log(n)) : List.of();
                b.append("--- node ").append(n).append(" log (last lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
            } catch (IOException | java.io.UncheckedIOException e) {
                b.append("--- node ").append(n).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    /** Kills every node and deletes the data directories (kept with {@code -Ddbshift.galera.keep=true}, to read the logs). */
    @Override
    public void close() {
        killAll();
        if (Boolean.getBoolean("dbshift.galera.keep")) {
            System.err.println("Galera cluster files kept in " + dir);
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it up
        }
    }
}
