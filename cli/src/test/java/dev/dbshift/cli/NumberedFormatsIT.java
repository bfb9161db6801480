package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * golang-migrate, goose, dbmate, sql-migrate and sqlx projects, each in the tool's own layout as its docs
 * describe it, applied with the CLI, reverted to base and applied again; after each {@code up} the schema
 * equals what the database's own client (psql, mariadb, sqlite3) builds from the same up scripts.
 *
 * <p>To keep the processes few, one project holds four locations, one per tool (each detected on its own,
 * with its own object names and version range), and sqlx, which needs {@code format = "sqlx"} for
 * reversible migrations, is a second project.
 */
class NumberedFormatsIT {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    /** One tool's three migrations on one server: a table and index, a routine kept whole, a view; names start with {@code p}. */
    private record Migrations(String table, String dropTable, String routine, String dropRoutine, String routineForClient,
                              String view, String dropView) {
        static Migrations of(Vendor vendor, String p) {
            String table = "CREATE TABLE " + p + "users (id INT PRIMARY KEY, name VARCHAR(50));\nCREATE INDEX " + p
                    + "users_name ON " + p + "users (name);\n";
            String view = "CREATE VIEW " + p + "named AS SELECT id, name FROM " + p + "users WHERE name IS NOT NULL;\n";
            String dropTable = "DROP TABLE " + p + "users;\n";
            String dropView = "DROP VIEW " + p + "named;\n";
            return switch (vendor) {
                case POSTGRES -> new Migrations(table, dropTable, "CREATE FUNCTION " + p + "count() RETURNS bigint LANGUAGE plpgsql AS $$\n"
                        + "BEGIN\n  RETURN (SELECT count(*) FROM " + p + "users);\nEND;\n$$;\n",
                        "DROP FUNCTION " + p + "count();\n", null, view, dropView);
                case MARIADB -> {
                    String body = "CREATE PROCEDURE " + p + "count()\nBEGIN\n  SELECT count(*) FROM " + p + "users;\n  SELECT 1;\nEND";
                    yield new Migrations(table, dropTable, body + ";\n", "DROP PROCEDURE " + p + "count;\n",
                            "DELIMITER //\n" + body + "//\nDELIMITER ;\n", view, dropView);
                }
                default -> new Migrations(table, dropTable, "CREATE TRIGGER " + p + "named_ai AFTER INSERT ON " + p + "users BEGIN\n"
                        + "  UPDATE " + p + "users SET name = upper(new.name) WHERE id = new.id;\nEND;\n",
                        "DROP TRIGGER " + p + "named_ai;\n", null, view, dropView);
            };
        }

        /** The up scripts in order, as the vendor's client takes them. */
        String clientScript() {
            return table + (routineForClient != null ? routineForClient : routine) + view;
        }
    }

    /** Writes {@code tool}'s three migrations into {@code dir} in its layout. */
    private static void write(String tool, TestProject p, String dir, Migrations m) {
        switch (tool) {
            case "golang-migrate" -> p.file(dir + "/000001_create_users.up.sql", m.table()).file(dir + "/000001_create_users.down.sql", m.dropTable())
                    .file(dir + "/000002_count.up.sql", m.routine()).file(dir + "/000002_count.down.sql", m.dropRoutine())
                    .file(dir + "/000003_named.up.sql", m.view()).file(dir + "/000003_named.down.sql", m.dropView());
            case "goose" -> p.file(dir + "/00011_create_users.sql", "-- +goose Up\n" + m.table() + "\n-- +goose Down\n" + m.dropTable())
                    .file(dir + "/00012_count.sql", "-- +goose Up\n-- +goose StatementBegin\n" + m.routine()
                            + "-- +goose StatementEnd\n\n-- +goose Down\n" + m.dropRoutine())
                    .file(dir + "/20240101120000_named.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + m.view()
                            + "-- +goose Down\n" + m.dropView());
            case "dbmate" -> p.file(dir + "/20240101000001_create_users.sql", "-- migrate:up\n" + m.table() + "\n-- migrate:down\n" + m.dropTable())
                    .file(dir + "/20240101000002_count.sql", "-- migrate:up\n" + m.routine() + "\n-- migrate:down\n" + m.dropRoutine())
                    .file(dir + "/20240101000003_named.sql", "-- migrate:up transaction:false\n" + m.view()
                            + "\n-- migrate:down transaction:false\n" + m.dropView());
            case "sql-migrate" -> p.file(dir + "/21_create_users.sql", "-- +migrate Up\n" + m.table() + "\n-- +migrate Down\n" + m.dropTable())
                    .file(dir + "/22_count.sql", "-- +migrate Up\n-- +migrate StatementBegin\n" + m.routine()
                            + "-- +migrate StatementEnd\n\n-- +migrate Down\n" + m.dropRoutine())
                    .file(dir + "/23_named.sql", "-- +migrate Up notransaction\n" + m.view() + "\n-- +migrate Down\n" + m.dropView());
            case "sqlx" -> p.file(dir + "/20240101000001_create_users.up.sql", m.table())
                    .file(dir + "/20240101000001_create_users.down.sql", m.dropTable())
                    .file(dir + "/20240101000002_count.up.sql", m.routine())
                    .file(dir + "/20240101000002_count.down.sql", m.dropRoutine())
                    .file(dir + "/20240101000003_named.up.sql", "-- no-transaction\n" + m.view())
                    .file(dir + "/20240101000003_named.down.sql", m.dropView());
            default -> throw new IllegalArgumentException(tool);
        }
    }

