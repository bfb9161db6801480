package dev.dbshift.bench.java;

import dev.dbshift.DbShift;
import dev.dbshift.migration.JavaMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One Java migration that inserts {@code --rows} rows one by one (a prepared INSERT per row), by dbshift, by Flyway 11
 * and by plain JDBC in one transaction (the floor), {@code --runs} rounds, the order turned each round,
 * each on a fresh database. Prints each run and the medians with dbshift's ratios.
 *
 * <pre>java -cp bench/target/dbshift-bench.jar dev.dbshift.bench.java.JavaMigrationBench --server mariadb --rows 20000 --runs 5</pre>
 */
public final class JavaMigrationBench {
    private static final String DB = "dbshift_bench_java";

    public static void main(String[] args) throws Exception {
        String server = "mariadb";
        int rows = 20_000;
        int runs = 5;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--server" -> server = args[i + 1];
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Server s = server.equals("postgres") ? new Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "SCHEMA")
                : new Server("jdbc:mariadb://127.0.0.1:3306/", "root", "DATABASE");
        List<String> tools = new ArrayList<>(List.of("jdbc", "dbshift", "flyway"));
        Map<String, List<Double>> seconds = new java.util.LinkedHashMap<>();
        tools.forEach(t -> seconds.put(t, new ArrayList<>()));
        System.out.printf("%s, %d rows a run, %d runs; load average %s%n", server, rows, runs,
                Files.readString(Path.of("/proc/loadavg")).strip());
        for (int run = 1; run <= runs; run++) {
            for (String tool : tools) {
                s.fresh();
                long t0 = System.nanoTime();
                switch (tool) {
                    case "jdbc" -> {
                        // the floor: the same statements in one transaction, no tool
                        try (Connection c = s.connect()) {
                            c.setAutoCommit(false);
                            Inserts.run(c, rows);
                            c.commit();
                        }
                    }
                    case "dbshift" -> dbshift(s, rows);
                    default -> flyway(s, rows);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                long count = s.count();
                if (count != rows) {
                    throw new IllegalStateException(tool + " left " + count + " rows, not " + rows);
                }
                seconds.get(tool).add(secs);
                System.out.printf("run %d %-8s %7.2f s%n", run, tool, secs);
            }
            Collections.rotate(tools, 1);
        }
        s.drop();
        double jdbc = median(seconds.get("jdbc"));
        double dbshift = median(seconds.get("dbshift"));
        double flyway = median(seconds.get("flyway"));
        System.out.printf("medians: jdbc %.2f s, dbshift %.2f s, flyway %.2f s; dbshift/jdbc %.3f, dbshift/flyway %.3f%n",
                jdbc, dbshift, flyway, dbshift / jdbc, dbshift / flyway);
    }

    private static void dbshift(Server s, int rows) throws Exception {
        Path dir = Files.createTempDirectory("dbshift-bench-java");
        try {
            Files.createDirectories(dir.resolve("migrations"));
            var report = DbShift.configure().projectDir(dir).environmentVariables(Map.of()).url(s.url()).user(s.user())
                    .password("").noServiceLoadedJavaMigrations().javaMigrations(new JavaMigration() {
                        @Override
                        public String version() {
                            return "1";
                        }

                        @Override
                        public String description() {
                            return "inserts";
                        }

                        @Override
                        public void up(Connection connection) throws Exception {
                            Inserts.run(connection, rows);
                        }
                    }).load().up();
            if (!report.success()) {
                throw new IllegalStateException(report.error());
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void flyway(Server s, int rows) {
        Flyway.configure().dataSource(s.url(), s.user(), "").locations("classpath:dev/dbshift/bench/java/none")
                .javaMigrations(new V1__Inserts(rows)).load().migrate();
    }

    /** Flyway's form of the same migration. */
    static final class V1__Inserts extends BaseJavaMigration {
        private final int rows;

        V1__Inserts(int rows) {
            this.rows = rows;
        }

        @Override
        public void migrate(Context context) throws Exception {
            Inserts.run(context.getConnection(), rows);
        }
    }

    /** The migration's work: the table, then one prepared INSERT per row. */
    static final class Inserts {
        static void run(Connection c, int rows) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The server: a database (MariaDB) or schema (PostgreSQL) made fresh for each run. */
    record Server(String base, String user, String kind) {
        String url() {
            return kind.equals("SCHEMA") ? base + "?currentSchema=" + DB : base + DB;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user, "");
        }

        void fresh() throws SQLException {
            drop();
            try (Connection c = DriverManager.getConnection(base, user, ""); Statement st = c.createStatement()) {
                st.execute("CREATE " + kind + " " + DB);
            }
        }

        void drop() throws SQLException {
            try (Connection c = DriverManager.getConnection(base, user, ""); Statement st = c.createStatement()) {
                st.execute("DROP " + kind + " IF EXISTS " + DB + (kind.equals("SCHEMA") ? " CASCADE" : ""));
            }
        }

        long count() throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
