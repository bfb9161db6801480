package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What dbshift does with the project's files (issue 9, items 17, 18, 20 and the VERSION file): squash with
 * partly applied ranges and environment scripts, touch of an applied migration, init scripts in diff and
 * new --autogenerate, dump file modes, and VERSION as the software version.
 */
class ProjectFilesIT {
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private TestDatabase start(Vendor vendor) {
        return databases.start(vendor);
    }

    private DbShiftProcess.Result exits(int exit, TestDatabase db, String... args) {
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }

    // ---------------------------------------------------------------- item 17: squash

    @Test
    void squashOfARangeAppliedOnlyBelowItsTopStopsCheckAndUp() {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/1.1__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/1.2__c.sql", "CREATE TABLE c (id INT);\n");
        exits(0, db, "up", "1.1");
        exits(0, db, "squash", "1", "1.2");
        // before: check said "No problems" and up ran the squashed script again ("already exists", exit 1)
        assertThat(exits(3, db, "check").err()).contains("[squash_partial]").contains("has only 2 of 3 applied (1, 1.1)");
        assertThat(exits(3, db, "up").err()).contains("squash").contains("nothing was changed");
        assertThat(exits(0, db, "history").out()).doesNotContain("1.2__squash");
    }

    @Test
    void squashOfAVersionDirectoryKeepsEveryEnvironmentsDatabasesApplied() throws Exception {
        TestDatabase dev = start(Vendor.H2);
        TestDatabase prod = start(Vendor.H2);
        project.file("dbshift.toml", "[environments.dev]\n[environments.prod]\n[environments.test]\n")
                .file("migrations/1__settings/all.sql", "CREATE TABLE settings (k VARCHAR(10));\n")
                .file("migrations/1__settings/dev.sql", "INSERT INTO settings VALUES ('dev');\n")
                .file("migrations/1__settings/prod.sql", "INSERT INTO settings VALUES ('prod');\n")
                .file("migrations/2__more/all.sql", "CREATE TABLE more (id INT);\n")
                .file("migrations/2__more/prod.sql", "INSERT INTO more VALUES (1);\n");
        exits(0, dev, "up", "-e", "dev");
        exits(0, prod, "up", "-e", "prod");
        exits(0, dev, "squash", "1", "2", "-e", "prod");
        // before: every environment but the one squash ran in saw "checksum changed"
        for (String env : List.of("dev", "prod")) {
            TestDatabase db = env.equals("dev") ? dev : prod;
            assertThat(exits(0, db, "check", "-e", env).out()).as(env).contains("No problems");
            assertThat(exits(0, db, "up", "-e", env).out()).as(env).contains("Nothing to do");
        }
        exits(0, dev, "check", "-e", "test");   // an environment with no script of its own: all.sql alone
        TestDatabase fresh = start(Vendor.H2);
        exits(0, fresh, "up", "-e", "dev");
        try (Connection c = fresh.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT k FROM settings")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("dev");
            assertThat(rs.next()).isFalse();
        }
    }

    // ---------------------------------------------------------------- item 18: touch, init scripts in diff and autogenerate

