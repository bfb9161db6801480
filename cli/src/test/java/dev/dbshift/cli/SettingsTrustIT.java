package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.Scratch;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, the settings part: exit codes (items 11, 12), the reset guard on the resolved target (15), the
 * PostgreSQL public schema surviving reset (16), secrets never printed or stored (19), and the smaller
 * settings and help-text items. All through the packaged jar against the real servers.
 */
class SettingsTrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    private final List<String> pgDatabases = new ArrayList<>();

    @AfterEach
    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            for (String name : pgDatabases) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private TestDatabase start(Vendor vendor) {
        return databases.start(vendor);
    }

    /** A new database on the PostgreSQL server (not a schema): for what happens to its public schema. */
    private String pgDatabase() throws Exception {
        String name = "dbs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_SERVER, TestDatabase.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        pgDatabases.add(name);
        return name;
    }

    private static String pgUrl(String database) {
        return TestDatabase.PG_SERVER.substring(0, TestDatabase.PG_SERVER.lastIndexOf('/') + 1) + database;
    }

    private DbShiftProcess.Result run(Map<String, String> env, String... args) {
        return DbShiftProcess.run(project.dir(), env, args);
    }

    private DbShiftProcess.Result expect(int exit, Map<String, String> env, String... args) {
        DbShiftProcess.Result r = run(env, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }

    private static Map<String, String> target(TestDatabase db) {
        return Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
    }

    // ---------------------------------------------------------------- items 11, 12: exit codes

    @Test
    void noArgumentsIsBadInputWithTheUsage() {
        DbShiftProcess.Result r = expect(2, Map.of());
        assertThat(r.err()).contains("Usage: dbshift");
    }

    @Test
    void failedMigrationStillPrintsTheReportAndExits1() throws Exception {
        TestDatabase db = start(Vendor.POSTGRES);
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT);\n")
                .file("migrations/2__bad.sql", "INSERT INTO no_such_table VALUES (1);\n");
        DbShiftProcess.Result r = expect(1, target(db), "up");
        assertThat(r.out()).contains("[2/2] applying 2").contains("FAILED");
        assertThat(r.err()).contains("migrations/2__bad.sql:1");
        JsonNode json = JSON.readTree(expect(1, target(db), "up", "--json").out());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("steps")).hasSize(1);
    }

    @Test
    void dryRunWhosePlanHoldsARefusalExits3() {
        TestDatabase db = start(Vendor.POSTGRES);
        // CREATE INDEX CONCURRENTLY beside other statements, without -- dbshift:no-transaction: the plan shows
        // the step as refused (a script that cannot be split at all is bad input, exit 2, before any plan)
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT);\n")
                .file("migrations/2__refused.sql", "INSERT INTO ok1 VALUES (1);\nCREATE INDEX CONCURRENTLY ok1_id ON ok1 (id);\n");
        DbShiftProcess.Result r = expect(3, target(db), "up", "--dry-run");
        assertThat(r.out()).contains("-- ERROR:");
        assertThat(r.err()).contains("2__refused.sql");
        expect(0, target(db), "up", "--dry-run", "1");
        project.file("migrations/3__bad.sql", "INSERT INTO ok1 VALUES (${not_defined});\n");
        expect(2, target(db), "up", "--dry-run");
    }

    // ---------------------------------------------------------------- item 15: the reset guard

    @Test
    void resetGuardHoldsOnTheResolvedTarget() throws Exception {
        TestDatabase prod = start(Vendor.POSTGRES);
        TestDatabase dev = start(Vendor.POSTGRES);
        project.file("migrations/1__keep.sql", "CREATE TABLE keep (id INT);\n")
                .file("dbshift.toml", "critical_environments = [\"prod\"]\n\n"
                        + "[environments.prod]\nurl = \"" + prod.url() + "\"\nuser = \"postgres\"\n\n"
                        + "[environments.dev]\nurl = \"" + dev.url() + "\"\nuser = \"postgres\"\n");
        expect(0, Map.of(), "up", "-e", "prod");
        try (Connection c = prod.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO keep VALUES (42)");
        }
        String host = TestDatabase.PG_SERVER.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        String database = TestDatabase.PG_SERVER.replaceFirst("^.*/", "");

        // an environment the file does not declare is an error naming the setting and where it came from
        assertThat(expect(2, Map.of(), "reset", "--yes", "-e", "staging").err()).contains("--env").contains("'staging'");
        assertThat(expect(2, Map.of("DBSHIFT_ENV", "staging"), "reset", "--yes").err()).contains("DBSHIFT_ENV").contains("'staging'");
        // the prod database reached by other names is refused, whatever the environment is called
        String otherForm = "postgres://postgres@" + host.replace("127.0.0.1", "localhost") + "/" + database;
        assertThat(expect(2, Map.of(), "reset", "--yes", "--url", otherForm, "--schemas", prod.name()).err())
                .contains("critical environment 'prod'");
        assertThat(expect(2, Map.of("DBSHIFT_URL", prod.url(), "DBSHIFT_USER", "postgres"), "reset", "--yes").err())
                .contains("critical environment 'prod'");
        assertThat(expect(2, Map.of(), "reset", "--yes", "-e", "dev", "--url", "jdbc:postgresql://" + host.replace(":5432", "")
                + "/" + database + "?currentSchema=" + prod.name()).err()).contains("critical environment 'prod'");
        assertThat(expect(2, Map.of(), "reset", "--yes", "-e", "dev", "--dsn", "postgres:x@" + host + "/" + database,
                "--schemas", prod.name().toUpperCase()).err()).contains("critical environment 'prod'");
        expect(2, Map.of(), "reset", "--dry-run", "-e", "dev", "--url", prod.url());

        try (Connection c = prod.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM keep")) {
            assertThat(rs.next()).as("prod survived every attempt").isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        // and the guard does not stand in the way of a database that is not prod
        expect(0, Map.of(), "reset", "--yes", "-e", "dev");
    }

    @Test
    void resetGuardHoldsOnMariadbUnderOtherNames() throws Exception {
        TestDatabase prod = start(Vendor.MARIADB);
        project.file("migrations/1__keep.sql", "CREATE TABLE keep (id INT);\n")
                .file("dbshift.toml", "critical_environments = [\"prod\"]\n\n"
                        + "[environments.prod]\nurl = \"" + prod.url() + "\"\nuser = \"root\"\n");
        expect(0, Map.of(), "up", "-e", "prod");
        String server = TestDatabase.MARIADB_SERVER.replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
        String local = server.replace("127.0.0.1", "localhost").replace(":3306", "");
        assertThat(expect(2, Map.of(), "reset", "--yes", "--url", "mysql://root@" + local + "/test", "--schemas", prod.name())
                .err()).contains("critical environment 'prod'");
        assertThat(expect(2, Map.of("DBSHIFT_URL", "jdbc:mariadb://" + local + "/" + prod.name(), "DBSHIFT_USER", "root"),
                "reset", "--yes").err()).contains("critical environment 'prod'");
        assertThat(expect(0, Map.of("DBSHIFT_URL", prod.url(), "DBSHIFT_USER", "root"), "current").out().strip()).isEqualTo("1");
    }

    @Test
    void resetGuardHoldsWithoutEnvironmentTables() throws Exception {
        TestDatabase prod = start(Vendor.POSTGRES);
        project.file("migrations/1__keep.sql", "CREATE TABLE keep (id INT);\n")
                .file("dbshift.toml", "url = \"" + prod.url() + "\"\nuser = \"postgres\"\ncritical_environments = [\"prod\"]\n");
        expect(0, Map.of(), "up");
        try (Connection c = prod.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO keep VALUES (7)");
        }
        assertThat(expect(2, Map.of(), "reset", "--yes", "-e", "dev").err()).contains("critical environment 'prod'");
        assertThat(expect(2, Map.of("DBSHIFT_ENV", "staging"), "reset", "--yes").err()).contains("critical environment 'prod'");
        try (Connection c = prod.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM keep")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aCriticalEnvironmentMustBeDeclared() {
        project.file("dbshift.toml", "critical_environments = [\"production\"]\n[environments.prod]\nurl = \"jdbc:h2:mem:x\"\n");
        assertThat(expect(2, Map.of(), "env").err()).contains("critical_environments").contains("'production'");
    }

    // ---------------------------------------------------------------- item 16: PostgreSQL reset keeps the schema

    private static List<String> publicSchema(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_get_userbyid(nspowner), nspacl::text, obj_description(oid, 'pg_namespace')"
                     + " FROM pg_namespace WHERE nspname = 'public'")) {
            assertThat(rs.next()).isTrue();
            return List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3)));
        }
    }

    @Test
    void postgresResetKeepsThePublicSchemaAndItsDumpLoads() throws Exception {
        String name = pgDatabase();
        String url = pgUrl(name);
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("COMMENT ON SCHEMA public IS 'kept by reset'");
            st.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
            // objects no migration made: reset drops every object in the schema
            st.execute("CREATE TABLE stray (id INT)");
            st.execute("CREATE TYPE stray_mood AS ENUM ('a', 'b')");
            st.execute("CREATE DOMAIN stray_positive AS INT CHECK (VALUE > 0)");
            st.execute("CREATE FUNCTION stray_fn() RETURNS INT LANGUAGE sql AS 'SELECT 1'");
            st.execute("CREATE SEQUENCE stray_seq");
            st.execute("CREATE VIEW stray_view AS SELECT 1 AS one");
        }
        List<String> before = publicSchema(url);
        project.file("migrations/1__users.sql", "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
                        + "CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, m mood);\n"
                        + "CREATE VIEW user_names AS SELECT name FROM users;\n"
                        + "CREATE FUNCTION user_count() RETURNS BIGINT LANGUAGE sql AS 'SELECT count(*) FROM users';\n")
                .file("migrations/2__seed.sql", "INSERT INTO users (name, m) VALUES ('ada', 'ok');\n");
        Map<String, String> env = Map.of("DBSHIFT_URL", url, "DBSHIFT_USER", TestDatabase.PG_USER);
        expect(0, env, "up");
        expect(0, env, "reset", "--yes");
        assertThat(publicSchema(url)).isEqualTo(before);
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = 'public' AND c.relname LIKE 'stray%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("stray relations dropped").isZero();
        }
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                     + " WHERE n.nspname = 'public' AND t.typname LIKE 'stray%') + (SELECT count(*) FROM pg_proc p"
                     + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname LIKE 'stray%')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("stray types and functions dropped").isZero();
        }

        Path dump = project.dir().resolve("dump.sql");
        expect(0, env, "dump", "--data", dump.toString());
        assertThat(Files.readString(dump)).doesNotContain("CREATE SCHEMA public;");
        String fresh = pgDatabase();
        String host = TestDatabase.PG_SERVER.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host.replaceFirst(":.*$", ""),
                "-p", host.contains(":") ? host.replaceFirst("^.*:", "") : "5432", "-U", TestDatabase.PG_USER, "-d", fresh,
                "-f", dump.toString()).redirectErrorStream(true).start();
        String psqlOut = new String(psql.getInputStream().readAllBytes());
        assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(psql.exitValue()).as(psqlOut).isZero();
        try (Connection c = DriverManager.getConnection(pgUrl(fresh), TestDatabase.PG_USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM users")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ada");
        }
    }

    // ---------------------------------------------------------------- item 19: secrets

    private static final String PLACEHOLDER_SECRET = "Pz7-placeholder-secret";
    private static final String FLAG_SECRET = "Fq4-flag-token";
    private static final String URL_SECRET = "Uw2-url-password";

    private static void assertNoSecret(DbShiftProcess.Result r) {
        for (String secret : List.of(PLACEHOLDER_SECRET, FLAG_SECRET, URL_SECRET)) {
            assertThat(r.out()).as("stdout of " + r).doesNotContain(secret);
            assertThat(r.err()).as("stderr of " + r).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRES", "MARIADB"})
    void secretsAppearNowhere(Vendor vendor) throws Exception {
        TestDatabase db = start(vendor);
        Map<String, String> env;
        String echoed;
        if (vendor == Vendor.POSTGRES) {
            String host = TestDatabase.PG_SERVER.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
            String database = TestDatabase.PG_SERVER.replaceFirst("^.*/", "");
            // a password inside the JDBC URL's user-info (trust authentication accepts any password)
            String url = "jdbc:postgresql://postgres:" + URL_SECRET + "@" + host + "/" + database + "?currentSchema=" + db.name();
            env = Map.of("DBSHIFT_URL", url, "DBSHIFT_PLACEHOLDER_APP_PASSWORD", PLACEHOLDER_SECRET);
            echoed = "SELECT CAST('${app_password}' AS INTEGER);\n";
        } else {
            env = Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user(), "DBSHIFT_PLACEHOLDER_APP_PASSWORD", PLACEHOLDER_SECRET);
            echoed = "INSERT INTO ok1 (id) VALUES ('${app_password}');\n";
        }
        project.file("dbshift.toml", "placeholder_literals = true\n")
                .file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT, v TEXT);\n")
                .file("migrations/2__user.sql", "INSERT INTO ok1 VALUES (1, '${app_password}');\n"
                        + "INSERT INTO ok1 VALUES (2, ${api_token});\n" + echoed);
        String[] p = {"-p", "api_token='" + FLAG_SECRET + "'"};

        List<DbShiftProcess.Result> results = new ArrayList<>();
        DbShiftProcess.Result shown = expect(0, env, with(p, "env"));
        assertThat(shown.out()).contains("app_password").contains("api_token");
        results.add(shown);
        results.add(expect(0, env, with(p, "env", "--json")));
        results.add(expect(0, env, with(p, "up", "--dry-run")));
        results.add(expect(0, env, with(p, "up", "--dry-run", "--json")));
        results.add(run(env, with(p, "sql", "base:head")));
        results.add(run(env, with(p, "up", "--sql")));
        DbShiftProcess.Result failed = expect(1, env, with(p, "up"));
        assertThat(failed.err()).contains("2__user.sql:3");
        results.add(failed);
        results.add(expect(1, env, with(p, "up", "--json")));
        results.add(expect(0, env, with(p, "errors")));
        results.add(expect(0, env, with(p, "history", "--json")));
        results.add(expect(0, env, with(p, "status")));
        long id;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(id) FROM dbshift_history WHERE NOT success")) {
            rs.next();
            id = rs.getLong(1);
        }
        DbShiftProcess.Result trace = expect(0, env, with(p, "trace", String.valueOf(id)));
        assertThat(trace.out()).contains(vendor == Vendor.POSTGRES ? "invalid input syntax" : "Incorrect integer value")
                .contains("******");
        results.add(trace);
        // wrong credentials in the URL form and in a MariaDB JDBC URL: the driver's errors must not echo them
        results.add(run(Map.of(), "status", "--url", "jdbc:mariadb://root:" + URL_SECRET + "@127.0.0.1:3306/" + "test"));
        results.add(run(Map.of(), "status", "--url", "mariadb://root:" + URL_SECRET + "@127.0.0.1:3306/test"));
        results.forEach(SettingsTrustIT::assertNoSecret);

        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(error_message, '') || coalesce(error_trace, '') FROM dbshift_history")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (String secret : List.of(PLACEHOLDER_SECRET, FLAG_SECRET, URL_SECRET)) {
                    assertThat(rs.getString(1)).doesNotContain(secret);
                }
            }
            assertThat(rows).as("1 applied, 2 failed tries").isEqualTo(3);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM dbshift_runs")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    for (String secret : List.of(PLACEHOLDER_SECRET, FLAG_SECRET, URL_SECRET)) {
                        assertThat(String.valueOf(rs.getString(i))).doesNotContain(secret);
                    }
                }
            }
        }
    }

    @Test
    void offlineScriptWithASecretGoesToAPrivateFileOnly() throws Exception {
        project.file("dbshift.toml", "placeholder_literals = true\n")
                .file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT, v TEXT);\nINSERT INTO ok1 VALUES (1, '${app_password}');\n");
        Map<String, String> env = Map.of("DBSHIFT_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "DBSHIFT_PLACEHOLDER_APP_PASSWORD", PLACEHOLDER_SECRET);
        DbShiftProcess.Result refused = expect(2, env, "sql", "base:head");
        assertThat(refused.err()).contains("app_password").contains("-o");
        assertNoSecret(refused);
        Path file = project.dir().resolve("offline.sql");
        assertNoSecret(expect(0, env, "sql", "base:head", "-o", file.toString()));
        assertThat(Files.readString(file)).contains(PLACEHOLDER_SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    private static String[] with(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- the smaller items

    private JsonNode envJson(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("env", "--json"));
        all.addAll(List.of(args));
        return JSON.readTree(expect(0, env, all.toArray(String[]::new)).out()).get("settings");
    }

    /**
     * A password inside the URL's parameters is masked in a connection error, and the reason still follows it: the
     * CLI scrubbed the message a second time, and the mask of the password took the rest of the line with it
     * ("cannot connect to ...&password=******", and no word of a refused connection, a login refused or a file).
     */
    @Test
    void aConnectionErrorSaysWhyWhenThePasswordIsAParameterOfTheUrl() throws Exception {
        project.file("notafolder", "a file where the H2 database's folder would be\n")
                .file("migrations/1__one.sql", "CREATE TABLE one (id INT);\n");
        Map<String, String> reasons = Map.of(
                "jdbc:postgresql://127.0.0.1:1/test?user=app&password=" + URL_SECRET, "Connection to 127.0.0.1:1 refused",
                "jdbc:mariadb://127.0.0.1:3306/test?user=nobody&password=" + URL_SECRET, "Access denied for user 'nobody'",
                "jdbc:h2:file:" + project.dir().resolve("notafolder/db") + ";PASSWORD=" + URL_SECRET, "notafolder");
        for (Map.Entry<String, String> e : reasons.entrySet()) {
            // up: a read-only command reads an H2 file that is not there as empty, and opens nothing
            DbShiftProcess.Result r = expect(5, Map.of(), "up", "--url", e.getKey());
            assertThat(r.err()).as(r.toString()).containsPattern("cannot connect to .*(password|PASSWORD)=\\*{6}: .*" + java.util.regex.Pattern.quote(e.getValue()));
            assertNoSecret(r);
        }
    }

    @Test
    void userFromAFileUrlDoesNotFollowAnotherUrl() throws Exception {
        project.file("dbshift.toml", "url = \"postgres://alice:pw@db.example:5432/app\"\n");
        JsonNode file = envJson(Map.of());
        assertThat(file.get("user").get("value").asText()).isEqualTo("alice");
        JsonNode other = envJson(Map.of(), "--url", "jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(other.get("user").get("value").isNull()).as(other.toString()).isTrue();
        assertThat(other.get("password").get("value").asText()).isEmpty();
        JsonNode viaEnv = envJson(Map.of("DBSHIFT_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        assertThat(viaEnv.get("user").get("value").isNull()).isTrue();
        // an explicit user still applies to whatever URL wins
        project.file("dbshift.toml", "url = \"postgres://alice:pw@db.example:5432/app\"\nuser = \"bob\"\n");
        assertThat(envJson(Map.of(), "--url", "jdbc:postgresql://127.0.0.1:5432/test").get("user").get("value").asText())
                .isEqualTo("bob");
    }

    @Test
    void envShowsTrueSourcesAndEverySetting() throws Exception {
        project.file("dbshift.toml", "placeholder_literals = true\n");
        JsonNode fromDatabaseUrl = envJson(Map.of("DATABASE_URL", "postgres://bob:pw@db.example:5432/app"));
        assertThat(fromDatabaseUrl.get("url").get("from").asText()).isEqualTo("env DATABASE_URL");
        assertThat(fromDatabaseUrl.get("user").get("from").asText()).isEqualTo("env DATABASE_URL");
        assertThat(fromDatabaseUrl.get("password").get("from").asText()).isEqualTo("env DATABASE_URL");
        JsonNode fromDsn = envJson(Map.of(), "--dsn", "carol:pw@db.example:3306/app");
        assertThat(fromDsn.get("url").get("from").asText()).isEqualTo("--dsn");
        assertThat(fromDsn.get("user").get("from").asText()).isEqualTo("--dsn");
        assertThat(fromDsn.get("db_type").get("value").asText()).isEqualTo("mariadb");
        assertThat(fromDsn.get("placeholder_literals").get("value").asText()).isEqualTo("true");
        assertThat(fromDsn.get("placeholder_literals").get("from").asText()).isEqualTo("dbshift.toml");
        assertThat(fromDsn.get("placeholder_replacement").get("value").asText()).isEqualTo("true");
        assertThat(fromDsn.get("schema_checksum").get("value").asText()).isEqualTo("last");
        assertThat(fromDsn.get("schema_checksum").get("from").asText()).isEqualTo("default");
        JsonNode placeholders = envJson(Map.of("DBSHIFT_PLACEHOLDER_OWNER", "ada"), "-p", "team=db");
        assertThat(placeholders.get("placeholders").get("from").asText()).isEqualTo("env DBSHIFT_PLACEHOLDER_*, -p/--placeholder");
        JsonNode dsnEnv = envJson(Map.of("DBSHIFT_DSN", "carol:pw@db.example:5432/app"));
        assertThat(dsnEnv.get("user").get("from").asText()).isEqualTo("env DBSHIFT_DSN");
        assertThat(dsnEnv.get("db_type").get("value").asText()).isEqualTo("postgresql");
    }

    @Test
    void offlineScriptHonoursPlaceholderLiterals() {
        project.file("dbshift.toml", "placeholder_literals = true\n[placeholders]\nowner = \"ada\"\n")
                .file("migrations/1__ok.sql", "CREATE TABLE t (v TEXT);\nINSERT INTO t VALUES ('${owner}');\n");
        DbShiftProcess.Result r = expect(0, Map.of("DBSHIFT_URL", "jdbc:postgresql://127.0.0.1:5432/test"), "sql", "base:head");
        assertThat(r.out()).contains("INSERT INTO t VALUES ('ada')");
    }

    @Test
    void mariadbOverAUnixSocket() throws Exception {
        TestDatabase db = start(Vendor.MARIADB);
        assertThat(Path.of("/run/mysqld/mysqld.sock")).exists();
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT);\n");
        Map<String, String> env = Map.of("DBSHIFT_URL", "jdbc:mariadb://localhost/" + db.name()
                + "?localSocket=/run/mysqld/mysqld.sock", "DBSHIFT_USER", "root");
        expect(0, env, "up");
        assertThat(expect(0, env, "current").out().strip()).isEqualTo("1");
    }

    @Test
    void mariadbDatabaseNamedInSchemasIsCreated() throws Exception {
        String name = "dbs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        project.file("migrations/1__ok.sql", "CREATE TABLE ok1 (id INT);\n");
        try {
            for (String url : List.of("jdbc:mariadb://127.0.0.1:3306/", "jdbc:mariadb://127.0.0.1:3306/" + name)) {
                Map<String, String> env = Map.of("DBSHIFT_URL", url, "DBSHIFT_USER", "root");
                expect(0, env, "up", "--schemas", name);
                assertThat(expect(0, env, "current", "--schemas", name).out().strip()).isEqualTo("1");
                try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_SERVER, "root", "");
                     Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE " + name);
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_SERVER, "root", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /** From the packaged jar: the usage and a bad flag's hint (MainTest reads every command's help, in process). */
    @Test
    void helpTexts() {
        assertThat(expect(0, Map.of(), "--help").out()).contains("A value for ${NAME} in scripts");
        assertThat(expect(2, Map.of(), "online", "resume", "--no-such-flag").err()).contains("Try 'dbshift online resume --help'");
        assertThat(expect(2, Map.of(), "up", "--no-such-flag").err()).contains("Try 'dbshift up --help'");
    }

    @Test
    void launcherPrintsNoEscapeCodesWhileItBuilds() throws Exception {
        Path dir = Scratch.dir("dbshift-launcher");
        Path launcher = Path.of(System.getProperty("dbshift.launcher", "../dbshift")).toAbsolutePath();
        Files.copy(launcher, dir.resolve("dbshift"));
        dir.resolve("dbshift").toFile().setExecutable(true);
        // a project shaped like this one with nothing to build: the launcher runs maven, finds no jar, and says so
        String module = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>x</groupId><artifactId>%s</artifactId><version>1</version><packaging>pom</packaging>%s</project>";
        Files.writeString(dir.resolve("pom.xml"), String.format(module, "root", "<modules><module>core</module><module>cli</module></modules>"));
        for (String m : List.of("core", "cli")) {
            Files.createDirectories(dir.resolve(m + "/src/main"));
            Files.writeString(dir.resolve(m + "/pom.xml"), String.format(module, m, ""));
        }
        Process p = new ProcessBuilder("sh", dir.resolve("dbshift").toString(), "version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("dbshift: building the command-line jar");
        assertThat(out).as(out).doesNotContain("\u001b");
    }
}
