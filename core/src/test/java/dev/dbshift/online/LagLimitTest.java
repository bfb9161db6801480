package dev.dbshift.online;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --max-lag} as given on the command line, and the replica names messages use. */
@Pure
class LagLimitTest {

    @Test
    void secondsMayHaveAFraction() {
        assertThat(LagLimit.seconds("0.5", "--max-lag")).isEqualTo(Duration.ofMillis(500));
        assertThat(LagLimit.seconds(" 30 ", "--lag-timeout")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBadNumberIsBadInputNamingTheFlag() {
        for (String bad : List.of("abc", "0", "-1", "5s", "")) {
            assertThatThrownBy(() -> LagLimit.seconds(bad, "--max-lag")).isInstanceOf(DbShiftException.class)
                    .hasMessage("--max-lag: expected a positive number of seconds, got: " + bad)
                    .satisfies(e -> assertThat(((DbShiftException) e).exitCode()).isEqualTo(DbShiftException.BAD_INPUT));
        }
    }

    @Test
    void noneLooksAtNoLag() {
        assertThat(LagLimit.NONE.active()).isFalse();
        assertThat(OnlineOptions.defaults().lag()).isEqualTo(LagLimit.NONE);
        assertThat(new LagLimit(Duration.ofSeconds(1), List.of(), Duration.ZERO).active()).isTrue();
        assertThatThrownBy(() -> new LagLimit(Duration.ZERO, List.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplicaIsNamedByHostAndPortNeverByItsParameters() {
        assertThat(ReplicaSessions.name("jdbc:mariadb://127.0.0.1:3332/app?user=u&password=secret")).isEqualTo("127.0.0.1:3332");
        assertThat(ReplicaSessions.name("jdbc:postgresql://replica.example:5432/db")).isEqualTo("replica.example:5432");
        assertThat(ReplicaSessions.name("jdbc:mysql://u:secret@db2:3306")).isEqualTo("db2:3306");
    }
}