    @Test
    void touchRefusesAnAppliedMigration() throws Exception {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/20240101120000__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/20240102120000__b.sql", "CREATE TABLE b (id INT);\n");
        exits(0, db, "up", "20240101120000");
        assertThat(exits(2, db, "touch", "20240101120000").err()).contains("touch 20240101120000")
                .contains("is applied");
        assertThat(Files.exists(project.dir().resolve("migrations/20240101120000__a.sql"))).isTrue();
        assertThat(exits(0, db, "touch", "20240102120000").out()).contains("20240102120000");
        assertThat(Files.exists(project.dir().resolve("migrations/20240102120000__b.sql"))).isFalse();
        exits(0, db, "up");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "POSTGRES"})
    void diffAndAutogenerateCountWhatInitScriptsCreate(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        project.file("migrations/init/all.sql", "CREATE TABLE lookup (id INT PRIMARY KEY);\n")
                .file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");
        exits(0, db, "reset", "--yes");
        // before: lookup showed as drift, and the generated migration created it again ("already exists")
        assertThat(exits(0, db, "diff").out()).contains("no differences");
        try (Connection c = db.connect()) {
            c.createStatement().execute("CREATE TABLE extra (id INT)");
        }
        exits(0, db, "new", "add extra", "--autogenerate");
        String generated;
        try (var files = Files.list(project.dir().resolve("migrations"))) {
            Path up = files.filter(p -> p.getFileName().toString().endsWith("__add_extra.sql")).findFirst().orElseThrow();
            generated = Files.readString(up);
        }
        assertThat(generated).containsIgnoringCase("extra").doesNotContainIgnoringCase("lookup");
    }

    /**
     * {@code diff} on PostgreSQL runs the migrations again in a scratch database of its own: a pg_dump file (every name
     * qualified with public, the search path emptied) and a data fix written {@code INSERT INTO public.audit} build
     * there and never touch the live tables (before, in a scratch schema of the live database, the fix's row went into
     * the live table on every diff, and the dump failed "already exists"); the scratch has the live database's
     * encoding (a LATIN1 database here) and is dropped. For a user who may not create a database, the replay is a
     * scratch schema of the live database that refuses (exit 2) a script naming another schema or setting the search
     * path, and replays plain migrations; the password is never printed.
     */
    @Test
    void diffOnPostgresReplaysInADatabaseOfItsOwn() throws Exception {
        String live = "dbs_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = TestDatabase.PG_SERVER;
        try (Connection c = java.sql.DriverManager.getConnection(server, TestDatabase.PG_USER, "")) {
            c.createStatement().execute("CREATE DATABASE " + live + " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + live + "$1");
        try {
            project.file("migrations/1__dump.sql", "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                            + "SELECT pg_catalog.set_config('search_path', '', false);\n"
                            + "CREATE TABLE public.audit (msg text);\nCREATE TABLE public.ticket (id integer NOT NULL);\n"
                            + "ALTER TABLE ONLY public.ticket ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);\n")
                    .file("migrations/2__fix.sql", "INSERT INTO public.audit VALUES ('fixed');\n"
                            + "DO $$ BEGIN IF (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database())"
                            + " <> 'LATIN1' THEN RAISE EXCEPTION 'not the live encoding'; END IF; END $$;\n");
            Map<String, String> env = Map.of("DBSHIFT_URL", url, "DBSHIFT_USER", TestDatabase.PG_USER);
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(up.exit()).as(up.toString()).isZero();
            // a scratch database a stopped diff left two hours ago is named (never dropped: it may be another's)
            String left = "dbshift_scratch_" + Long.toHexString(java.time.Instant.now().getEpochSecond() - 7200) + "_0abc";
            try (Connection c = java.sql.DriverManager.getConnection(server, TestDatabase.PG_USER, "")) {
                c.createStatement().execute("CREATE DATABASE " + left + " TEMPLATE template0 ENCODING 'UTF8'");
            }
            try {
                for (String args : List.of("diff", "diff --live", "diff --exit-code")) {
                    DbShiftProcess.Result diff = DbShiftProcess.run(project.dir(), env, args.split(" "));
                    assertThat(diff.exit()).as(diff.toString()).isZero();
                    assertThat(diff.out()).contains("no differences");
                    assertThat(diff.err()).contains("note: scratch databases made over an hour ago", left);
                }
            } finally {
                try (Connection c = java.sql.DriverManager.getConnection(server, TestDatabase.PG_USER, "")) {
                    c.createStatement().execute("DROP DATABASE " + left);
                }
            }
            try (Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.PG_USER, "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM public.audit")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the fix's one row, however often diff ran").isEqualTo(1);
            }
            // a user who may not create a database: the replay is a scratch schema of the live database, which
            // refuses the pg_dump file (it sets the search path and names public) and replays plain migrations
            try (Connection c = java.sql.DriverManager.getConnection(server, TestDatabase.PG_USER, "")) {
                c.createStatement().execute("CREATE ROLE " + live + "_app LOGIN PASSWORD 'hunter2-secret' NOCREATEDB");
            }
            try (Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.PG_USER, "")) {
                c.createStatement().execute("GRANT CREATE ON DATABASE " + live + " TO " + live + "_app");
                c.createStatement().execute("GRANT ALL ON SCHEMA public TO " + live + "_app");
                c.createStatement().execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + live + "_app");
            }
            Map<String, String> app = Map.of("DBSHIFT_URL", url, "DBSHIFT_USER", live + "_app", "DBSHIFT_PASSWORD", "hunter2-secret");
            DbShiftProcess.Result refused = DbShiftProcess.run(project.dir(), app, "diff");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("note: the scratch database dbshift_scratch_", "could not be made",
                    "migrations/1__dump.sql:3: 'search_path'", "CREATEDB").doesNotContain("hunter2-secret");
            TestProject plain = TestProject.create();
            plain.file("migrations/1__plain.sql", "CREATE TABLE audit (msg text);\nCREATE TABLE ticket (id integer PRIMARY KEY);\n");
            DbShiftProcess.Result inPlace = DbShiftProcess.run(plain.dir(), app, "diff");
            assertThat(inPlace.exit()).as(inPlace.toString()).isZero();
            assertThat(inPlace.out()).contains("no differences");
            assertThat(inPlace.err()).contains("replayed in a scratch schema of this database instead");
            try (Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.PG_USER, "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dbshift%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the scratch schema is dropped").isZero();
            }
        } finally {
            try (Connection c = java.sql.DriverManager.getConnection(server, TestDatabase.PG_USER, "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + live + " WITH (FORCE)");
                c.createStatement().execute("DROP ROLE IF EXISTS " + live + "_app");
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE 'dbshift\\_scratch\\_%'"
                                // only this test makes LATIN1 ones: another test's, being built now, is not counted
                                + " AND pg_encoding_to_char(encoding) = 'LATIN1'")) {
                    List<String> left = new java.util.ArrayList<>();
                    while (rs.next()) {
                        left.add(rs.getString(1));
                    }
                    assertThat(left).as("scratch databases left behind").isEmpty();
                }
            }
        }
    }

    // ---------------------------------------------------------------- item 20: dump files 0600

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"H2", "POSTGRES", "MARIADB"})
    void dumpAndBackupFilesAreOwnerOnly(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY, secret VARCHAR(20));\n"
                + "INSERT INTO users VALUES (1, 'hash');\n");
        exits(0, db, "up");
        Path dump = project.dir().resolve("dump.sql");
        exits(0, db, "dump", dump.toString(), "--data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        assertThat(Files.readString(dump)).contains("hash");

        Path existing = project.dir().resolve("backup.sql");
        Files.writeString(existing, "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        project.file("migrations/2__more.sql", "CREATE TABLE more (id INT);\n");
        exits(0, db, "up", "--backup", existing.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-------");
        assertThat(Files.readString(existing)).contains("hash");
    }

    // ---------------------------------------------------------------- the VERSION file

    @Test
    void versionFileIsTheSoftwareVersionUpGoesToTheHighestMigrationAtOrBelowIt() {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1.1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/1.2__b.sql", "CREATE TABLE b (id INT);\n")
                .file("migrations/1.3__c.sql", "CREATE TABLE c (id INT);\n")
                .file("VERSION", "1.2.5\n");
        DbShiftProcess.Result up = exits(0, db, "up");
        assertThat(up.out()).contains("now at 1.2").contains("note: the VERSION file (1.2.5) stops up at 1.2")
                .contains("above 1.2.5 (1.3)");
        assertThat(exits(0, db, "up", "--dry-run").out()).contains("0 step(s)").doesNotContain("applying 1.3");
        project.file("VERSION", "2.0-SNAPSHOT\n");
        assertThat(exits(0, db, "up").out()).contains("now at 1.3");
        project.file("VERSION", "1.1\n");
        assertThat(exits(2, db, "up").err()).contains("the VERSION file (1.1) says 1.1, below the current version 1.3");
        project.file("VERSION", "release five\n");
        assertThat(exits(2, db, "up").err()).contains("VERSION: 'release five' is not a version");
    }
}
