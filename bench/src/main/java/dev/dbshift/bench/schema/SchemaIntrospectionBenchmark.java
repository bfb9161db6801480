package dev.dbshift.bench.schema;

import dev.dbshift.db.mysql.MySqlSchemaReader;
import dev.dbshift.db.postgres.PostgresSchemaReader;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.SchemaReader;
import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates a schema of N tables × 10 columns, each with a primary key, a secondary index, a unique
 * index and a foreign key to the previous table, then times dbshift's read and Liquibase's
 * snapshot of it (tables, columns, primary keys, indexes, unique constraints, foreign keys).
 *
 * <pre>
 * java -cp bench/target/dbshift-bench.jar dev.dbshift.bench.schema.SchemaIntrospectionBenchmark \
 *      [--vendor postgres|mariadb|all] [--tables 1000] [--runs 5] [--warmup 2] [--liquibase-runs 1]
 * </pre>
 */
public final class SchemaIntrospectionBenchmark {
    private static final String SCHEMA = "dbshift_bench_schema";

    private SchemaIntrospectionBenchmark() {
    }

    /** One vendor's server and how to read it. */
    private record Target(String name, String serverUrl, String user, String schemaUrl, SchemaReader reader,
                          String createSchema, String dropSchema) {
    }

    /** Median seconds of each tool and what it found. */
    private record Result(String vendor, int tables, double dbshiftSeconds, double liquibaseSeconds,
                          int dbshiftTables, int liquibaseTables) {
        double ratio() {
            return liquibaseSeconds / dbshiftSeconds;
        }
    }

