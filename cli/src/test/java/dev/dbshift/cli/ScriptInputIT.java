package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts that cannot run as written (issue 9, items 7, 8, 9 and "script syntax errors exit 2"): refused with
 * exit 2 naming the file and line before any migration runs, by up, up --dry-run, check and sql.
 */
class ScriptInputIT {
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private TestDatabase start(Vendor vendor) {
        return databases.start(vendor);
    }

    private DbShiftProcess.Result run(TestDatabase db, String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    private DbShiftProcess.Result exits(int exit, TestDatabase db, String... args) {
        DbShiftProcess.Result r = run(db, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }

    private static boolean tableExists(TestDatabase db, String table) throws SQLException {
        String catalog = db.vendor() == Vendor.MARIADB ? db.name() : null;
        String schema = db.vendor() == Vendor.POSTGRES ? db.name() : null;
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(catalog, schema, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    private void bytes(String path, byte[] content) throws Exception {
        Path p = project.dir().resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    // ---------------------------------------------------------------- item 7: other tools' single-file formats

    @Test
    void otherToolsSingleFileFormatsAreRefusedNamingFileLineMarkerAndTool() throws Exception {
        TestDatabase db = start(Vendor.H2);
        // each written as the tool documents its format
        String goose = """
                -- +goose Up
                -- +goose StatementBegin
                CREATE TABLE goose_users (id INT PRIMARY KEY);
                -- +goose StatementEnd

                -- +goose Down
                DROP TABLE goose_users;
                """;
        String dbmate = """
                -- migrate:up
                create table dbmate_users (id integer primary key);

                -- migrate:down
                drop table dbmate_users;
                """;
        String sqlMigrate = """
                -- +migrate Up
                CREATE TABLE people (id int);

                -- +migrate Down
                DROP TABLE people;
                """;
        String liquibase = """
                --liquibase formatted sql

                --changeset nvoxland:1
                create table test1 (id int primary key, name varchar(255));
                --rollback drop table test1;
                """;
        record Case(String file, String content, int line, String marker, String tool, String table) {
        }
        List<Case> cases = List.of(
                new Case("20240101120000__goose_users.sql", goose, 1, "-- +goose Up", "goose", "goose_users"),
                new Case("20240101120000__dbmate_users.sql", dbmate, 1, "-- migrate:up", "dbmate", "dbmate_users"),
                new Case("20240101120000__people.sql", sqlMigrate, 1, "-- +migrate Up", "sql-migrate", "people"),
                new Case("20240101120000__test1.sql", liquibase, 1, "--liquibase formatted sql", "Liquibase formatted SQL", "test1"));
        project.file("migrations/1__base.sql", "CREATE TABLE base (id INT);\n");
        for (Case c : cases) {
            project.file("migrations/" + c.file(), c.content());
            DbShiftProcess.Result up = exits(2, db, "up");
            assertThat(up.err()).contains("migrations/" + c.file() + ":" + c.line() + ": '" + c.marker() + "'")
                    .contains(c.tool() + " marker").contains("nothing was run");
            assertThat(tableExists(db, c.table())).isFalse();
            assertThat(tableExists(db, "base")).as("no migration ran before the refusal").isFalse();
            assertThat(exits(2, db, "up", "--dry-run").err()).contains("migrations/" + c.file() + ":" + c.line());
            assertThat(exits(2, db, "check").err()).contains("[script_error] migrations/" + c.file() + ":" + c.line());
            project.delete("migrations/" + c.file());
        }
        // a changeset line further down is found too, and a plain comment mentioning rollback is not a marker
        project.file("migrations/2__lb.sql", "-- rollback: drop table lb by hand\nCREATE TABLE lb (id INT);\n\n--changeset ada:2\nSELECT 1;\n");
        assertThat(exits(2, db, "up").err()).contains("migrations/2__lb.sql:4: '--changeset ada:2'");
        project.file("migrations/2__lb.sql", "-- rollback: drop table lb by hand\nCREATE TABLE lb (id INT);\n");
        exits(0, db, "up");
        assertThat(tableExists(db, "lb")).isTrue();
    }

    // ---------------------------------------------------------------- item 8: version directories that run nothing

    @Test
    void versionDirectoriesThatWouldRunNothingAreRefused() throws Exception {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1__base.sql", "CREATE TABLE base (id INT);\n");
        Files.createDirectories(project.dir().resolve("migrations/2"));
        assertThat(exits(2, db, "up").err()).contains("migrations/2/: a version directory without a script to run");
        assertThat(exits(2, db, "status").err()).contains("migrations/2/");
        Files.delete(project.dir().resolve("migrations/2"));

        project.file("migrations/1.1__x.sql/all.sql", "CREATE TABLE x (id INT);\n");
        assertThat(exits(2, db, "up").err()).contains("migrations/1.1__x.sql/: a folder named like a script");
        Files.delete(project.dir().resolve("migrations/1.1__x.sql/all.sql"));
        Files.delete(project.dir().resolve("migrations/1.1__x.sql"));

        project.file("dbshift.toml", "[environments.dev]\n[environments.prod]\n")
                .file("migrations/3__settings/all.sql", "CREATE TABLE settings (k VARCHAR(10));\n")
                .file("migrations/3__settings/prdo.sql", "INSERT INTO settings VALUES ('prod');\n")
                .file("migrations/4__only_down/all.down.sql", "SELECT 1;\n")
                .file("migrations/init/tset.sql", "CREATE TABLE fixtures (id INT);\n");
        DbShiftProcess.Result typo = exits(2, db, "up", "-e", "prod");
        assertThat(typo.err()).contains("migrations/3__settings/prdo.sql: names the environment 'prdo'")
                .contains("declared: dev, prod")
                .contains("migrations/4__only_down/: a version directory without a script to run")
                .contains("migrations/init/tset.sql: names the environment 'tset'");
        assertThat(tableExists(db, "base")).isFalse();
        project.delete("migrations/3__settings/prdo.sql").delete("migrations/4__only_down/all.down.sql").delete("migrations/init/tset.sql")
                .file("migrations/3__settings/prod.sql", "INSERT INTO settings VALUES ('prod');\n");
        Files.delete(project.dir().resolve("migrations/4__only_down"));
        exits(0, db, "up", "-e", "prod");
        assertThat(tableExists(db, "settings")).isTrue();
    }

    @Test
    void bareNumericFolderWithUpAndDownSqlIsReadAsUpAndDownScripts() throws Exception {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1528395834/up.sql", "CREATE TABLE golang (id INT);\n")
                .file("migrations/1528395834/down.sql", "DROP TABLE golang;\n");
        assertThat(exits(0, db, "up").out()).contains("applying 1528395834");
        assertThat(tableExists(db, "golang")).isTrue();
        exits(0, db, "down");
        assertThat(tableExists(db, "golang")).isFalse();

        project.file("migrations/1528395834/all.sql", "CREATE TABLE other (id INT);\n");
        assertThat(exits(2, db, "up").err()).contains("holds both all.sql and up.sql");
        project.delete("migrations/1528395834/all.sql").delete("migrations/1528395834/up.sql");
        assertThat(exits(2, db, "up").err()).contains("migrations/1528395834/down.sql: a down script without an up script");
    }

    // ---------------------------------------------------------------- item 9: errors visible without running anything

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void badScriptsStopUpBeforeAnyMigrationRuns(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        project.file("migrations/1__first.sql", "CREATE TABLE first_one (id INT);\n")
                .file("migrations/2__second.sql", "CREATE TABLE second_one (id INT);\n");
        String clientCommand = vendor == Vendor.POSTGRES ? "\\c otherdb\n" : "source /tmp/other.sql\n";
        String clientLabel = vendor == Vendor.POSTGRES ? "\\c" : "source";
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("unterminated literal", "INSERT INTO first_one VALUES (1);\nSELECT 'abc;\n");
        bad.put("unterminated comment", "SELECT 1;\n/* never closed\n");
        bad.put("unknown placeholder", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (${missing_value});\n");
        bad.put(clientLabel, "SELECT 1;\n" + clientCommand);
        if (vendor == Vendor.POSTGRES) {
            bad.put("unterminated dollar quote", "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\n");
            bad.put("\\i", "\\i other.sql\n");
        } else {
            bad.put("\\.", "SELECT 1;\n\\. /tmp/other.sql\n");
        }
        // every kind of bad script stops up; the other commands that read every script (a dry run, check, offline SQL)
        // take the kinds in turn (each two or more kinds per vendor but sql on MariaDB, one): they share up's reading of the scripts
        List<String[]> others = List.of(new String[]{"up", "--dry-run"}, new String[]{"check"}, new String[]{"sql", "base:head"});
        int turn = 0;
        for (Map.Entry<String, String> e : bad.entrySet()) {
            project.file("migrations/3__bad.sql", e.getValue());
            DbShiftProcess.Result up = exits(2, db, "up");
            assertThat(up.err()).as(e.getKey()).contains("migrations/3__bad.sql:").contains("nothing was run");
            assertThat(tableExists(db, "first_one")).as(e.getKey() + ": no migration ran").isFalse();
            String[] other = others.get(turn++ % others.size());
            assertThat(exits(2, db, other).err()).as(e.getKey() + ": " + String.join(" ", other))
                    .contains(other[0].equals("check") ? "[script_error] migrations/3__bad.sql:" : "migrations/3__bad.sql:");
        }
        project.file("migrations/3__bad.sql", "SELECT 1;\n");
        exits(0, db, "up");
        assertThat(tableExists(db, "second_one")).isTrue();
        assertThat(exits(0, db, "check").out()).contains("No problems");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void latin1ScriptIsRefusedUnlessTheEncodingSettingSaysSo(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        project.file("migrations/1__first.sql", "CREATE TABLE drinks (name VARCHAR(20));\n");
        bytes("migrations/2__cafe.sql", "INSERT INTO drinks VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));
        DbShiftProcess.Result up = exits(2, db, "up");
        assertThat(up.err()).contains("migrations/2__cafe.sql:1: byte offset 31: bytes E9 are not UTF-8 text")
                .contains("encoding");
        assertThat(tableExists(db, "drinks")).isFalse();

        project.file("dbshift.toml", "encoding = \"ISO-8859-1\"\n");
        assertThat(exits(0, db, "env").out()).containsPattern("encoding\\s+ISO-8859-1\\s+dbshift.toml");
        exits(0, db, "up");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT name FROM "
                + (vendor == Vendor.POSTGRES ? db.name() + "." : "") + "drinks")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("caf\u00e9");
        }
    }

    @Test
    void resetAndRebuildRefuseBadScriptsBeforeDroppingOrRunningAnything() throws Exception {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1__keep.sql", "CREATE TABLE keep (id INT);\n")
                .file("migrations/1__keep.down.sql", "DROP TABLE keep;\n");
        exits(0, db, "up");
        try (Connection c = db.connect()) {
            c.createStatement().execute("INSERT INTO keep VALUES (42)");
        }
        project.file("migrations/2__bad.sql", "INSERT INTO keep VALUES ('unterminated);\n");
        // before: reset dropped everything, ran 1 again and failed at 2 (exit 1): the row was gone
        assertThat(exits(2, db, "reset", "--yes").err()).contains("migrations/2__bad.sql:1:").contains("nothing was run");
        project.file("migrations/1__keep.down.sql", "DROP TABLE keep; -- ${undefined}\nSELECT ${undefined};\n");
        assertThat(exits(2, db, "rebuild", "1").err()).contains("migrations/1__keep.down.sql:2:").contains("unknown placeholder");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM keep")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void binaryFileIsRefused() throws Exception {
        TestDatabase db = start(Vendor.H2);
        bytes("migrations/1__blob.sql", new byte[]{'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 0, 1, 2, 3});
        assertThat(exits(2, db, "up").err()).contains("migrations/1__blob.sql:2: a NUL character: this is a binary file");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        TestDatabase db = start(Vendor.H2);
        project.file("migrations/1__first.sql", "CREATE TABLE first_one (id INT);\n");
        Files.createDirectories(project.dir().resolve("migrations/2__v"));
        for (String fifo : List.of("migrations/3__pipe.sql", "migrations/2__v/all.sql")) {
            Process p = new ProcessBuilder("mkfifo", project.dir().resolve(fifo).toString()).start();
            assertThat(p.waitFor()).isZero();
        }
        // before: every command blocked opening the FIFO (DbShiftProcess gives up after 120 s)
        for (String command : List.of("up", "status", "check")) {
            DbShiftProcess.Result r = exits(2, db, command);
            assertThat(r.err()).contains("migrations/3__pipe.sql: not a regular file (a FIFO, socket or device)")
                    .contains("migrations/2__v/all.sql: not a regular file");
        }
        assertThat(tableExists(db, "first_one")).isFalse();
    }
}
