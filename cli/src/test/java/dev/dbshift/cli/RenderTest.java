package dev.dbshift.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Times in status, history, errors and trace: UTC, to the second, whatever the JVM's time zone. */
class RenderTest {

    @Test
    void aTimeIsUtcToTheSecond() {
        assertThat(Render.time(Instant.parse("2026-12-06T09:01:17.987Z"))).isEqualTo("2026-12-06 09:01:17");
        assertThat(Render.time(Instant.parse("1969-12-31T23:59:59.500Z"))).isEqualTo("1969-12-31 23:59:59");
        assertThat(Render.time(Instant.parse("2024-02-29T00:00:00Z"))).isEqualTo("2024-02-29 00:00:00");
        assertThat(Render.time(null)).isEmpty();
    }
}
