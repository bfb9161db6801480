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

    @Test
    void theNiceRatioComesFromItsSettingInEverySourceAndIsCheckedThere() {
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(), Map.of())).niceRatio())
                .as("default").isZero();
        project.file("dbshift.toml", "online_nice_ratio = 1.5\n");
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(), Map.of())).niceRatio())
                .as("dbshift.toml, a TOML float").isEqualTo(1.5);
        project.file("dbshift.toml", "online_nice_ratio = 2\n");
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(), Map.of())).niceRatio())
                .as("dbshift.toml, a TOML integer").isEqualTo(2);
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of(),
                Map.of("DBSHIFT_ONLINE_NICE_RATIO", "0.25"))).niceRatio()).as("environment").isEqualTo(0.25);
        assertThat(Session.onlineOptions(SettingsLoader.load(project.dir(), Map.of("online_nice_ratio", "3"),
                Map.of("DBSHIFT_ONLINE_NICE_RATIO", "0.25"))).niceRatio()).as("flag").isEqualTo(3);

        for (String bad : new String[] {"-1", "101", "\"gentle\""}) {
            project.file("dbshift.toml", "online_nice_ratio = " + bad + "\n");
            DbShiftException e = catchThrowableOfType(() -> SettingsLoader.load(project.dir(), Map.of(), Map.of()), DbShiftException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.exitCode()).isEqualTo(DbShiftException.BAD_INPUT);
            assertThat(e.getMessage()).contains("online_nice_ratio", "dbshift.toml", "from 0 to 100");
        }
    }
}
