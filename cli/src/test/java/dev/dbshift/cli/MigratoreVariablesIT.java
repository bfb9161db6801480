package dev.dbshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.testing.Queries;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabase.Vendor;
import dev.dbshift.testing.TestDatabases;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 item 6: migratore's variables HOST, PORT, UNIX_SOCKET, DB, USERNAME, PASSWORD build the
 * connection when no dbshift setting names one, through the packaged jar against the real servers:
 * MariaDB over TCP and over its Unix socket, PostgreSQL (db_type) over TCP; {@code env} names them and
 * masks PASSWORD; a dbshift setting wins over them.
 */
class MigratoreVariablesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the test server listens (Debian's default; {@code mariadb -e "select @@socket"}). */
    private static final String SOCKET = System.getenv().getOrDefault("DBSHIFT_TEST_MARIADB_SOCKET", "/run/mysqld/mysqld.sock");

    private final TestProject project = TestProject.create();
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private void oneMigration() {
        project.file("migrations/1__create_a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n");
    }

    private JsonNode env(Map<String, String> variables) throws Exception {
        DbShiftProcess.Result r = DbShiftProcess.run(project.dir(), variables, "env", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        return JSON.readTree(r.out()).get("settings");
    }

    @Test
    void mariadbOverTcpFromHostPortDbAndUsername() throws Exception {
        TestDatabase db = databases.start(Vendor.MARIADB);
        oneMigration();
        Map<String, String> vars = Map.of("HOST", "127.0.0.1", "PORT", "3306", "DB", db.name(), "USERNAME", db.user());

        JsonNode settings = env(vars);
        assertThat(settings.get("url").get("value").asText()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/" + db.name());
        assertThat(settings.get("url").get("from").asText()).isEqualTo("env HOST, PORT, DB");
        assertThat(settings.get("user").get("from").asText()).isEqualTo("env USERNAME");

        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), vars, "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + db.name()
                + "' AND table_name = 'a'")).isEqualTo(1);
    }

    @Test
    void mariadbOverItsUnixSocket() throws Exception {
        TestDatabase db = databases.start(Vendor.MARIADB);
        oneMigration();
        // a HOST and PORT that reach nothing: the socket is what connects
        Map<String, String> vars = Map.of("UNIX_SOCKET", SOCKET, "HOST", "192.0.2.1", "PORT", "1", "DB", db.name(),
                "USERNAME", db.user());

        JsonNode settings = env(vars);
        assertThat(settings.get("url").get("value").asText()).isEqualTo("jdbc:mariadb://localhost/" + db.name() + "?localSocket=" + SOCKET);
        assertThat(settings.get("url").get("from").asText()).isEqualTo("env UNIX_SOCKET, DB");

        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), vars, "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + db.name()
                + "' AND table_name = 'a'")).isEqualTo(1);
        // the socket is what connects: a socket file that is not there fails, though localhost:3306 would answer
        Map<String, String> missing = new HashMap<>(vars);
        missing.put("UNIX_SOCKET", "/nonexistent/mysqld.sock");
        DbShiftProcess.Result status = DbShiftProcess.run(project.dir(), missing, "status");
        assertThat(status.exit()).as(status.toString()).isNotZero();
    }

    @Test
    void postgresqlOverTcpWhenDbTypeSaysSo() throws Exception {
        TestDatabase db = databases.start(Vendor.POSTGRES);
        oneMigration();
        // the test server's database is "test"; the run works in the test's own schema
        Map<String, String> vars = Map.of("HOST", "127.0.0.1", "PORT", "5432", "DB", "test", "USERNAME", db.user(),
                "DBSHIFT_DB_TYPE", "postgresql", "DBSHIFT_SCHEMAS", db.name());

        JsonNode settings = env(vars);
        assertThat(settings.get("url").get("value").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        DbShiftProcess.Result up = DbShiftProcess.run(project.dir(), vars, "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(Queries.count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + db.name()
                + "' AND table_name = 'a'")).isEqualTo(1);
    }

    /** HOST and USERNAME are set by ordinary shells: a connection a dbshift setting names always wins. */
    @Test
    void dbshiftSettingsWinAndPasswordIsMasked() throws Exception {
        Map<String, String> vars = new HashMap<>(Map.of("HOST", "db.example.org", "DB", "shop", "USERNAME", "shell-user",
                "PASSWORD", "hunter2-secret"));
        JsonNode fromVariables = env(vars);
        assertThat(fromVariables.get("password").get("from").asText()).isEqualTo("env PASSWORD");
        assertThat(fromVariables.toString()).doesNotContain("hunter2-secret");

        project.file("dbshift.toml", "url = \"jdbc:h2:file:./db/app\"\n");
        JsonNode fromFile = env(vars);
        assertThat(fromFile.get("url").get("value").asText()).startsWith("jdbc:h2:file:");
        assertThat(fromFile.get("url").get("from").asText()).isEqualTo("dbshift.toml");
        assertThat(fromFile.get("user").get("value").isNull() || fromFile.get("user").get("value").asText().isEmpty())
                .as(fromFile.toString()).isTrue();

        // without DB the variables mean nothing: the default embedded database stays
        project.delete("dbshift.toml");
        JsonNode hostOnly = env(Map.of("HOST", "db.example.org", "USERNAME", "shell-user"));
        assertThat(hostOnly.get("url").get("from").asText()).isEqualTo("default");

        DbShiftProcess.Result badPort = DbShiftProcess.run(project.dir(), Map.of("DB", "shop", "PORT", "33o6"), "env");
        assertThat(badPort.exit()).as(badPort.toString()).isEqualTo(2);
        assertThat(badPort.err()).contains("PORT").contains("'33o6' is not a port number");
    }
}
