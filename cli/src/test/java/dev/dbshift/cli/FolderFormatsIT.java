package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The folder and manifest formats (Prisma, Diesel, Sourcegraph, Atlas, Sqitch) as a user meets them: each fixture,
 * in the tool's own layout ({@code core/src/test/resources/formats/<tool>/}), applied by the packaged jar on
 * PostgreSQL, MariaDB and SQLite where the tool supports it, reverted to base where the format has downs and applied
 * again; the schema must equal what the native client (psql, mariadb, sqlite3) makes of the same up scripts in order.
 */
class FolderFormatsIT {
    static final Path FIXTURES = Path.of("../core/src/test/resources/formats");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    /** A fixture: its folder, whether it has downs, its up scripts in the order the tool runs them, the servers it runs on. */
    private record Format(String tool, boolean downs, String head, List<String> ups, List<Vendor> vendors) {
    }

    private static final List<Vendor> ALL = List.of(Vendor.POSTGRES, Vendor.MARIADB, Vendor.SQLITE);
    private static final List<Format> FORMATS = List.of(
            new Format("prisma", false, "20240102120000", List.of("20240101120000_init/migration.sql", "20240102120000_add_email/migration.sql"), ALL),
            new Format("diesel", true, "20240103120000", List.of("2024-01-01-120000_create_users/up.sql", "2024-01-02-120000_create_posts/up.sql",
                    "2024-01-03-120000_add_email/up.sql"), ALL),
            // Sourcegraph runs on PostgreSQL only
            new Format("sourcegraph", true, "1648195639", List.of("1648051770/up.sql", "1648115472/up.sql", "1648195639/up.sql"),
                    List.of(Vendor.POSTGRES)),
            new Format("atlas", false, "20240103120000", List.of("20240101120000_create_users.sql", "20240102120000_create_posts.sql",
                    "20240103120000_add_email.sql"), ALL),
            new Format("sqitch", true, "3", List.of("deploy/users.sql", "deploy/posts.sql", "deploy/email.sql"), ALL));

