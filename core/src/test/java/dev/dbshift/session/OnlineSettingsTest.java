package dev.dbshift.session;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a {@code -- dbshift:online} migration's engine runs with, from the settings {@code up} reads. */
@Pure
class OnlineSettingsTest {
    private final TestProject project = TestProject.create();

    @Test
    void theRowLockWaitComesFromItsSettingInEverySource() {
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(), Map.of())).rowLockWait())
                .as("default").isEqualTo(Duration.ofMinutes(5));
        project.file("dbshift.toml", "online_row_lock_wait = \"45s\"\n");
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(), Map.of())).rowLockWait())
                .as("dbshift.toml").isEqualTo(Duration.ofSeconds(45));
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(),
                Map.of("DBSHIFT_ONLINE_ROW_LOCK_WAIT", "500ms"))).rowLockWait()).as("environment").isEqualTo(Duration.ofMillis(500));
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of("online_row_lock_wait", "2s"),
                Map.of("DBSHIFT_ONLINE_ROW_LOCK_WAIT", "500ms"))).rowLockWait()).as("flag").isEqualTo(Duration.ofSeconds(2));

        project.file("dbshift.toml", "online_row_lock_wait = \"soon\"\n");
        DbShiftException e = catchThrowableOfType(() -> SettingsLoader.load(project.dir(), Map.of(), Map.of()), DbShiftException.class);
        assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
        assertThat(e.getMessage()).contains("online_row_lock_wait").contains("soon");
    }
}
