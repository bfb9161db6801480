package dev.dbshift.db.mysql;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL/MariaDB's URL facts, without a server: both schemes go to the MariaDB driver, default port 3306. */
@Pure
class MySqlDatabaseUrlTest {
    private final Database mysql = new MySqlDatabase();

    @Test
    void serverFormOnPort3306ThroughTheMariaDbDriver() {
        Database.UrlForm form = mysql.urlForm().orElseThrow();
        assertThat(form.server()).isTrue();
        assertThat(form.defaultPort()).hasValue(3306);
        assertThat(form.schemes()).containsExactly("mysql", "mariadb");
        assertThat(form.jdbcPrefix()).isEqualTo("jdbc:mariadb:");
        assertThat(new MySqlDatabase.Provider().accepts(form.jdbcPrefix() + "//h/db")).isTrue();
    }

    @Test
    void theDefaultPortIsTheOneTargetFillsIn() {
        int port = mysql.urlForm().orElseThrow().defaultPort().getAsInt();
        assertThat(mysql.target("jdbc:mariadb://db.example/app", null))
                .isEqualTo(mysql.target("jdbc:mariadb://db.example:" + port + "/app", null));
    }

    @Test
    void aServerUrlNamesNoProjectFile() {
        String url = "jdbc:mariadb://./db:3306/app";
        assertThat(mysql.inProject(url, Path.of("/work/project"))).isEqualTo(url);
    }

    /** A replay in a scratch database refuses a line naming another database of the server, and nothing else. */
    @Test
    void aReplayRefusesALineNamingAnotherDatabase() {
        Database.ReplayGuard guard = new Database.ReplayGuard(MySqlDatabase.REACHES_OUT, java.util.Set.of("app", "my db"), "", true);
        assertThat(guard.refused("INSERT INTO app.orders VALUES (1);")).hasValue("app.");
        assertThat(guard.refused("UPDATE `app` . orders SET a = 1")).hasValue("`app` .");
        assertThat(guard.refused("UPDATE `APP`.orders SET a = 1")).as("case-blind").hasValue("`APP`.");
        assertThat(guard.refused("DELETE FROM `my db`.t")).hasValue("`my db`.");
        assertThat(guard.refused("  -- copied from app.orders")).as("a comment too").hasValue("app.");
        assertThat(guard.refused("SET @s = 'DELETE FROM app.t'")).as("a string too").hasValue("app.");
        assertThat(guard.refused("use app")).hasValue("use");
        assertThat(guard.refused("SELECT 1; USE other")).hasValue("; USE");
        assertThat(guard.refused("SELECT o.id, orders.total FROM orders o WHERE o.total > 1.5")).isEmpty();
        assertThat(guard.refused("SELECT x.app.y, happy.t FROM t")).as("a name after a dot, or containing one").isEmpty();
        assertThat(guard.refused("CREATE TABLE apps (id INT); -- reuse it")).isEmpty();
        assertThat(guard.refused("INSERT INTO t VALUES ('https://app.example.com', 'me@app.example.com')")).as("a host").isEmpty();
        Database.ReplayGuard named = new Database.ReplayGuard(MySqlDatabase.NAMES_A_DATABASE, java.util.Set.of("app"), "", true);
        assertThat(named.refused("DROP DATABASE IF EXISTS app")).hasValue("DROP DATABASE IF EXISTS app");
        assertThat(named.refused("ALTER DATABASE `app` CHARACTER SET utf8mb4")).hasValue("ALTER DATABASE `app`");
        assertThat(named.refused("ALTER DATABASE CHARACTER SET utf8mb4")).as("the current one: the scratch").isEmpty();
        assertThat(named.refused("DROP DATABASE IF EXISTS gone_since")).as("none of that name now").isEmpty();
    }

    /** What the whole server shares is not replayed; what stays in the scratch database is. */
    @Test
    void aReplayRefusesWhatTheWholeServerShares() {
        java.util.function.Function<String, java.util.Optional<String>> refused = line -> MySqlDatabase.SERVER_WIDE.stream()
                .map(g -> g.refused(line)).flatMap(java.util.Optional::stream).findFirst();
        for (String line : java.util.List.of("CREATE USER 'app'@'%' IDENTIFIED BY 'x';", "ALTER USER app IDENTIFIED BY 'y'",
                "DROP ROLE reporting", "GRANT SELECT ON t TO app", "REVOKE ALL PRIVILEGES ON *.* FROM app",
                "GRANT reporting TO app", "SET GLOBAL max_connections = 500", "SET @@global.sql_mode = ''",
                "SET PASSWORD FOR app = PASSWORD('z')", "INSTALL SONAME 'ha_rocksdb'", "KILL 42", "FLUSH PRIVILEGES;",
                "SELECT * FROM t INTO OUTFILE '/tmp/t.csv'", "CHANGE MASTER TO MASTER_HOST='h'", "STOP SLAVE")) {
            assertThat(refused.apply(line)).as(line).isPresent();
        }
        for (String line : java.util.List.of("CREATE TABLE grants (id INT, user_name VARCHAR(20))", "ALTER TABLE users ADD x INT",
                "SET SESSION sql_mode = ''", "SET @a = 1", "SET NAMES utf8mb4", "UPDATE t SET flush = 1",
                "INSERT INTO roles VALUES ('admin')", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t")) {
            assertThat(refused.apply(line)).as(line).isEmpty();
        }
    }
}
