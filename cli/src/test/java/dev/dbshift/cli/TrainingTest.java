package dev.dbshift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a command line's target is a server, as the launcher's provisional archive asks after every command (an
 * archive trained without a server is dropped once a command names one). Settings only: nothing connects.
 */
class TrainingTest {

    @Test
    void aProjectOrAFlagThatNamesAServerIsAServerAndAnEmbeddedFileIsNot(@TempDir Path dir) throws Exception {
        Path server = Files.createDirectories(dir.resolve("server"));
        Files.writeString(server.resolve("dbshift.toml"), "url = \"jdbc:postgresql://127.0.0.1:1/nowhere\"\n");
        Path embedded = Files.createDirectories(dir.resolve("embedded"));
        Files.writeString(embedded.resolve("dbshift.toml"), "url = \"jdbc:h2:file:" + embedded.resolve("db") + "\"\n");

        assertThat(Training.onServer(new String[]{"-C", server.toString(), "up", "--dry-run"}))
                .containsExactly("-C", server.toString(), "status");
        assertThat(Training.onServer(new String[]{"--project=" + server, "-q", "check"}))
                .containsExactly("--project=" + server, "-q", "status");
        assertThat(Training.onServer(new String[]{"-C", embedded.toString(), "status"})).isNull();
        assertThat(Training.onServer(new String[]{"-C", embedded.toString(), "--url", "jdbc:mariadb://127.0.0.1:1/x", "history"}))
                .as("the flag wins over the file").isNotNull();
        assertThat(Training.onServer(new String[]{"-C", server.toString(), "--url", "jdbc:sqlite:" + dir.resolve("x.db"), "status"}))
                .isNull();
        // no command named plainly, or settings that cannot be read: the user's command says what is wrong
        assertThat(Training.onServer(new String[]{"--help"})).isNull();
        assertThat(Training.onServer(new String[]{"-C", dir.resolve("missing").toString(), "-e", "nope", "status"})).isNull();
    }

    /** A SQLite command line trains on a throw-away SQLite file; anything else on embedded H2 (or its server). */
    @Test
    void onlyACommandLineThatNamesSqliteTrainsOnSqlite(@TempDir Path dir) throws Exception {
        Path sqlite = Files.createDirectories(dir.resolve("sqlite"));
        Files.writeString(sqlite.resolve("dbshift.toml"), "url = \"jdbc:sqlite:" + sqlite.resolve("app.db") + "\"\n");
        Path embedded = Files.createDirectories(dir.resolve("embedded"));
        Files.writeString(embedded.resolve("dbshift.toml"), "url = \"jdbc:h2:file:" + embedded.resolve("db") + "\"\n");

        assertThat(Training.sqlite(new String[]{"-C", sqlite.toString(), "up"})).isTrue();
        assertThat(Training.sqlite(new String[]{"-C", embedded.toString(), "--url", "jdbc:sqlite:" + dir.resolve("x.db"), "status"}))
                .as("the flag wins over the file").isTrue();
        assertThat(Training.sqlite(new String[]{"-C", embedded.toString(), "up"})).isFalse();
        assertThat(Training.sqlite(new String[]{"-C", sqlite.toString(), "--url", "jdbc:postgresql://127.0.0.1:1/x", "up"})).isFalse();
        assertThat(Training.sqlite(new String[]{"--help"})).isFalse();
        assertThat(Training.sqlite(new String[]{"-C", dir.resolve("missing").toString(), "-e", "nope", "status"})).isFalse();
    }
}