    /** One server per thread (the processes mostly wait for the servers and each other), formats in turn on each. */
    @Test
    void everyFormatAppliesRevertsAndReappliesToTheNativeClientsSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ALL.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Vendor vendor : ALL) {
                runs.add(pool.submit(() -> {
                    for (Format f : FORMATS) {
                        if (f.vendors.contains(vendor)) {
                            applyRevertReapply(f, vendor);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Error err ? err : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void applyRevertReapply(Format f, Vendor vendor) throws Exception {
        String what = f.tool + " on " + vendor;
        TestProject project = TestProject.create().copy(FIXTURES.resolve(f.tool), "migrations");
        TestDatabase db = start(vendor);
        TestDatabase nativeDb = start(vendor);
        String empty = checksum(nativeDb);
        for (String up : f.ups) {
            client(nativeDb, project.dir().resolve("migrations").resolve(up));
        }
        String expected = checksum(nativeDb);
        assertThat(expected).as(what).isNotEqualTo(empty);

        ok(what, project, db, "up");
        assertThat(current(project, db)).as(what).contains(f.head);
        assertThat(checksum(db)).as(what).isEqualTo(expected);
        if (f.downs) {
            ok(what, project, db, "down", "base");
            assertThat(checksum(db)).as(what + " after down base").isEqualTo(empty);
            ok(what, project, db, "up");
            assertThat(checksum(db)).as(what + " after up again").isEqualTo(expected);
        }
    }

    private TestDatabase start(Vendor vendor) {
        synchronized (databases) {
            return databases.start(vendor);
        }
    }

    /** A Sqitch verify script that raises (SELECT 1/COUNT(*) of an empty table) fails the change, and PostgreSQL rolls the deploy back. */
    @Test
    void aFailingSqitchVerifyFailsTheMigrationAndItsDeployIsRolledBack() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        TestProject project = TestProject.create().copy(FIXTURES.resolve("sqitch"), "migrations");
        project.file("migrations/verify/posts.sql", "-- Verify blog:posts\n\nBEGIN;\n\nSELECT 1/COUNT(*) FROM posts;\n\nROLLBACK;\n");
        DbShiftProcess.Result r = run(project, db, "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("migrations/verify/posts.sql:5").containsIgnoringCase("division by zero");
        assertThat(current(project, db)).contains("1");
        assertThat(tableExists(db, "posts")).isFalse();

        project.file("migrations/verify/posts.sql", "-- Verify blog:posts\n\nBEGIN;\n\nSELECT 1/(COUNT(*) + 1) FROM posts;\n\nROLLBACK;\n");
        ok("sqitch", project, db, "up");
        assertThat(tableExists(db, "posts")).isTrue();
    }

    /**
     * {@code -- atlas:txmode none}: the file's statements run one by one, so what ran before a failure stays; with
     * {@code txmode file} the failed file leaves nothing; a file edited after {@code atlas.sum} is refused naming it.
     */
    @Test
    void atlasTxmodeNoneRunsOutsideATransactionAndATamperedFileIsRefused() throws Exception {
        TestDatabase none = databases.start(Vendor.POSTGRES);
        TestProject project = TestProject.create()
                .file("migrations/1_first.sql", "-- atlas:txmode none\n\nCREATE TABLE kept (id INT);\nCREATE TABLE kept (id INT);\n");
        atlasSum(project.dir().resolve("migrations"));
        DbShiftProcess.Result r = run(project, none, "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(tableExists(none, "kept")).isTrue();

        TestDatabase file = databases.start(Vendor.POSTGRES);
        project.file("migrations/1_first.sql", "-- atlas:txmode file\n\nCREATE TABLE kept (id INT);\nCREATE TABLE kept (id INT);\n");
        atlasSum(project.dir().resolve("migrations"));
        r = run(project, file, "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(tableExists(file, "kept")).isFalse();

        project.file("migrations/1_first.sql", "-- atlas:txmode file\n\nCREATE TABLE kept (id INT);\n");
        r = run(project, file, "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("migrations/1_first.sql: edited after atlas.sum was written");
        assertThat(tableExists(file, "kept")).isFalse();
    }

    private static void atlasSum(Path dir) throws Exception {
        Process p = new ProcessBuilder("sh", FIXTURES.resolve("atlas-sum.sh").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static DbShiftProcess.Result run(TestProject project, TestDatabase db, String... args) {
        return DbShiftProcess.run(project.dir(), DbShiftProcess.env(db), args);
    }

    private static void ok(String what, TestProject project, TestDatabase db, String... args) {
        DbShiftProcess.Result r = run(project, db, args);
        assertThat(r.exit()).as(what + ": dbshift " + String.join(" ", args) + "\n" + r).isZero();
    }

    private static Optional<String> current(TestProject project, TestDatabase db) {
        return project.configure(db).load().current();
    }

    /** The live schema's checksum, dbshift's own tables left out; read with a project that has no migrations. */
    private static String checksum(TestDatabase db) {
        return TestProject.create().configure(db).load().schemaState().live();
    }

    private static boolean tableExists(TestDatabase db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.getMetaData().getTables(null, db.name(), table, null)) {
            return rs.next();
        }
    }

    /** Runs {@code script} with the vendor's own command-line client, as the other tool's users would. */
    private static void client(TestDatabase db, Path script) throws Exception {
        ProcessBuilder pb = switch (db.vendor()) {
            case POSTGRES -> new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres",
                    "-d", "test", "-f", script.toString());
            case MARIADB -> new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", db.name())
                    .redirectInput(script.toFile());
            case SQLITE -> new ProcessBuilder("sqlite3", "-bail", db.url().substring("jdbc:sqlite:".length()))
                    .redirectInput(script.toFile());
            default -> throw new IllegalArgumentException(db.vendor().toString());
        };
        pb.environment().put("PGOPTIONS", "-c search_path=" + db.name());
        pb.redirectErrorStream(true);
        File log = Files.createTempFile("client", ".log").toFile();
        log.deleteOnExit();
        pb.redirectOutput(log);
        int exit = pb.start().waitFor();
        String output = Files.readString(log.toPath());
        assertThat(exit).as(output + "\n--- script\n" + Files.readString(script)).isZero();
        assertThat(output).as(script.toString()).doesNotContainIgnoringCase("error");
    }

}
