package dev.dbshift.fleet;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class WavesTest {
    @Test
    void aCanaryThenWavesOfAPercentageTheLastOneWhatRemains() {
        assertThat(Waves.sizes(25, 1, Limit.parse("10%", "--wave", false))).containsExactly(1, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(Waves.sizes(10, 0, Limit.parse("4", "--wave", false))).containsExactly(4, 4, 2);
        assertThat(Waves.sizes(10, 0, null)).containsExactly(10);
        assertThat(Waves.sizes(3, 5, null)).containsExactly(3);
        assertThat(Waves.sizes(0, 1, null)).isEmpty();
        // a percentage of a small fleet is still at least one target
        assertThat(Waves.sizes(3, 0, Limit.parse("10%", "--wave", false))).containsExactly(1, 1, 1);
    }

    @Test
    void failureBudgetsRoundDownAndBadValuesNameTheFlag() {
        assertThat(Limit.parse("5%", "--max-failures", true).of(200, false)).isEqualTo(10);
        assertThat(Limit.parse("5%", "--max-failures", true).of(10, false)).isZero();
        assertThat(Limit.parse("0", "--max-failures", true).of(10, false)).isZero();
        assertThatThrownBy(() -> Limit.parse("0", "--wave", false)).isInstanceOf(DbShiftException.class)
                .hasMessageContaining("--wave").hasMessageContaining("'0'");
        assertThatThrownBy(() -> Limit.parse("ten", "--max-failures", true)).hasMessageContaining("--max-failures");
        assertThatThrownBy(() -> Limit.parse("150%", "--wave", false)).hasMessageContaining("150%");
    }
}