    private static final Map<String, String> PREFIX = Map.of("golang-migrate", "gm_", "goose", "gs_", "dbmate", "dm_",
            "sql-migrate", "sm_", "sqlx", "sx_");

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB", "SQLITE"})
    void eachFormatAppliesRevertsAndReappliesLikeTheNativeClient(Vendor vendor) throws Exception {
        // four tools detected per location in one project
        roundTrip(vendor, List.of("golang-migrate", "goose", "dbmate", "sql-migrate"), Map.of());
        // reversible sqlx migrations carry golang-migrate's names: the format setting says whose they are
        roundTrip(vendor, List.of("sqlx"), Map.of("DBSHIFT_FORMAT", "sqlx"));
    }

    private void roundTrip(Vendor vendor, List<String> tools, Map<String, String> settings) throws Exception {
        TestProject project = TestProject.create();
        StringBuilder client = new StringBuilder();
        List<String> locations = new ArrayList<>();
        for (String tool : tools) {
            Migrations m = Migrations.of(vendor, PREFIX.get(tool));
            write(tool, project, tool, m);
            locations.add(tool);
            client.append(m.clientScript());
        }
        TestDatabase native_ = databases.start(vendor);
        String empty = checksum(native_);
        runClient(native_, client.toString());
        String expected = checksum(native_);
        assertThat(expected).isNotEqualTo(empty);

        TestDatabase db = databases.start(vendor);
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(DbShiftProcess.env(db));
        env.put("DBSHIFT_LOCATIONS", String.join(",", locations));
        String what = tools + " on " + vendor;
        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up");
        assertThat(up.exit()).as(what + ": up\n" + up).isZero();
        assertThat(applied(db)).as(what + ": history rows").isEqualTo(tools.size() * 3);
        assertThat(checksum(db)).as(what + ": schema after up").isEqualTo(expected);
        DbShiftProcess.Result down = DbShiftProcess.run(project.dir(), env, "down", "base");
        assertThat(down.exit()).as(what + ": down base\n" + down).isZero();
        assertThat(checksum(db)).as(what + ": schema after down base").isEqualTo(empty);
        DbShiftProcess.Result again = DbShiftProcess.run(project.dir(), env, "up");
        assertThat(again.exit()).as(what + ": up again\n" + again).isZero();
        assertThat(checksum(db)).as(what + ": schema after up again").isEqualTo(expected);
    }

    private static int applied(TestDatabase db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM dbshift_history WHERE operation = 'apply'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String checksum(TestDatabase db) {
        return TestProject.create().configure(db).load().schemaState().live();
    }

    /** Runs {@code script} with the vendor's own command-line client, as a user of the other tool would. */
    private static void runClient(TestDatabase db, String script) throws Exception {
        Path file = Files.createTempFile("client", ".sql");
        file.toFile().deleteOnExit();
        List<String> cmd = new ArrayList<>();
        switch (db.vendor()) {
            case POSTGRES -> {
                Files.writeString(file, "SET search_path TO " + db.name() + ";\n" + script);
                cmd.addAll(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", db.user(), "-d", "test",
                        "-f", file.toString()));
            }
            case MARIADB -> {
                Files.writeString(file, script);
                cmd.addAll(List.of("mariadb", "-h", "127.0.0.1", "-u", db.user(), db.name(), "-e", "source " + file));
            }
            default -> {
                Files.writeString(file, script);
                cmd.addAll(List.of("sqlite3", "-bail", db.url().substring("jdbc:sqlite:".length()), ".read " + file));
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }
}