    public static void main(String[] args) throws Throwable {
        // Liquibase's snapshot recurses along foreign keys; a chain of 1,000 overflows a default stack
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                benchmark(args);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "schema-benchmark", 1L << 30);
        worker.start();
        worker.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void benchmark(String[] args) throws Exception {
        String vendor = option(args, "--vendor", "all");
        int tables = Integer.parseInt(option(args, "--tables", "1000"));
        int runs = Integer.parseInt(option(args, "--runs", "5"));
        int warmup = Integer.parseInt(option(args, "--warmup", "2"));
        int liquibaseRuns = Integer.parseInt(option(args, "--liquibase-runs", "1"));
        Logger.getLogger("liquibase").setLevel(Level.SEVERE);
        Logger.getLogger("").setLevel(Level.SEVERE);

        String pg = env("DBSHIFT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String maria = env("DBSHIFT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
        List<Target> targets = new ArrayList<>();
        if (vendor.equals("all") || vendor.equals("postgres")) {
            targets.add(new Target("postgresql", pg, env("DBSHIFT_TEST_PG_USER", "postgres"),
                    pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, new PostgresSchemaReader(),
                    "CREATE SCHEMA " + SCHEMA, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
        }
        if (vendor.equals("all") || vendor.equals("mariadb")) {
            targets.add(new Target("mariadb", maria, env("DBSHIFT_TEST_MARIADB_USER", "root"),
                    (maria.endsWith("/") ? maria : maria + "/") + SCHEMA, new MySqlSchemaReader(),
                    "CREATE DATABASE " + SCHEMA, "DROP DATABASE IF EXISTS " + SCHEMA));
        }
        List<Result> results = new ArrayList<>();
        for (Target t : targets) {
            results.add(run(t, tables, runs, warmup, liquibaseRuns));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-11s %7s %12s %14s %8s%n", "vendor", "tables", "dbshift (s)", "liquibase (s)", "ratio");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-11s %7d %12.3f %14.3f %7.1fx%n", r.vendor(), r.tables(), r.dbshiftSeconds(),
                    r.liquibaseSeconds(), r.ratio());   // NaN when Liquibase was skipped (--liquibase-runs 0)
        }
    }

    private static Result run(Target t, int tables, int runs, int warmup, int liquibaseRuns) throws Exception {
        System.out.printf("%s: creating %d tables x 10 columns ...%n", t.name(), tables);
        long created = System.nanoTime();
        if (exists(t)) {
            drop(t, tables);
        }
        try (Connection server = DriverManager.getConnection(t.serverUrl(), t.user(), "");
             Statement st = server.createStatement()) {
            st.execute(t.createSchema());
        }
        try {
            try (Connection c = DriverManager.getConnection(t.schemaUrl(), t.user(), "")) {
                createTables(c, tables, t.name().equals("mariadb"));
            }
            System.out.printf(Locale.ROOT, "%s: created in %.1f s%n", t.name(), (System.nanoTime() - created) / 1e9);

            double dbshift;
            int dbshiftTables;
            try (Connection c = DriverManager.getConnection(t.schemaUrl(), t.user(), "")) {
                SchemaModel model = null;
                for (int i = 0; i < warmup; i++) {
                    model = t.reader().read(c, SCHEMA, Set.of());
                }
                double[] times = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    model = t.reader().read(c, SCHEMA, Set.of());
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
                dbshift = median(times);
                dbshiftTables = model.tables().size();
                System.out.printf(Locale.ROOT, "%s: dbshift read %d tables, %d columns, %d indexes, %d foreign keys; runs %s s%n",
                        t.name(), model.tables().size(), model.tables().stream().mapToInt(x -> x.columns().size()).sum(),
                        model.tables().stream().mapToInt(x -> x.indexes().size()).sum(),
                        model.tables().stream().mapToInt(x -> x.foreignKeys().size()).sum(), Arrays.toString(times));
            }

            double liquibase = Double.NaN;
            int liquibaseTables = 0;
            if (liquibaseRuns > 0) try (Connection c = DriverManager.getConnection(t.schemaUrl(), t.user(), "")) {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                CatalogAndSchema where = t.name().equals("mariadb") ? new CatalogAndSchema(SCHEMA, null)
                        : new CatalogAndSchema(null, SCHEMA);
                double[] times = new double[liquibaseRuns];
                DatabaseSnapshot snapshot = null;
                for (int i = 0; i < liquibaseRuns; i++) {
                    long start = System.nanoTime();
                    SnapshotControl control = new SnapshotControl(db, Table.class, Column.class, PrimaryKey.class,
                            Index.class, UniqueConstraint.class, ForeignKey.class);
                    snapshot = SnapshotGeneratorFactory.getInstance().createSnapshot(where, db, control);
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
                liquibase = median(times);
                liquibaseTables = snapshot.get(Table.class).size();
                System.out.printf(Locale.ROOT, "%s: liquibase snapshot %d tables, %d columns, %d indexes, %d foreign keys; runs %s s%n",
                        t.name(), liquibaseTables, snapshot.get(Column.class).size(), snapshot.get(Index.class).size(),
                        snapshot.get(ForeignKey.class).size(), Arrays.toString(times));
            }
            return new Result(t.name(), tables, dbshift, liquibase, dbshiftTables, liquibaseTables);
        } finally {
            drop(t, tables);
        }
    }

    private static boolean exists(Target t) throws SQLException {
        try (Connection server = DriverManager.getConnection(t.serverUrl(), t.user(), "");
             java.sql.PreparedStatement ps = server.prepareStatement(
                     "select 1 from information_schema.schemata where schema_name = ?")) {
            ps.setString(1, SCHEMA);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Drops table by table, newest first: one DROP SCHEMA CASCADE of 1,000 tables exceeds PostgreSQL's lock table. */
    private static void drop(Target t, int tables) throws SQLException {
        try (Connection c = DriverManager.getConnection(t.schemaUrl(), t.user(), ""); Statement st = c.createStatement()) {
            for (int i = tables - 1; i >= 0; i--) {
                st.execute(String.format(Locale.ROOT, "DROP TABLE IF EXISTS t%04d", i));
            }
        }
        try (Connection server = DriverManager.getConnection(t.serverUrl(), t.user(), "");
             Statement st = server.createStatement()) {
            st.execute(t.dropSchema());
        }
    }

    private static void createTables(Connection c, int tables, boolean mariadb) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < tables; i++) {
                String name = String.format(Locale.ROOT, "t%04d", i);
                String parent = String.format(Locale.ROOT, "t%04d", i - 1);
                String ts = mariadb ? "datetime" : "timestamp";
                st.execute("CREATE TABLE " + name + " (id bigint NOT NULL PRIMARY KEY, parent_id bigint,"
                        + " code varchar(50) NOT NULL DEFAULT '', qty integer, price numeric(10,2), created_at " + ts + ","
                        + " note text, active boolean NOT NULL DEFAULT true, ref bigint, day date"
                        + (i > 0 ? ", CONSTRAINT " + name + "_parent_fk FOREIGN KEY (parent_id) REFERENCES " + parent + " (id)" : "")
                        + ")");
                st.execute("CREATE INDEX " + name + "_created_idx ON " + name + " (created_at, qty)");
                st.execute("CREATE UNIQUE INDEX " + name + "_code_key ON " + name + " (code, day)");
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
