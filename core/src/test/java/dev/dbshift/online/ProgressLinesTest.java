package dev.dbshift.online;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which progress reports become a line where nothing is redrawn: phase changes and new waits at once, the rest once per interval. */
@Pure
class ProgressLinesTest {
    private final List<String> lines = new ArrayList<>();
    private final ProgressLines progress = new ProgressLines(Duration.ofHours(1), lines::add);

    @Test
    void aPhaseOrANewWaitIsALineAtOnceAndTheSameWaitCountingOnIsNot() {
        progress.accept(report(Phase.COPY, null));
        progress.accept(report(Phase.COPY, null));
        assertThat(lines).as("the first report, then nothing within the interval").hasSize(1);

        progress.accept(report(Phase.CHECKSUM, null));
        assertThat(lines).as("a phase begins").hasSize(2);

        String held = "checksum mismatch in keys from the start up to [%d]: copying them again, try %d of 3; waiting while the"
                + " application holds one of their rows, maybe connection %d (in a transaction for %d s, 1 row lock(s))";
        progress.accept(report(Phase.CHECKSUM, String.format(held, 999, 1, 847, 140)));
        assertThat(lines).as("a wait begins").hasSize(3).last().asString().contains("connection 847");
        for (int s = 145; s < 440; s += 5) {
            progress.accept(report(Phase.CHECKSUM, String.format(held, 999, 1, 847, s)));
        }
        progress.accept(report(Phase.CHECKSUM, String.format(held, 999, 2, 851, 3)));
        assertThat(lines).as("the same wait, its seconds, try and holder counting on: one line per interval, not per look").hasSize(3);

        progress.accept(report(Phase.CHECKSUM, "paused: the pause file /tmp/p exists"));
        assertThat(lines).as("another reason").hasSize(4);
        progress.accept(report(Phase.CHECKSUM, null));
        assertThat(lines).as("the wait ends").hasSize(5);
    }

    @Test
    void aLongWaitStillShowsItIsAliveEveryInterval() throws Exception {
        List<String> out = new ArrayList<>();
        ProgressLines every = new ProgressLines(Duration.ofMillis(50), out::add);
        every.accept(report(Phase.CHECKSUM, "replica r1 lags 12 s"));
        Thread.sleep(80);
        every.accept(report(Phase.CHECKSUM, "replica r1 lags 13 s"));
        assertThat(out).hasSize(2).last().asString().contains("lags 13 s");
    }

    private static OnlineProgress report(Phase phase, String waiting) {
        return new OnlineProgress("items", phase, 10, 100, 5.0, null, 10, 0, waiting, Duration.ofSeconds(1));
    }
}
