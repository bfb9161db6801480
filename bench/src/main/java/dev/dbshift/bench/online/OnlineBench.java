package dev.dbshift.bench.online;

import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineMigrator;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.Strategy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Online ALTER side by side: dbshift's copy engine, {@code ALTER TABLE ... ALGORITHM=COPY} (the
 * upper bound of copy speed, and a full write block) and pt-online-schema-change, each on a fresh
 * copy of the same {@code orders} table, idle and under one application writer. Run it with the
 * command in {@code bench/README-online.md}.
 *
 * <p>Arguments (all optional): {@code --url jdbc:mariadb://127.0.0.1:3306/} {@code --user root}
 * {@code --rows 2000000} {@code --runs 3} {@code --tools copy,ptosc,dbshift} {@code --modes idle,writer} (and
 * {@code triggers}: the writer with dbshift's triggers in place and its copy held, see {@link #triggersOnly})
 * {@code --writer-rate N} (writes a second of an open-loop writer, an application with a steady load; 0, the default,
 * a closed loop that writes as fast as one session can, see {@link Writer}). The tool
 * {@code dbshift-nochecksum} is dbshift without its comparison of both tables before the swap ({@code --no-checksum}):
 * like for like with pt-online-schema-change, which copies and swaps without comparing. The tool {@code dbshift-niceR}
 * ({@code dbshift-nice1}, {@code dbshift-nice0.5}) is dbshift with {@code --nice-ratio R}: after each copy chunk it
 * rests R times the chunk's time, which gives the writer back part of the server.
 */
public final class OnlineBench {

    static final String DB = "dbshift_bench_online";
    /** The prefix of the tool name that runs dbshift with a nice ratio: {@code dbshift-nice1}. */
    static final String NICE = "dbshift-nice";
    static final String ALTER = "ADD COLUMN flags INT NOT NULL DEFAULT 0, ADD INDEX idx_status(status)";

    private final String serverUrl;
    private final String user;
    private final int rows;
    boolean sampleLocks;
    /** The writer's writes a second, or 0 for a closed loop. */
    int writerRate;

    OnlineBench(String serverUrl, String user, int rows) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        OnlineBench bench = new OnlineBench(a.getOrDefault("url", "jdbc:mariadb://127.0.0.1:3306/"),
                a.getOrDefault("user", "root"), Integer.parseInt(a.getOrDefault("rows", "2000000")));
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        List<String> tools = List.of(a.getOrDefault("tools", "copy,ptosc,dbshift").split(","));
        List<String> modes = List.of(a.getOrDefault("modes", "idle,writer").split(","));
        bench.sampleLocks = Boolean.parseBoolean(a.getOrDefault("sample-locks", "false"));
        bench.writerRate = Integer.parseInt(a.getOrDefault("writer-rate", "0"));
        bench.seed();
        WriterResult baseline = null;
        if (modes.contains("writer")) {
            bench.reset();
            baseline = bench.measureWriter(5_000);
            System.out.printf(Locale.ROOT, "baseline writer (no change running, %s): %.0f ops/s, p99 %.1f ms, max %.1f ms%n",
                    bench.writerRate > 0 ? "open loop at " + bench.writerRate + " writes/s" : "closed loop",
                    baseline.opsPerSecond(), baseline.p99Millis(), baseline.maxMillis());
        }
        List<String> lines = new ArrayList<>();
        if (modes.contains("triggers") && baseline == null) {
            bench.reset();
            baseline = bench.measureWriter(5_000);
        }
        for (int run = 1; run <= runs; run++) {
            for (String mode : modes) {
                for (String tool : tools) {
                    bench.reset();
                    if (mode.equals("triggers")) {
                        if (tool.equals("copy")) {
                            continue; // no triggers: ALTER ... COPY blocks the writer instead
                        }
                        WriterResult w = bench.triggersOnly(tool);
                        String line = String.format(Locale.ROOT, "run %d %-8s %-8s writer %6.0f ops/s (%.0f%% of idle) p99 %7.1f ms"
                                        + " max stall %7.1f ms failed %d", run, mode, tool, w.opsPerSecond(),
                                100 * w.opsPerSecond() / baseline.opsPerSecond(), w.p99Millis(), w.maxMillis(), w.failed());
                        System.out.println(line);
                        lines.add(line);
                        continue;
                    }
                    Result r = bench.run(tool, mode.equals("writer"));
                    String line = String.format(Locale.ROOT, "run %d %-6s %-8s %6.1f s %9.0f rows/s%s", run, mode, tool,
                            r.seconds(), r.rowsPerSecond(), r.writer() == null ? "" : String.format(Locale.ROOT,
                                    "  writer %6.0f ops/s (%.0f%% of idle) p99 %7.1f ms max stall %7.1f ms failed %d",
                                    r.writer().opsPerSecond(), 100 * r.writer().opsPerSecond() / baseline.opsPerSecond(),
                                    r.writer().p99Millis(), r.writer().maxMillis(), r.writer().failed()));
                    System.out.println(line);
                    lines.add(line);
                }
            }
        }
        System.out.println("---- summary");
        lines.forEach(System.out::println);
    }

    record Result(double seconds, double rowsPerSecond, WriterResult writer) {
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(serverUrl + db, user, "");
    }

    /** Creates {@code orders_seed} once (kept between bench runs when it already has the asked rows). */
    void seed() throws SQLException {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            st.execute("USE " + DB);
            boolean ok = false;
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders_seed")) {
                ok = rs.next() && rs.getLong(1) == rows;
            } catch (SQLException missing) {
                // created below
            }
            if (ok) {
                return;
            }
            long t0 = System.nanoTime();
            st.execute("DROP TABLE IF EXISTS orders_seed");
            st.execute("CREATE TABLE orders_seed (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, "
                    + "status VARCHAR(20) NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(255) NULL, "
                    + "created_at DATETIME NOT NULL, KEY idx_customer (customer_id)) ENGINE=InnoDB");
            for (int from = 1; from <= rows; from += 100_000) {
                int to = Math.min(rows, from + 99_999);
                st.execute("INSERT INTO orders_seed (id, customer_id, status, amount, note, created_at) SELECT seq, "
                        + "FLOOR(RAND(seq) * 100000), ELT(1 + seq % 5, 'new', 'paid', 'shipped', 'delivered', 'cancelled'), "
                        + "ROUND(RAND(seq + 1) * 1000, 2), CONCAT('order note ', MD5(seq)), "
                        + "'2024-01-01' + INTERVAL (seq % 31536000) SECOND FROM seq_" + from + "_to_" + to);
            }
            System.out.printf(Locale.ROOT, "seeded %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** A fresh {@code orders} from the seed. */
    void reset() throws SQLException {
        try (Connection c = connect(DB); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS orders, _orders_new, _orders_old, _orders_chg, _orders_prb");
            try (ResultSet rs = st.executeQuery("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + DB + "'")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                for (String n : names) {
                    st.execute("DROP TRIGGER IF EXISTS `" + n + "`");
                }
            }
            st.execute("DROP TABLE IF EXISTS dbshift_online");
            st.execute("CREATE TABLE orders LIKE orders_seed");
            st.execute("INSERT INTO orders SELECT * FROM orders_seed");
            st.execute("ANALYZE TABLE orders");
        }
    }

    Result run(String tool, boolean withWriter) throws Exception {
        Writer writer = null;
        Thread wt = null;
        if (withWriter) {
            writer = new Writer(connect(DB), rows, writerRate);
            wt = new Thread(writer, "writer");
            wt.start();
            Thread.sleep(500);
        }
        LockWaitSampler sampler = null;
        Thread samplerThread = null;
        if (sampleLocks && withWriter) {
            sampler = new LockWaitSampler(connect(DB));
            samplerThread = new Thread(sampler, "lock-sampler");
            samplerThread.start();
        }
        long t0 = System.nanoTime();
        if (writer != null) {
            writer.resetStats(t0);
        }
        switch (tool) {
            case "copy" -> {
                try (Connection c = connect(DB); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE orders " + ALTER + ", ALGORITHM=COPY");
                }
            }
            case "ptosc" -> ptosc();
            default -> {
                if (!tool.equals("dbshift") && !tool.equals("dbshift-nochecksum") && !tool.startsWith(NICE)) {
                    throw new IllegalArgumentException("unknown tool " + tool);
                }
                Connections f = () -> connect(DB);
                OnlineOptions options = options(tool);
                long start = t0;
                dev.dbshift.online.Phase[] last = {null};
                String[] said = {null};
                new OnlineMigrator(new dev.dbshift.db.mysql.online.MySqlOnlineChange(), f, options, p -> {
                    if (p.phase() != last[0]) {
                        last[0] = p.phase();
                        System.out.printf(Locale.ROOT, "  dbshift %6.2f s: %s (%d rows copied, chunk %d)%n",
                                (System.nanoTime() - start) / 1e9, p.phase(), p.rowsCopied(), p.chunkRows());
                    }
                    if (p.waiting() != null && !p.waiting().equals(said[0])) {
                        System.out.printf(Locale.ROOT, "  dbshift %6.2f s: %s%n", (System.nanoTime() - start) / 1e9, p.waiting());
                    }
                    said[0] = p.waiting();
                }).execute(DB, "orders", ALTER);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (sampler != null) {
            sampler.stop();
            samplerThread.join();
            System.out.printf(Locale.ROOT, "  %s: what the writer waited on (%d samples, every ~5 ms):%n", tool, sampler.samples());
            sampler.result().forEach((k, v) -> System.out.printf(Locale.ROOT, "    %6d  %s%n", v, k));
        }
        WriterResult w = null;
        if (writer != null) {
            writer.stop();
            wt.join(); // the write in flight when the change ended is counted, with its full wait
            w = writer.stats(secs);
            System.out.printf(Locale.ROOT, "  %s: slowest writes %s%n", tool, writer.slowest());
        }
        try (Connection c = connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB
                     + "' AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'flags'")) {
            rs.next();
            if (rs.getInt(1) != 1) {
                throw new IllegalStateException(tool + " did not change the table");
            }
        }
        return new Result(secs, rows / secs, w);
    }

    /**
     * The writer's rate with the change's triggers in place and its copy held (the {@code triggers} mode): the tool
     * runs with a pause file that exists from the start ({@code --pause-file} for pt-online-schema-change), so it makes
     * its shadow table and triggers and then waits before its first chunk; once the triggers are on the table the
     * writer is measured for 5 s, then the file goes and the change ends unmeasured. What the writer loses here is
     * what the triggers cost every write; what it loses beyond that in the {@code writer} mode is the copy's share of
     * the server.
     */
    WriterResult triggersOnly(String tool) throws Exception {
        java.nio.file.Path pause = java.nio.file.Files.createTempFile("dbshift-bench-pause", "");
        Writer writer = new Writer(connect(DB), rows, writerRate);
        Thread wt = new Thread(writer, "writer");
        wt.start();
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        Throwable[] failed = {null};
        Thread change = new Thread(() -> {
            try {
                if (tool.equals("ptosc")) {
                    paused.countDown(); // its pause is before its first chunk; the triggers below say it got there
                    ptosc("--pause-file=" + pause);
                    return;
                }
                OnlineOptions o = options(tool);
                OnlineOptions held = new OnlineOptions(o.strategy(), o.renames(), o.allowUnique(), o.keepOld(),
                        o.postponeCutover(), o.chunkTime(), o.maxChunkRows(), o.maxLoad(), o.criticalLoad(), pause,
                        o.checksum(), o.diskHeadroom(), o.swapAttempts(), o.statusInterval(), o.lag(), o.rowLockWait(),
                        o.niceRatio());
                new OnlineMigrator(new dev.dbshift.db.mysql.online.MySqlOnlineChange(), () -> connect(DB), held, p -> {
                    if (p.waiting() != null && p.waiting().startsWith("paused")) {
                        paused.countDown();
                    }
                }).execute(DB, "orders", ALTER);
            } catch (Throwable t) {
                failed[0] = t;
                paused.countDown();
            }
        }, "change");
        change.start();
        WriterResult w;
        try {
            if (!paused.await(120, java.util.concurrent.TimeUnit.SECONDS) || failed[0] != null) {
                throw new IllegalStateException(tool + " did not reach its pause", failed[0]);
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (triggersOnOrders() == 0) {
                if (System.nanoTime() > deadline || !change.isAlive()) {
                    throw new IllegalStateException(tool + " paused with no trigger on the table", failed[0]);
                }
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            writer.resetStats();
            Thread.sleep(5_000);
            w = writer.stats(5.0);
        } finally {
            // the change goes on to its end (and a failed bench ends) only once the file is gone and the writer stopped
            java.nio.file.Files.deleteIfExists(pause);
            change.join();
            writer.stop();
            wt.join();
        }
        if (failed[0] != null) {
            throw new IllegalStateException(tool + " failed after its pause", failed[0]);
        }
        return w;
    }

    private int triggersOnOrders() throws SQLException {
        try (Connection c = connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + DB
                     + "' AND EVENT_OBJECT_TABLE = 'orders'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static OnlineOptions options(String tool) {
        return OnlineOptions.defaults().withStrategy(Strategy.COPY)
                .withChecksum(!tool.equals("dbshift-nochecksum"))
                .withNiceRatio(tool.startsWith(NICE) ? Double.parseDouble(tool.substring(NICE.length())) : 0);
    }

    private void ptosc(String... more) throws IOException, InterruptedException {
        String host = serverUrl.replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
        String[] hp = host.split(":");
        List<String> cmd = List.of("pt-online-schema-change", "--alter", ALTER,
                "D=" + DB + ",t=orders,h=" + hp[0] + ",P=" + (hp.length > 1 ? hp[1] : "3306") + ",u=" + user,
                "--execute", "--recursion-method=none", "--no-check-replication-filters", "--chunk-time=0.5",
                "--max-load=Threads_running=50", "--critical-load=Threads_running=1000", "--progress=time,3600");
        cmd = new ArrayList<>(cmd);
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("/tmp/online-bench-ptosc.log"))).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pt-online-schema-change failed, see /tmp/online-bench-ptosc.log");
        }
    }

    WriterResult measureWriter(long millis) throws Exception {
        return Writer.alone(connect(DB), rows, millis, writerRate);
    }
}
