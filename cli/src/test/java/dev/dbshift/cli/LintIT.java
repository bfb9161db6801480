package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.check.RuleTable;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dbshift lint} through the packaged jar. The error-level finding used is the linter's own (a suppression
 * without a reason, rule {@code lint-ignore}), so these tests depend on no rule set.
 */
class LintIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestProject project = TestProject.create();
    private final TestDatabase db = TestDatabase.create(Vendor.H2);

    @AfterEach
    void drop() {
        db.close();
    }

    private DbShiftProcess.Result run(String... args) {
        return DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user()), args);
    }

    private void files() {
        // the common rule no-down-script is off: these migrations have no down script, and the findings under test are
        // the linter's own (a suppression naming no rule)
        project.file("dbshift.toml", "critical_environments = [\"prod\"]\n[environments.prod]\n[environments.dev]\n"
                        + "[lint]\nno-down-script = \"off\"\n")
                .file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n")
                .file("migrations/2__b.sql", "CREATE TABLE b (id INT);\n  -- dbshift:lint-ignore lint-ignore\nCREATE TABLE c (id INT);\n");
    }

    @Test
    void textFindingsByFileLineAndColumnExitThree() {
        files();
        DbShiftProcess.Result r = run("lint");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).startsWith("migrations/2__b.sql:2:6: ERROR lint-ignore: dbshift:lint-ignore names unknown rule 'lint-ignore'"
                + " (fix: write -- dbshift:lint-ignore RULE why it is safe here)\n");
        assertThat(r.out()).contains("1 finding (1 error) in 2 migrations (h2, offline");

        DbShiftProcess.Result one = run("lint", "migrations/1__a.sql");
        assertThat(one.exit()).as(one.toString()).isEqualTo(0);
        assertThat(one.out()).contains("No findings in 1 migration");
    }

    @Test
    void jsonAndSarifParseBackWithEveryFieldACodeScanningUiReads() throws Exception {
        files();
        DbShiftProcess.Result j = run("lint", "--json");
        assertThat(j.exit()).as(j.toString()).isEqualTo(3);
        JsonNode n = JSON.readTree(j.out());
        assertThat(n.get("ok").asBoolean()).isFalse();
        assertThat(n.get("connected").asBoolean()).isFalse();
        // a --url on the command line connects: the report says so, and names the server's version
        DbShiftProcess.Result u = run("lint", "--url", db.url());
        assertThat(u.exit()).as(u.toString()).isEqualTo(3);
        assertThat(u.out()).containsPattern("in 2 migrations \\(h2, connected, server [0-9]");
        JsonNode f = n.get("findings").get(0);
        assertThat(f.get("rule").asText()).isEqualTo("lint-ignore");
        assertThat(f.get("level").asText()).isEqualTo("error");
        assertThat(f.get("file").asText()).isEqualTo("migrations/2__b.sql");
        assertThat(f.get("line").asInt()).isEqualTo(2);
        assertThat(f.get("column").asInt()).isEqualTo(6);

        DbShiftProcess.Result s = run("lint", "--sarif");
        assertThat(s.exit()).as(s.toString()).isEqualTo(3);
        JsonNode sarif = JSON.readTree(s.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("dbshift");
        // the driver lists every rule (what a code-scanning UI shows for a result's ruleId)
        JsonNode rule = null;
        for (JsonNode r : run.at("/tool/driver/rules")) {
            if (r.get("id").asText().equals("lint-ignore")) {
                rule = r;
            }
        }
        assertThat(rule).as("lint-ignore among the driver's rules").isNotNull();
        assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
        assertThat(rule.at("/help/text").asText()).isNotBlank();
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("lint-ignore");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/message/text").asText()).contains("unknown rule");
        JsonNode loc = result.at("/locations/0/physicalLocation");
        assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("migrations/2__b.sql");
        assertThat(loc.at("/region/startLine").asInt()).isEqualTo(2);
        assertThat(loc.at("/region/startColumn").asInt()).isEqualTo(6);
    }

    @Test
    void offlineByDefaultEvenWhenTheServerIsUnreachable() {
        project.file("migrations/1__a.sql", "CREATE TABLE a (id INT);\n").file("migrations/1__a.down.sql", "DROP TABLE a;\n");
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), Map.of("DBSHIFT_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"),
                "lint");
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("No findings in 1 migration (postgresql, offline)");
    }

    @Test
    void badInputExitsTwoNamingIt() {
        files();
        DbShiftProcess.Result file = run("lint", "migrations/9__nope.sql");
        assertThat(file.exit()).as(file.toString()).isEqualTo(2);
        assertThat(file.err()).contains("migrations/9__nope.sql is not a migration script");

        project.file("dbshift.toml", "[lint]\nno-such-rule = \"off\"\n");
        DbShiftProcess.Result key = run("lint");
        assertThat(key.exit()).as(key.toString()).isEqualTo(2);
        assertThat(key.err()).contains("[lint] no-such-rule");

        project.file("dbshift.toml", "[lint]\nno-such-rule = \"loud\"\n");
        DbShiftProcess.Result level = run("lint");
        assertThat(level.exit()).as(level.toString()).isEqualTo(2);
        assertThat(level.err()).contains("no-such-rule: expected");
    }

    @Test
    void checkFailsOnTheFindingAndUpOnACriticalEnvironmentRefusesIt() {
        files();
        DbShiftProcess.Result check = run("check");
        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        assertThat(check.err() + check.out()).contains("migrations/2__b.sql:2:6: ERROR lint-ignore");

        DbShiftProcess.Result prod = run("-e", "prod", "up");
        assertThat(prod.exit()).as(prod.toString()).isEqualTo(3);
        assertThat(prod.err()).contains("up is refused on critical environment 'prod'").contains("migrations/2__b.sql:2:6");

        DbShiftProcess.Result dev = run("-e", "dev", "up");
        assertThat(dev.exit()).as(dev.toString()).isEqualTo(0);
    }

    @Test
    void rulesPrintsTheTableTheReadmeQuotes() throws Exception {
        DbShiftProcess.Result r = run("lint", "--rules");
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).isEqualTo(RuleTable.markdown());
        DbShiftProcess.Result j = run("lint", "--rules", "--json");
        assertThat(JSON.readTree(j.out()).size()).isEqualTo(RuleTable.rows().size());
    }

    /**
     * {@code lint --fix} on PostgreSQL: the pending migration's index build becomes CONCURRENTLY outside a transaction,
     * its foreign key NOT VALID with the VALIDATE in a new migration of its own; the applied migration with the same
     * finding is left byte for byte (its checksum is history); the rewritten set then applies on the server.
     */
    @Test
    void fixRewritesThePendingMigrationsOnlyAndTheResultApplies() throws Exception {
        try (TestDatabase pg = TestDatabase.create(Vendor.POSTGRES)) {
            Map<String, String> env = Map.of("DBSHIFT_URL", pg.url(), "DBSHIFT_USER", pg.user());
            String applied = "CREATE INDEX users_name ON users (name);\n";
            project.file("dbshift.toml", "[lint]\nno-down-script = \"off\"\npg-lock-timeout = \"off\"\npg-statement-timeout = \"off\"\n")
                    .file("migrations/1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text);\n"
                            + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n")
                    .file("migrations/2__name_index.sql", applied)
                    .file("migrations/3__email.sql", "-- the email lookup\nCREATE INDEX users_email ON users (email);\n")
                    .file("migrations/4__order_user.sql",
                            "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);\n");
            DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), env, "up", "2");
            assertThat(up.exit()).as(up.toString()).isZero();

            DbShiftProcess.Result fix = DbShiftProcess.run(project.dir(), env, "lint", "--fix");
            assertThat(fix.out()).contains("fixed: migrations/3__email.sql:2:1: ERROR pg-index-not-concurrent")
                    .contains("fixed: migrations/4__order_user.sql:1:1: ERROR pg-constraint-not-valid");
            assertThat(fix.err() + fix.out()).contains("rewrote migrations/3__email.sql").contains("rewrote migrations/4__order_user.sql")
                    .contains("wrote migrations/5__validate_order_user.sql");
            assertThat(fix.exit()).as(fix.toString()).isZero();
            assertThat(java.nio.file.Files.readString(project.dir().resolve("migrations/2__name_index.sql"))).isEqualTo(applied);
            String rewritten = java.nio.file.Files.readString(project.dir().resolve("migrations/3__email.sql"));
            assertThat(rewritten).contains("-- dbshift:no-transaction").contains("-- the email lookup")
                    .contains("CREATE INDEX CONCURRENTLY users_email");
            assertThat(java.nio.file.Files.readString(project.dir().resolve("migrations/4__order_user.sql")))
                    .contains("REFERENCES users (id) NOT VALID");
            assertThat(java.nio.file.Files.readString(project.dir().resolve("migrations/5__validate_order_user.sql")))
                    .contains("VALIDATE CONSTRAINT fk_user");

            DbShiftProcess.Result all = DbShiftProcess.run(project.dir(), env, "up");
            assertThat(all.exit()).as(all.toString()).isZero();
            try (java.sql.Connection c = pg.connect(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email'::regclass),"
                         + " (SELECT convalidated FROM pg_constraint WHERE conname = 'fk_user')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the index was built, and is valid").isTrue();
                assertThat(rs.getBoolean(2)).as("the follow-up migration validated the constraint").isTrue();
            }
        }
    }
}
