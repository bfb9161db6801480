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
}
