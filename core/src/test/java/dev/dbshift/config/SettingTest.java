package dev.dbshift.config;

import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of settings is what every source and {@code dbshift env} go by: one line per setting. */
@Pure
class SettingTest {
    private final TestProject project = TestProject.create();

    @Test
    void everyDefaultIsAValidValue() {
        Settings s = SettingsLoader.load(project.dir(), Map.of(), Map.of());
        for (Setting<?> setting : Setting.ALL) {
            if (setting == Setting.URL) {
                assertThat(s.url()).isEqualTo(SettingsLoader.inProject(Setting.DEFAULT_URL, project.dir().toAbsolutePath().normalize()));
            } else if (setting.defaultValue() != null) {
                assertThat(s.get(setting)).as(setting.name()).isEqualTo(setting.read(setting.defaultValue()));
            }
            if (setting.defaultValue() != null) {
                assertThat(s.origins()).as(setting.name()).containsEntry(setting.name(), "default");
            }
        }
    }

    @Test
    void everyLayeredSettingHasItsEnvironmentVariableAndItsFlag() {
        for (Setting<?> setting : Setting.ALL) {
            if (setting.scope() != Setting.Scope.LAYERED || setting == Setting.PLACEHOLDERS || setting == Setting.DSN) {
                continue;
            }
            String value = valid(setting);
            String variable = "DBSHIFT_" + setting.name().toUpperCase(Locale.ROOT);
            assertThat(SettingsLoader.load(project.dir(), Map.of(), Map.of(variable, value)).origins())
                    .as(setting.name()).containsEntry(setting.name(), "env " + variable);
            assertThat(SettingsLoader.load(project.dir(), Map.of(setting.name(), value), Map.of()).origins())
                    .as(setting.name()).containsEntry(setting.name(), "--" + setting.name().replace('_', '-'));
        }
    }

    /** A value {@code setting} accepts, as text. */
    private static String valid(Setting<?> setting) {
        Object d = setting.defaultValue();
        if (d instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return d == null ? "x" : d.toString();
    }

    @Test
    void envShowsEverySettingOfTheTableInItsOrder() {
        Settings s = SettingsLoader.load(project.dir(), Map.of("password", "hunter22", "placeholders",
                Map.of("api_token", "t0ken", "owner", "app")), Map.of());
        List<String> expected = new ArrayList<>();
        expected.add("environment");
        Setting.ALL.stream().filter(x -> x.isShown()).forEach(x -> expected.add(x.name()));
        expected.add("default_target");
        assertThat(s.shown().keySet()).containsExactlyElementsOf(expected);
        assertThat(s.shown().toString()).doesNotContain("hunter22").doesNotContain("t0ken").contains("owner=app");
        assertThat(s.shown()).containsEntry("lock_timeout", "5m").containsEntry("on_failure", "stop")
                .containsEntry("schema_checksum", "last").containsEntry("db_type", "h2");
    }

    /** Every kind of value as {@code dbshift env} shows it, each setting away from its default. */
    @Test
    void envShowsEachKindOfValueAsItWasWritten() {
        project.file("dbshift.toml", """
                url = "jdbc:postgresql://127.0.0.1:5432/x?password=inurl"
                user = "app"
                password = "hunter22"
                schemas = ["a", "b"]
                critical_environments = ["prod"]
                history_table = "h_hist"
                lock_timeout = "90s"
                connect_timeout = "12s"
                out_of_order = true
                on_failure = "rollback-run"
                schema_checksum = "each"
                encoding = "ISO-8859-1"
                ddl_lock_timeout = "1500ms"
                ddl_lock_tries = 3
                statement_timeout = "2h"
                online_replicas = ["jdbc:mariadb://r1/x", "jdbc:mariadb://r2/x"]
                [placeholders]
                api_token = "t0ken"
                owner = "app"
                [lint]
                some-rule = "off"
                """);
        Map<String, Object> shown = SettingsLoader.load(project.dir(), Map.of(), Map.of()).shown();
        assertThat(shown).containsEntry("url", "jdbc:postgresql://127.0.0.1:5432/x?password=******")
                .containsEntry("user", "app").containsEntry("password", "******").containsEntry("schemas", "a,b")
                .containsEntry("locations", "migrations").containsEntry("db_type", "postgresql")
                .containsEntry("placeholders", "{api_token=******, owner=app}")
                .containsEntry("critical_environments", "prod").containsEntry("history_table", "h_hist")
                .containsEntry("lock_timeout", "1m30s").containsEntry("connect_timeout", "12s")
                .containsEntry("out_of_order", true).containsEntry("placeholder_replacement", true)
                .containsEntry("on_failure", "rollback-run").containsEntry("schema_checksum", "each")
                .containsEntry("encoding", "ISO-8859-1").containsEntry("ddl_lock_timeout", "1500ms")
                .containsEntry("ddl_lock_tries", 3).containsEntry("statement_timeout", "7200s")
                .containsEntry("online_max_lag", "0").containsEntry("online_replicas", "jdbc:mariadb://r1/x,jdbc:mariadb://r2/x")
                .containsEntry("online_lag_timeout", "300s").containsEntry("lint", "{some-rule=off}")
                .doesNotContainKey("dsn");
    }

    @Test
    void unknownKeysListTheTable() {
        project.file("dbshift.toml", "lock_timout = \"1m\"\n");
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> SettingsLoader.load(project.dir(), Map.of(), Map.of()));
        assertThat(e).hasMessageContaining("unknown setting 'lock_timout'");
        String known = e.getMessage().substring(e.getMessage().indexOf("(known: ") + 8, e.getMessage().length() - 1);
        assertThat(List.of(known.split(", "))).as("in alphabetical order").isSorted()
                .containsAll(Setting.names(Setting.Scope.LAYERED));
    }
}
