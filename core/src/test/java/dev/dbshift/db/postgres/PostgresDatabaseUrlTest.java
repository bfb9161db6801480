package dev.dbshift.db.postgres;

import dev.dbshift.testing.Pure;
import dev.dbshift.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's URL facts, without a server: the schemes other tools write, its default port, no project file. */
@Pure
class PostgresDatabaseUrlTest {
    private final Database postgres = new PostgresDatabase();

    @Test
    void serverFormOnPort5432() {
        Database.UrlForm form = postgres.urlForm().orElseThrow();
        assertThat(form.server()).isTrue();
        assertThat(form.defaultPort()).hasValue(5432);
        assertThat(form.schemes()).containsExactly("postgres", "postgresql", "pgsql");
        assertThat(new PostgresDatabase.Provider().accepts(form.jdbcPrefix() + "//h/db")).isTrue();
    }

    @Test
    void theDefaultPortIsTheOneTargetFillsIn() {
        int port = postgres.urlForm().orElseThrow().defaultPort().getAsInt();
        assertThat(postgres.target("jdbc:postgresql://db.example/app", null))
                .isEqualTo(postgres.target("jdbc:postgresql://db.example:" + port + "/app", null));
    }

    @Test
    void aServerUrlNamesNoProjectFile() {
        String url = "jdbc:postgresql://./db:5432/app";
        assertThat(postgres.inProject(url, Path.of("/work/project"))).isEqualTo(url);
    }
}
