package dev.dbshift.command;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A scratch's name says when it was made, so a later run can name one a stopped run left behind. */
@Pure
class ScratchNameTest {

    @Test
    void aScratchMadeOverAnHourAgoIsLeftBehindAndOneJustMadeIsNot() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        String fresh = SchemaCommands.scratchName(now);
        assertThat(fresh).matches("dbshift_scratch_[0-9a-f]+_[0-9a-f]{4}").hasSizeLessThanOrEqualTo(63);
        assertThat(SchemaCommands.leftBehind(fresh, now)).isFalse();
        assertThat(SchemaCommands.leftBehind(fresh, now.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(SchemaCommands.leftBehind(fresh, now.plus(Duration.ofMinutes(61)))).isTrue();
        assertThat(SchemaCommands.leftBehind("dbshift_scratch_9f3a21c0", now)).as("an older dbshift's name: no time in it").isFalse();
        assertThat(SchemaCommands.leftBehind("dbshift_scratch_zz_0000", now)).isFalse();
    }
}
