package dev.dbshift.config;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code [lint]} table of dbshift.toml. */
@Pure
class LintSettingsTest {
    private final TestProject project = TestProject.create();

    private Settings load() {
        return SettingsLoader.load(project.dir(), Map.of(), Map.of());
    }

    @Test
    void levelsAndTheDeclaredServerVersionAreRead() {
        project.file("dbshift.toml", "url = \"jdbc:postgresql://h/db\"\n[lint]\nserver_version = \"16\"\nsome-rule = \"OFF\"\nother = \"warn\"\n");
        LintSettings lint = load().lint();
        assertThat(lint.levels()).containsExactly(Map.entry("some-rule", "off"), Map.entry("other", "warn"));
        assertThat(lint.serverVersion()).contains("16");
        assertThat(load().shown()).containsEntry("lint", "{some-rule=off, other=warn, server_version=16}");
    }

    @Test
    void noTableIsNoLevelsAndNoVersion() {
        assertThat(load().lint()).isEqualTo(new LintSettings(Map.of(), Optional.empty()));
    }

    @Test
    void aBadLevelIsBadInputNamingTheKey() {
        project.file("dbshift.toml", "[lint]\nsome-rule = \"loud\"\n");
        assertThatThrownBy(this::load).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("lint (from dbshift.toml [lint]): some-rule: expected \"error\", \"warn\", \"info\" or \"off\"");
    }

    @Test
    void anEnvironmentCannotChangeTheLevels() {
        project.file("dbshift.toml", "[environments.dev]\n[environments.dev.lint]\nsome-rule = \"off\"\n");
        assertThatThrownBy(() -> SettingsLoader.load(project.dir(), Map.of("environment", "dev"), Map.of()))
                .isInstanceOf(DbShiftException.class).hasMessageContaining("unknown setting 'lint'");
    }
}
