package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: the packaged jar in its own process, exit codes, messages, JSON. */
class CliIT {
    private final TestProject project = TestProject.create();
    private final TestDatabase db = TestDatabase.create(Vendor.H2);

    @AfterEach
    void drop() {
        db.close();
    }

    private DbShiftProcess.Result run(String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    private void migrations() {
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20));\n")
                .file("migrations/1__users.down.sql", "DROP TABLE users;\n")
                .file("migrations/2__seed.sql", "INSERT INTO users VALUES (${who_id}, 'ada');\n")
                .file("migrations/2__seed.down.sql", "DELETE FROM users;\n")
                .file("dbshift.toml", "[placeholders]\nwho_id = \"1\"\n");
    }

    /**
     * Embedded H2 keeps the chunks each commit wrote; with its own 200 ms of compaction at close, applying 600 small
     * migrations left a 17 MB file around 1 MB of content (1,000: 100 MB), which the next command had to open.
     */
    @Test
    void anApplyLeavesItsEmbeddedFileCompact() throws Exception {
        for (int i = 1; i <= 600; i++) {
            project.file("migrations/" + i + "__t" + i + ".sql", "CREATE TABLE t" + i + " (id INT PRIMARY KEY, name VARCHAR(20));\n"
                    + "CREATE INDEX ix_t" + i + " ON t" + i + " (name);\nINSERT INTO t" + i + " VALUES (1, 'a');\n");
        }
        DbShiftProcess.Result up = run("-q", "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        Path file = Path.of(db.url().substring("jdbc:h2:file:".length()) + ".mv.db");
        assertThat(Files.size(file)).as("the H2 file after applying 600 migrations").isLessThan(4L << 20);
        assertThat(run("-q", "up").exit()).isZero();
        assertThat(run("current", "-q").out().strip()).isEqualTo("600");
    }

    /**
     * Standard output holds only what dbshift prints: H2, when it cannot write its trace file beside the database (here
     * a folder stands where it would go), prints its own error there, which made {@code --json} output no JSON.
     */
    @Test
    void standardOutputHoldsOnlyDbshiftsOwnOutput() throws Exception {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n").file("migrations/2__b.sql", "CREATE TABL oops;\n");
        Files.createDirectories(Path.of(db.url().substring("jdbc:h2:file:".length()) + ".trace.db"));
        DbShiftProcess.Result up = run("--json", "up");
        assertThat(up.exit()).as(up.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(up.out());
        assertThat(json.get("success").asBoolean()).as(up.toString()).isFalse();
        assertThat(up.err()).contains("Log file error").contains("dbshift: 2 (b): migrations/2__b.sql:1");
    }

    /**
     * With {@code --json} a command prints one JSON document on standard output; one that failed before it printed its
     * own (no server to reach, an unknown option) printed nothing there, and a script reading it as JSON failed on an
     * empty document. The error is that document now, and still the message on standard error; a password stays masked.
     */
    @Test
    void aJsonCommandThatFailsPrintsItsErrorAsTheDocument() throws Exception {
        migrations();
        // one document each: a second after it fails the read
        ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        DbShiftProcess.Result unreachable = run("--json", "--url", "jdbc:postgresql://127.0.0.1:9/x?password=topsecret", "status");
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(5);
        JsonNode error = json.readTree(unreachable.out()).get("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(5);
        assertThat(error.get("message").asText()).startsWith("cannot connect to").contains("password=******");
        assertThat(unreachable.out()).doesNotContain("topsecret");
        assertThat(unreachable.err()).contains("dbshift: cannot connect to");
        DbShiftProcess.Result badOption = run("status", "--json", "--bogus");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(json.readTree(badOption.out()).get("error").get("message").asText()).contains("--bogus");
        // a command that printed its document prints no second one
        DbShiftProcess.Result up = run("--json", "up");
        assertThat(json.readTree(up.out()).get("success").asBoolean()).as(up.toString()).isTrue();
    }

    @Test
    void upStatusDownAndAliases() throws Exception {
        migrations();
        DbShiftProcess.Result up = run("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("[1/2] applying 1 (users) ... ok").contains("now at 2");

        DbShiftProcess.Result status = run("status", "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("current").asText()).isEqualTo("2");
        assertThat(json.get("migrations").get(1).get("state").asText()).isEqualTo("applied");

        assertThat(run("info").out()).contains("Current version: 2; 0 pending.");
        assertThat(run("last-version").out().strip()).isEqualTo("2");
        assertThat(run("current", "-q").out().strip()).isEqualTo("2");
        DbShiftProcess.Result down = run("rollback");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(run("list").out()).contains("rolled back");
        DbShiftProcess.Result migrate = run("-q", "migrate");
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.out()).isEmpty();
        assertThat(run("history").out()).contains("rollback").contains("apply");
        assertThat(run("down", "base", "--json").out()).contains("\"success\" : true");
        // H2 writes every failed statement to <name>.trace.db beside the database: a run that went well leaves none
        Path file = Path.of(db.url().substring("jdbc:h2:file:".length()));
        try (Stream<Path> beside = Files.list(file.getParent())) {
            assertThat(beside.map(p -> p.getFileName().toString())).isNotEmpty().noneMatch(n -> n.endsWith(".trace.db"));
        }
    }

    @Test
    void dryRunPrintsStatementsAndRunsNothing() {
        migrations();
        DbShiftProcess.Result dry = run("up", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("-- applying 1 (users) [autocommit]").contains("CREATE TABLE users")
                .contains("INSERT INTO users VALUES (1, 'ada');").contains("nothing is executed");
        assertThat(run("current").out().strip()).isEqualTo("none");
    }

    @Test
    void badInputExitsTwoAndNamesTheCulprit() {
        migrations();
        project.file("migrations/3_oops.sql", "SELECT 1;\n");
        DbShiftProcess.Result badName = run("up");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("migrations/3_oops.sql: the name does not parse");
        project.delete("migrations/3_oops.sql");

        DbShiftProcess.Result unknown = run("up", "7.7");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown version 7.7");

        DbShiftProcess.Result badFlag = run("up", "--no-such-flag");
        assertThat(badFlag.exit()).isEqualTo(2);

        project.file("dbshift.toml", "[placeholders]\nwho_id = \"1\"\n[environments.dev]\nlock_timeot = \"5s\"\n");
        DbShiftProcess.Result badConfig = run("-e", "dev", "status");
        assertThat(badConfig.exit()).isEqualTo(2);
        assertThat(badConfig.err()).contains("dbshift.toml [environments.dev]: unknown setting 'lock_timeot'");

        project.file("dbshift.toml", "[placeholders]\nwho_id = \"1\"\n");
        project.file("migrations/3__unterminated.sql", "INSERT INTO users VALUES (2, 'bob);\n");
        DbShiftProcess.Result syntax = run("up");
        assertThat(syntax.exit()).isEqualTo(2);   // script syntax is bad input (issue 9): refused before anything runs
        assertThat(syntax.err()).contains("migrations/3__unterminated.sql:1:");
        assertThat(syntax.err()).contains("unterminated");

        project.file("migrations/3__unterminated.sql", "INSERT INTO users VALUES (${nobody}, 'x');\n");
        DbShiftProcess.Result placeholder = run("up");
        assertThat(placeholder.exit()).isEqualTo(2);
        assertThat(placeholder.err()).contains("migrations/3__unterminated.sql:1:").contains("nobody");
    }

    @Test
    void failingStatementExitsOneWithFileAndLine() {
        migrations();
        project.file("migrations/3__bad.sql", "-- a comment\n\nSELEC 1;\n");
        DbShiftProcess.Result r = run("up");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("migrations/3__bad.sql:3:");
        assertThat(run("status").out()).contains("failed");
    }

    @Test
    void validationProblemsExitThree() {
        migrations();
        assertThat(run("up").exit()).isZero();
        project.file("migrations/1__users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(20));\n");
        DbShiftProcess.Result r = run("up");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("migrations/1__users.sql was edited after it was applied");
        project.file("migrations/1__users.sql", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20));\n");
        project.delete("migrations/2__seed.down.sql");
        DbShiftProcess.Result down = run("down");
        assertThat(down.exit()).isEqualTo(3);
        assertThat(down.err()).contains("2 (seed) has no down script (expected migrations/2__seed.down.sql)");
    }

    @Test
    void unreachableDatabaseExitsFiveWithoutEchoingThePassword() {
        migrations();
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(),
                Map.of("DATABASE_URL", "postgres://app:Sup3rSecretPw@127.0.0.1:1/nowhere"), "status");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere as app");
        assertThat(r.out() + r.err()).doesNotContain("Sup3rSecretPw");
    }

    /**
     * A server that takes the connection and never answers: PostgreSQL's driver alone would wait for ever (the
     * 120 s limit of DbShiftProcess fails the test then); the default connect_timeout stops it after 30 s, and the flag
     * sooner, with exit 5 naming the setting and no password echoed.
     */
    @Test
    void aServerThatNeverAnswersExitsFiveAfterTheConnectTimeout() throws Exception {
        migrations();
        try (dev.dbshift.testing.SilentServer server = new dev.dbshift.testing.SilentServer()) {
            Map<String, String> env = Map.of("DATABASE_URL", "postgres://app:Sup3rSecretPw@127.0.0.1:" + server.port() + "/x");
            DbShiftProcess.Result flag = DbShiftProcess.run(project.dir(), env, "--connect-timeout", "2s", "status");
            assertThat(flag.exit()).as(flag.toString()).isEqualTo(5);
            assertThat(flag.err()).contains("cannot connect to jdbc:postgresql://127.0.0.1:" + server.port() + "/x as app",
                    "did not answer within 2s", "--connect-timeout");
            DbShiftProcess.Result byDefault = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(byDefault.exit()).as(byDefault.toString()).isEqualTo(5);
            assertThat(byDefault.err()).contains("did not answer within 30s");
            assertThat(flag.out() + flag.err() + byDefault.out() + byDefault.err()).doesNotContain("Sup3rSecretPw");
            assertThat(server.accepted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void envShowsSourcesAndMasksSecrets() {
        migrations();
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(),
                Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_PASSWORD", "hunter2hunter2"), "env", "--user", "flaguser");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("password").contains("******").contains("env DBSHIFT_PASSWORD")
                .contains("flaguser").contains("--user").doesNotContain("hunter2hunter2");
        DbShiftProcess.Result environ = DbShiftProcess.run(project.dir(),
                Map.of("DATABASE_URL", "postgres://u:pa55word@h:5432/d"), "environ", "--json");
        assertThat(environ.out()).doesNotContain("pa55word").contains("env DATABASE_URL");
    }

    @Test
    void helpHasExamplesAndExitCodes() {
        DbShiftProcess.Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("up").contains("status");
        assertThat(run("up", "--help").out()).contains("Examples:").contains("dbshift up --dry-run");
        assertThat(run("down", "--help").out()).contains("dbshift down base");
        assertThat(run("version").out()).startsWith("dbshift ");
    }
}
