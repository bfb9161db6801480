package dev.dbshift.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How the CLI prints what the core tells it: times, and notes of a command that runs no migration. */
class RenderTest {

    /** A command that reads the database twice (diff --live: the history, then the live schema) says a note once. */
    @Test
    void aNoteIsSaidOncePerCommand() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();
        var listener = Render.notices(new Output(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), false, false));
        listener.notice("there is no database at x yet");
        listener.notice("another");
        listener.notice("there is no database at x yet");
        assertThat(err.toString()).isEqualTo("note: there is no database at x yet" + System.lineSeparator()
                + "note: another" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** Times in status, history, errors and trace: UTC, to the second, whatever the JVM's time zone. */
    @Test
    void aTimeIsUtcToTheSecond() {
        assertThat(Render.time(Instant.parse("2026-12-06T09:01:17.987Z"))).isEqualTo("2026-12-06 09:01:17");
        assertThat(Render.time(Instant.parse("1969-12-31T23:59:59.500Z"))).isEqualTo("1969-12-31 23:59:59");
        assertThat(Render.time(Instant.parse("2024-02-29T00:00:00Z"))).isEqualTo("2024-02-29 00:00:00");
        assertThat(Render.time(null)).isEmpty();
    }
}
