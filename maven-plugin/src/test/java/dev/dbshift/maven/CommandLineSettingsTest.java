package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.Settings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The -Ddbshift.* layer over a pom's configuration over dbshift.toml, read into real settings (no database needed). */
@Tag("pure")
class CommandLineSettingsTest {
    @TempDir
    Path project;

    /** What a pom's {@code <configuration>} gives, in a project whose dbshift.toml says otherwise. */
    private DbShift.Builder pom() throws IOException {
        Files.writeString(project.resolve("dbshift.toml"), """
                url = "jdbc:h2:file:./db/toml"
                history_table = "toml_history"
                schemas = ["toml_schema"]
                [placeholders]
                owner = "toml"
                """);
        return DbShift.configure().projectDir(project).environmentVariables(Map.of())
                .url("jdbc:h2:file:./db/pom").placeholder("owner", "pom").set("lock_timeout", "1m");
    }

    @Test
    void theCommandLineWinsOverThePomWhichWinsOverTheFile() throws IOException {
        DbShift.Builder b = pom();
        CommandLineSettings.apply(Map.of("dbshift.url", "jdbc:h2:file:./db/cli", "dbshift.placeholders.owner", "cli",
                "dbshift.history_table", "cli_history", "dbshift.schemas", "a,b", "dbshift.target", "2",
                "maven.repo.local", "/elsewhere"), Set.of("dbshift.target"), b);
        Settings s = b.load().settings();
        assertThat(s.url()).endsWith("/db/cli");
        assertThat(s.placeholders()).containsEntry("owner", "cli");
        assertThat(s.historyTable()).isEqualTo("cli_history");
        assertThat(s.schemas()).containsExactly("a", "b");
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withoutCommandLineThePomWinsOverTheFile() throws IOException {
        DbShift.Builder b = pom();
        CommandLineSettings.apply(Map.of(), Set.of(), b);
        Settings s = b.load().settings();
        assertThat(s.url()).endsWith("/db/pom");
        assertThat(s.placeholders()).containsEntry("owner", "pom");
        assertThat(s.historyTable()).isEqualTo("toml_history");
        assertThat(s.schemas()).containsExactly("toml_schema");
    }

    @Test
    void aMisspeltPropertyIsAnErrorNamingIt() throws IOException {
        DbShift.Builder b = pom();
        assertThatThrownBy(() -> CommandLineSettings.apply(Map.of("dbshift.lock_timout", "30s"), Set.of("dbshift.target"), b))
                .isInstanceOfSatisfying(DbShiftException.class, e -> assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT))
                .hasMessageContaining("-Ddbshift.lock_timout: no such dbshift setting")
                .hasMessageContaining("lock_timeout")
                .hasMessageContaining("dbshift.target");
    }

    @Test
    void aBadValueNamesTheSetting() throws IOException {
        DbShift.Builder b = pom();
        CommandLineSettings.apply(Map.of("dbshift.lock_timeout", "soon"), Set.of(), b);
        assertThatThrownBy(b::load).isInstanceOf(DbShiftException.class).hasMessageContaining("lock_timeout");
    }
}
