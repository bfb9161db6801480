package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.Await;
import dev.dbshift.testing.Scratch;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations toolbox as a user meets it: the packaged jar, exit codes, refusals, JSON, and offline scripts run by psql and mariadb. */
class ToolboxIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private TestDatabase start(Vendor vendor) {
        return databases.start(vendor);
    }

    private static DbShiftProcess.Result run(TestProject project, TestDatabase db, String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    private DbShiftProcess.Result ok(TestDatabase db, String... args) {
        DbShiftProcess.Result r = run(project, db, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private DbShiftProcess.Result fails(int exit, TestDatabase db, String... args) {
        DbShiftProcess.Result r = run(project, db, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }

    private void migrations() {
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20));\n")
                .file("migrations/1__users.down.sql", "DROP TABLE users;\n")
                .file("migrations/2__seed.sql", "INSERT INTO users VALUES (1, 'ada');\n")
                .file("migrations/2__seed.down.sql", "DELETE FROM users;\n")
                .file("migrations/3__more.sql", "CREATE TABLE more (id INT PRIMARY KEY);\n")
                .file("migrations/init/all.sql", "CREATE TABLE init_all (id INT);\n")
                .file("dbshift.toml", "critical_environments = [\"prod\"]\n");
    }

    @Test
    void stampSkipRepairErrorsTraceAndCheck() throws Exception {
        TestDatabase db = start(Vendor.H2);
        migrations();
        assertThat(fails(2, db, "stamp", "9").err()).contains("unknown version 9 (known versions: 1, 2, 3)");
        JsonNode dry = JSON.readTree(ok(db, "mark", "2", "--dry-run", "--json").out());
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("rows")).hasSize(2);
        assertThat(ok(db, "current").out().strip()).isEqualTo("none");
        assertThat(ok(db, "stamp", "2").out()).contains("Wrote 2 history rows").contains("now at 2");
        assertThat(ok(db, "status").out()).contains("stamped");
        assertThat(ok(db, "stamp", "base").out()).contains("now at base");
        assertThat(ok(db, "skip").out()).contains("skip").contains("now at 1");
        assertThat(fails(2, db, "skip", "1").err()).contains("already applied");

        project.file("migrations/2__seed.sql", "INSERT INTO nobody VALUES (1, 'ada');\n");
        assertThat(upFails(db)).isEqualTo(1);   // the seed insert fails
        JsonNode errors = JSON.readTree(ok(db, "errors", "--json").out());
        assertThat(errors).hasSize(1);
        long id = errors.get(0).get("id").asLong();
        assertThat(errors.get(0).get("resolved").asBoolean()).isFalse();
        assertThat(ok(db, "errors").out()).contains("migrations/2__seed.sql:1").contains("no");
        assertThat(ok(db, "trace", String.valueOf(id)).out()).contains("FAILED").contains("\tat ");
        assertThat(fails(2, db, "trace", "999").err()).contains("no history row 999");

        DbShiftProcess.Result check = fails(3, db, "check", "--no-pending");
        assertThat(check.err()).contains("[pending]");
        JsonNode checkJson = JSON.readTree(fails(3, db, "validate", "--json", "--no-pending").out());
        assertThat(checkJson.get("ok").asBoolean()).isFalse();
        assertThat(checkJson.get("problems").get(0).get("code").asText()).isEqualTo("pending");

        assertThat(ok(db, "repair", "--dry-run").out()).contains("failed try resolved").contains("Dry run");
        assertThat(ok(db, "repair").out()).contains("Wrote 1 history row");
        assertThat(ok(db, "errors").out()).contains("yes");
        project.file("migrations/2__seed.sql", "CREATE TABLE seed (id INT);\n");
        ok(db, "up");
        assertThat(ok(db, "check", "--no-pending").out()).contains("No problems");
        project.file("migrations/3__more.sql", "CREATE TABLE more (id INT PRIMARY KEY);\n-- edited\n");
        assertThat(fails(3, db, "check").err()).contains("[checksum_changed]").contains("migrations/3__more.sql was edited");
        assertThat(ok(db, "repair", "--json").out()).contains("\"operation\" : \"repair\"");
        ok(db, "check");
    }

    private int upFails(TestDatabase db) {
        return run(project, db, "up").exit();
    }

    @Test
    void rebuildDownRefusalsAndReset() throws Exception {
        TestDatabase db = start(Vendor.H2);
        migrations();
        ok(db, "up");
        assertThat(ok(db, "rebuild", "2", "--dry-run").out()).contains("-- reverting 2 (seed)").contains("DELETE FROM users")
                .contains("-- applying 2 (seed)");
        assertThat(ok(db, "rebuild", "2").out()).contains("Rebuilt 2");
        assertThat(fails(3, db, "rebuild", "3").err()).contains("3 (more) has no down script");
        assertThat(fails(3, db, "down", "base").err()).contains("3 (more) has no down script (expected migrations/3__more.down.sql)");

        assertThat(fails(2, db, "reset", "-e", "prod", "--yes").err()).contains("critical_environments");
        assertThat(fails(2, db, "reset", "-e", "dev").err()).contains("pass --yes");
        assertThat(ok(db, "reset", "--dry-run").out()).contains("init/all.sql").contains("3 migration(s)");
        assertThat(ok(db, "reset", "-e", "dev", "--yes").out()).contains("ran 1 init step(s) and 3 migration(s)");
        JsonNode status = JSON.readTree(ok(db, "status", "--json").out());
        assertThat(status.get("current").asText()).isEqualTo("3");
        assertThat(JSON.readTree(ok(db, "reset", "--yes", "--json").out()).get("success").asBoolean()).isTrue();
    }

    @Test
    void squashAndTouchRenameFiles() throws Exception {
        TestDatabase db = start(Vendor.SQLITE);
        migrations();
        ok(db, "up", "2");
        assertThat(ok(db, "squash", "1", "2", "--dry-run").out()).contains("would delete migrations/1__users.sql")
                .contains("would write  migrations/2__squash_1_to_2.sql");
        assertThat(ok(db, "squash", "1", "2", "--description", "base schema").out()).contains("write  migrations/2__base_schema.sql");
        assertThat(Files.exists(project.dir().resolve("migrations/2__base_schema.down.sql"))).isTrue();
        JsonNode status = JSON.readTree(ok(db, "status", "--json").out());
        assertThat(status.get("migrations").get(0).get("state").asText()).isEqualTo("applied");
        assertThat(status.get("pending").asInt()).isEqualTo(1);
        ok(db, "check");

        project.file("migrations/20200101093000__late.sql", "CREATE TABLE late (id INT);\n");
        JsonNode touch = JSON.readTree(ok(db, "touch", "20200101093000", "--json").out());
        String to = touch.get("to").asText();
        assertThat(Files.exists(project.dir().resolve("migrations/" + to + "__late.sql"))).isTrue();
        assertThat(fails(2, db, "touch", "3").err()).contains("only timestamp versions");
    }

    /** On a terminal (a pseudo-terminal from script(1)), reset asks for the schema's name and stops on a wrong answer. */
    @Test
    void resetAsksOnATerminal() throws Exception {
        TestDatabase db = start(Vendor.H2);
        migrations();
        ok(db, "up", "1");
        assertThat(onTerminal(db, "nope\n", "reset")).contains("Type the schema name to confirm").contains("reset cancelled");
        assertThat(ok(db, "current").out().strip()).isEqualTo("1");
        assertThat(onTerminal(db, "PUBLIC\n", "reset")).contains("Reset schema PUBLIC");
        assertThat(ok(db, "current").out().strip()).isEqualTo("3");
    }

    private String onTerminal(TestDatabase db, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DbShiftProcess.javaBin(), "-jar", DbShiftProcess.JAR.toAbsolutePath().toString(),
                "-C", project.dir().toString()));
        cmd.addAll(List.of(args));
        String line = String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null").redirectErrorStream(true);
        pb.environment().put("DBSHIFT_URL", db.url());
        pb.environment().put("DBSHIFT_USER", db.user());
        File out = Scratch.dir("tty").resolve("tty.log").toFile();
        pb.redirectOutput(out);
        Process p = pb.start();
        Await.until("the confirmation prompt of " + String.join(" ", args), Duration.ofSeconds(60),
                () -> Files.readString(out.toPath()).contains("Type the schema name to confirm"));
        p.getOutputStream().write(input.getBytes());
        p.getOutputStream().flush();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        p.getOutputStream().close();
        return Files.readString(out.toPath());
    }

    /** The offline script, run by the vendor's own client, leaves the schema and history that up leaves. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void offlineScriptRunByTheVendorsClientMatchesUp(Vendor vendor) throws Exception {
        TestDatabase online = start(vendor);
        TestDatabase offline = start(vendor);
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT PRIMARY KEY, note VARCHAR(20) DEFAULT 'it''s');\n")
                .file("migrations/1__a.down.sql", "DROP TABLE a;\n")
                .file("migrations/2__env/all.sql", "CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a (id));\n")
                .file("migrations/2__env/dev.sql", "INSERT INTO a (id) VALUES (1);\n")
                .file("migrations/2__env/all.down.sql", "DROP TABLE b;\n")
                .file("migrations/R__v.sql", "CREATE VIEW v AS SELECT id FROM a;\n");
        ok(online, "-e", "dev", "up");

        Path script = Scratch.dir("dbshift-offline").resolve("offline.sql");
        assertThat(ok(offline, "-e", "dev", "sql", "base:head", "-o", script.toString()).out()).contains("Wrote");
        client(offline, script);
        JsonNode a = JSON.readTree(ok(online, "-e", "dev", "status", "--json").out());
        JsonNode b = JSON.readTree(ok(offline, "-e", "dev", "status", "--json").out());
        assertThat(states(b)).isEqualTo(states(a)).containsEntry("2", "applied").containsEntry("R v", "applied");
        assertThat(b.get("current").asText()).isEqualTo("2");
        ok(offline, "-e", "dev", "check", "--no-pending");

        // down --sql: the script of what down would do now, with rollback rows
        DbShiftProcess.Result down = ok(offline, "-e", "dev", "down", "1", "--sql");
        assertThat(down.out()).contains("DROP TABLE b").contains("'rollback'");
        Files.writeString(script, down.out());
        client(offline, script);
        assertThat(ok(offline, "current").out().strip()).isEqualTo("1");
        // up --sql FROM:TO needs no history
        assertThat(ok(offline, "up", "--sql", "base:1").out()).contains("CREATE TABLE a").doesNotContain("CREATE TABLE b");
        assertThat(fails(2, offline, "sql", "1-2").err()).contains("expected FROM:TO");
    }

    private static Map<String, String> states(JsonNode status) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode m : status.get("migrations")) {
            out.put(m.get("version").isNull() ? "R " + m.get("description").asText() : m.get("version").asText(), m.get("state").asText());
        }
        return out;
    }

    private static void client(TestDatabase db, Path script) throws Exception {
        ProcessBuilder pb = db.vendor() == Vendor.POSTGRES
                ? new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", "test",
                "-f", script.toString())
                : new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", db.name()).redirectInput(script.toFile());
        pb.environment().put("PGOPTIONS", "-c search_path=" + db.name());
        pb.redirectErrorStream(true);
        File log = Scratch.dir("client").resolve("client.log").toFile();
        log.deleteOnExit();
        pb.redirectOutput(log);
        Process p = pb.start();
        int exit = p.waitFor();
        assertThat(exit).as(Files.readString(log.toPath()) + "\n--- script\n" + Files.readString(script)).isZero();
    }
}
