package dev.dbshift.bench.online;

import dev.dbshift.db.postgres.online.PostgresOnlineChange;
import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineMigrator;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.Phase;
import dev.dbshift.online.Strategy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL: a plain {@code ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2)} (a rewrite
 * under ACCESS EXCLUSIVE) side by side with dbshift's online copy of the same change, idle and under
 * the bench {@link Writer}. {@code amount} starts as numeric(12,3): a scale change is a rewrite
 * (numeric(12,2) to (14,2) would be a catalog change PostgreSQL does without one). Run by
 * {@code bench/pg-online/run.sh}; results in {@code bench/README-pg-online.md}.
 */
public final class PgOnlineBench {

    static final String SCHEMA = "dbshift_bench_pgonline";
    static final String ALTER = "ALTER COLUMN amount TYPE NUMERIC(14,2)";

    private final String url;
    private final String user;
    private final int rows;

    PgOnlineBench(String url, String user, int rows) {
        this.url = url;
        this.user = user;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        PgOnlineBench bench = new PgOnlineBench(a.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/test"),
                a.getOrDefault("user", "postgres"), Integer.parseInt(a.getOrDefault("rows", "2000000")));
        int runs = Integer.parseInt(a.getOrDefault("runs", "1"));
        List<String> tools = List.of(a.getOrDefault("tools", "native,dbshift").split(","));
        List<String> modes = List.of(a.getOrDefault("modes", "idle,writer").split(","));
        bench.seed();
        WriterResult baseline = null;
        if (modes.contains("writer")) {
            bench.reset();
            baseline = bench.measureWriter(5_000);
            System.out.printf(Locale.ROOT, "baseline writer (no change running): %.0f ops/s, p99 %.1f ms, max %.1f ms%n",
                    baseline.opsPerSecond(), baseline.p99Millis(), baseline.maxMillis());
        }
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String mode : modes) {
                for (String tool : tools) {
                    bench.reset();
                    Result r = bench.run(tool, mode.equals("writer"));
                    String line = String.format(Locale.ROOT, "run %d %-6s %-8s %6.1f s %9.0f rows/s%s%s", run, mode, tool,
                            r.seconds(), bench.rows / r.seconds(), r.copySeconds() > 0 ? String.format(Locale.ROOT,
                                    " (copy phase %.1f s, %.0f rows/s)", r.copySeconds(), bench.rows / r.copySeconds()) : "",
                            r.writer() == null ? "" : String.format(Locale.ROOT,
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

    record Result(double seconds, double copySeconds, WriterResult writer) {
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + SCHEMA);
        }
        return c;
    }

    /** {@code orders_seed} once (kept between runs when it has the asked rows). */
    void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("SET search_path TO " + SCHEMA);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'orders_seed'"
                    + " AND relnamespace = '" + SCHEMA + "'::regnamespace AND reltuples = " + rows)) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return;
                }
            }
            long t0 = System.nanoTime();
            st.execute("DROP TABLE IF EXISTS orders_seed");
            st.execute("CREATE TABLE orders_seed AS SELECT g::bigint AS id, (random() * 100000)::int AS customer_id,"
                    + " (ARRAY['new', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + g % 5]::varchar(20) AS status,"
                    + " round((random() * 1000)::numeric, 3)::numeric(12,3) AS amount, ('order note ' || md5(g::text))::varchar(255) AS note,"
                    + " timestamp '2024-01-01' + (g % 31536000) * interval '1 second' AS created_at FROM generate_series(1, " + rows + ") g");
            st.execute("ANALYZE orders_seed");
            System.out.printf(Locale.ROOT, "seeded %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** A fresh {@code orders} from the seed, vacuumed and analyzed (as a table that has been in use). */
    void reset() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : List.of("orders", "_orders_new", "_orders_old", "_orders_chg", "_orders_prb", "dbshift_online")) {
                st.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
            }
            st.execute("DROP FUNCTION IF EXISTS _orders_ci() CASCADE");
            st.execute("DROP FUNCTION IF EXISTS _orders_si() CASCADE");
            st.execute("CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL,"
                    + " amount NUMERIC(12,3) NOT NULL, note VARCHAR(255), created_at TIMESTAMP NOT NULL)");
            st.execute("INSERT INTO orders SELECT * FROM orders_seed");
            st.execute("CREATE INDEX idx_customer ON orders (customer_id)");
            st.execute("SELECT setval('orders_id_seq', " + rows + ")");
            st.execute("VACUUM ANALYZE orders");
        }
    }

    Result run(String tool, boolean withWriter) throws Exception {
        Writer writer = null;
        Thread wt = null;
        if (withWriter) {
            writer = new Writer(connect(), rows);
            wt = new Thread(writer, "writer");
            wt.start();
            Thread.sleep(500);
            writer.resetStats();
        }
        Map<Phase, Long> phaseStart = new EnumMap<>(Phase.class);
        long t0 = System.nanoTime();
        switch (tool) {
            case "native" -> {
                try (Connection c = connect(); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE orders " + ALTER);
                }
            }
            case "dbshift" -> {
                Connections f = this::connect;
                new OnlineMigrator(new PostgresOnlineChange(), f, OnlineOptions.defaults().withStrategy(Strategy.COPY), p -> {
                    if (phaseStart.putIfAbsent(p.phase(), System.nanoTime()) == null) {
                        System.out.printf(Locale.ROOT, "  dbshift %6.1f s: %s (%d rows copied, chunk %d)%n",
                                (System.nanoTime() - t0) / 1e9, p.phase(), p.rowsCopied(), p.chunkRows());
                    }
                }).execute(SCHEMA, "orders", ALTER);
            }
            default -> throw new IllegalArgumentException("unknown tool " + tool);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        WriterResult w = null;
        if (writer != null) {
            writer.stop();
            wt.join(); // the write in flight when the change ended is counted, with its full wait
            w = writer.stats(secs);
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                     + " WHERE attrelid = 'orders'::regclass AND attname = 'amount'")) {
            rs.next();
            if (!rs.getString(1).equals("numeric(14,2)")) {
                throw new IllegalStateException(tool + " did not change the table: amount is " + rs.getString(1));
            }
        }
        double copy = phaseStart.containsKey(Phase.COPY) && phaseStart.containsKey(Phase.SYNC)
                ? (phaseStart.get(Phase.SYNC) - phaseStart.get(Phase.COPY)) / 1e9 : 0;
        return new Result(secs, copy, w);
    }

    WriterResult measureWriter(long millis) throws Exception {
        return Writer.alone(connect(), rows, millis);
    }
}
