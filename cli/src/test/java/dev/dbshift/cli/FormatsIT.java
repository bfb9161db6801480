package dev.dbshift.cli;

import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.format.MigrationFormats;
import dev.dbshift.testing.Scratch;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway and Liquibase projects in their own layouts (src/test/resources/formats/), run with the CLI on PostgreSQL
 * and MariaDB: up, down to base, up again; the schema is compared (dbshift's schema checksum) with what the
 * vendor's own client (psql, mariadb) makes of the same up scripts in the order and with the callbacks the tool
 * documents, and, on PostgreSQL, with what the real Flyway (13.12) and Liquibase (4.33) make of the same project (and the names
 * they record for each migration are the ones dbshift gives them, which {@code adopt} matches).
 */
class FormatsIT {
    private final TestProject project = TestProject.create();
    private final TestProject empty = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    // ---------------------------------------------------------------- helpers

    private void fixture(String name, String under) throws Exception {
        Path from = Path.of(Objects.requireNonNull(getClass().getResource("/formats/" + name)).toURI());
        Path to = project.dir().resolve(under);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Map<String, String> env(TestDatabase db, String environment) {
        Map<String, String> env = new HashMap<>(DbShiftProcess.env(db));
        if (environment != null) {
            env.put("DBSHIFT_ENV", environment);
        }
        return env;
    }

    private DbShiftProcess.Result ok(TestDatabase db, String environment, String... args) {
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), env(db, environment), args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /**
     * dbshift's checksum of the live schema (its own tables left out), what {@code dbshift checksum} prints, read in
     * this process from a project without migrations (a process per read made this class four times slower).
     */
    private String checksum(TestDatabase db) {
        return empty.configure(db).load().schema().live().checksum();
    }

    /** Runs {@code sql} with the vendor's own client, as a user of the tool would have. */
    private static void nativeClient(TestDatabase db, String sql) throws Exception {
        Path file = Scratch.dir("native").resolve("script.sql");
        Files.writeString(file, sql);
        ProcessBuilder pb = db.vendor() == Vendor.POSTGRES
                ? new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", TestDatabase.PG_USER, "-d", "test", "-q",
                "-v", "ON_ERROR_STOP=1", "-f", file.toString())
                : new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-u", TestDatabase.MARIADB_USER, db.name());
        if (db.vendor() == Vendor.POSTGRES) {
            pb.environment().put("PGOPTIONS", "-c search_path=" + db.name());
        } else {
            pb.redirectInput(file.toFile());
        }
        Path out = file.resolveSibling("client.out");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
    }

    private static String read(String resource) throws IOException {
        try (var in = FormatsIT.class.getResourceAsStream("/formats/" + resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> column(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<String> foreignIds(String location, String environment) {
        return new FileMigrationSource(project.dir(), List.of(location), environment, getClass().getClassLoader())
                .withFormats(MigrationFormats.all(), "auto").list().stream().map(MigrationRef::foreignId).sorted().toList();
    }

    // ---------------------------------------------------------------- Flyway

    /** The Flyway project's up scripts in Flyway's order, with its callbacks where Flyway runs them, placeholders by hand. */
    private static String flywayByHand(TestDatabase db, boolean baseline) throws IOException {
        String each = read("flyway/sql/callbacks/afterEachMigrate.sql");
        StringBuilder sql = new StringBuilder(read("flyway/sql/callbacks/beforeMigrate.sql"));
        List<String> ups = baseline ? List.of("B1_1__items_with_price.sql", "V2__orders.sql", "R__answer.sql")
                : List.of("V1__create_items.sql", "V1_1__add_price.sql", "V2__orders.sql", "R__answer.sql");
        for (String up : ups) {
            sql.append(up.startsWith("B") ? BASELINE : read("flyway/sql/" + up)).append('\n').append(each);
        }
        sql.append(read("flyway/sql/callbacks/afterMigrate__done.sql"));
        return sql.toString().replace("${label}", "fresh").replace("${flyway:defaultSchema}", db.name());
    }

    private static final String BASELINE = """
            create table items (
                id int primary key,
                name varchar(50) default '${label}',
                price int
            );
            """;

    @Test
    void flywayProjectUpDownUpMatchesTheNativeClientOnPostgresAndMariadb() throws Exception {
        fixture("flyway", "");
        for (Vendor vendor : List.of(Vendor.POSTGRES, Vendor.MARIADB)) {
            TestDatabase db = databases.start(vendor);
            TestDatabase byHand = databases.start(vendor);
            nativeClient(byHand, flywayByHand(byHand, false));
            String expected = checksum(byHand);

            ok(db, null, "up");
            assertThat(checksum(db)).as(vendor.toString()).isEqualTo(expected);
            // the callbacks ran where Flyway runs them: after each of the 4 migrations, once after all
            assertThat(column(db, "select event from audit_log order by event")).containsExactly("done", "each", "each", "each", "each");
            if (vendor == Vendor.POSTGRES) {
                realFlyway(expected, column(db, "select event from audit_log order by event"));
            }
            assertThat(column(db, "select name from items where 1 = 0")).isEmpty();
            execute(db, "insert into items (id) values (7)");
            assertThat(column(db, "select name from items")).containsExactly("fresh");
            execute(db, "delete from items");

            ok(db, null, "down", "base");
            assertThat(column(db, "select count(*) from audit_log")).containsExactly("5");
            ok(db, null, "up");
            assertThat(checksum(db)).as(vendor + " after down base and up").isEqualTo(expected);
            assertThat(column(db, "select count(*) from audit_log where event = 'each'")).containsExactly("7");
        }
    }

    @Test
    void flywayBaselineMigrationRunsInsteadOfTheVersionsBelowItOnAnEmptyHistory() throws Exception {
        fixture("flyway", "");
        project.file("sql/B1_1__items_with_price.sql", BASELINE);
        TestDatabase db = databases.start(Vendor.POSTGRES);
        TestDatabase byHand = databases.start(Vendor.POSTGRES);
        nativeClient(byHand, flywayByHand(byHand, true));

        DbShiftProcess.Result up = ok(db, null, "up");
        assertThat(up.out()).contains("applying 1.1 (items with price)").doesNotContain("create items").doesNotContain("add price");
        assertThat(checksum(db)).isEqualTo(checksum(byHand));
        assertThat(column(db, "select count(*) from audit_log where event = 'each'")).containsExactly("3");
        // the versions under the baseline never run: status says so
        assertThat(ok(db, null, "status").out()).contains("below baseline");
    }

    /** The real Flyway on the same project: the same schema, the same callbacks, and the names dbshift gives its migrations. */
    private void realFlyway(String expected, List<String> audit) throws Exception {
        TestDatabase flyway = databases.start(Vendor.POSTGRES);
        // Flyway's free edition does not run undo scripts: it gets the project without them
        Path forFlyway = Scratch.dir("flyway-real");
        try (Stream<Path> s = Files.walk(project.dir().resolve("sql"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith("U")) {
                    Files.copy(p, forFlyway.resolve(p.getFileName().toString()));
                }
            }
        }
        Flyway.configure().dataSource(flyway.url(), flyway.user(), "").schemas(flyway.name()).defaultSchema(flyway.name())
                .locations("filesystem:" + forFlyway).placeholders(Map.of("label", "fresh")).load().migrate();
        List<String> recorded = column(flyway, "select coalesce(version, 'R:' || description) from flyway_schema_history"
                + " where type <> 'SCHEMA' order by installed_rank");
        assertThat(column(flyway, "select event from audit_log order by event")).isEqualTo(audit);
        execute(flyway, "drop table flyway_schema_history");
        assertThat(checksum(flyway)).as("the real Flyway").isEqualTo(expected);
        // what Flyway recorded is what dbshift names each migration by (adopt matches them)
        assertThat(foreignIds("sql", null)).containsExactlyInAnyOrderElementsOf(recorded.stream().map(r -> "flyway:" + r).toList());
    }

    // ---------------------------------------------------------------- Liquibase

    /** A changeset whose body must go as one statement: written per vendor, as a Liquibase user would. */
    private void routine(Vendor vendor) {
        project.file("migrations/changes/more/003-routine.sql", vendor == Vendor.POSTGRES ? """
                --liquibase formatted sql

                --changeset dan:fn splitStatements:false
                create function add_one(i int) returns int language plpgsql as $$
                begin
                    return i + 1;
                end;
                $$
                --rollback drop function add_one(int);
                """ : """
                --liquibase formatted sql

                --changeset dan:fn splitStatements:false
                create function add_one(i int) returns int deterministic
                begin
                    declare r int;
                    set r = i + 1;
                    return r;
                end
                --rollback drop function add_one;
                """);
    }

    /** The changelog's changesets for the {@code dev} context in changelog order, written for the vendor's client. */
    private static String liquibaseByHand(Vendor vendor) {
        String routine = vendor == Vendor.POSTGRES ? """
                create function add_one(i int) returns int language plpgsql as $$
                begin
                    return i + 1;
                end;
                $$;
                """ : """
                DELIMITER //
                create function add_one(i int) returns int deterministic
                begin
                    declare r int;
                    set r = i + 1;
                    return r;
                end//
                DELIMITER ;
                """;
        return """
                create table items (id int primary key, name varchar(50));
                create index items_by_name on items (name);
                create table tags (id int, item_id int);
                create index tags_by_item on tags (item_id);
                create or replace view answer as select 42 as n;
                """ + routine;
    }

    @Test
    void liquibaseChangelogUpDownUpMatchesTheNativeClientOnPostgresAndMariadb() throws Exception {
        fixture("liquibase", "migrations");
        for (Vendor vendor : List.of(Vendor.POSTGRES, Vendor.MARIADB)) {
            routine(vendor);
            TestDatabase db = databases.start(vendor);
            TestDatabase byHand = databases.start(vendor);
            nativeClient(byHand, liquibaseByHand(vendor));
            String expected = checksum(byHand);

            ok(db, "dev", "up");
            assertThat(checksum(db)).as(vendor.toString()).isEqualTo(expected);
            assertThat(column(db, "select add_one(41)")).containsExactly("42");
            if (vendor == Vendor.POSTGRES) {
                realLiquibase(expected);
            }
            ok(db, "dev", "down", "base");
            ok(db, "dev", "up");
            assertThat(checksum(db)).as(vendor + " after down base and up").isEqualTo(expected);
            // the prod context's changeset runs in prod only
            TestDatabase prod = databases.start(vendor);
            ok(prod, "prod", "up");
            assertThat(checksum(prod)).isNotEqualTo(expected);
            execute(prod, "drop table prod_only");
            assertThat(checksum(prod)).isEqualTo(expected);
        }
    }

    /** The real Liquibase on the same changelog, context dev: the same schema, and the names dbshift gives its changesets. */
    private void realLiquibase(String expected) throws Exception {
        TestDatabase real = databases.start(Vendor.POSTGRES);
        try (Connection c = DriverManager.getConnection(real.url(), real.user(), "")) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            database.setDefaultSchemaName(real.name());
            try (Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(project.dir().resolve("migrations")),
                    database)) {
                liquibase.update(new Contexts("dev"), new LabelExpression());
            }
        }
        List<String> recorded = column(real, "select 'liquibase:' || filename || '::' || id || '::' || author from databasechangelog");
        execute(real, "drop table databasechangelog");
        execute(real, "drop table databasechangeloglock");
        assertThat(checksum(real)).as("the real Liquibase").isEqualTo(expected);
        // what Liquibase recorded is what dbshift names each changeset by (adopt matches them)
        assertThat(foreignIds("migrations", "dev")).containsExactlyInAnyOrderElementsOf(recorded);
    }
}
