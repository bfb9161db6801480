package dev.dbshift.online;

import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts: chunk sizing, the checkpoint key codec, column mapping, options. */
@Pure
class OnlineValuesTest {

    @Test
    void chunkSizerFollowsTheTargetTimeWithinBounds() {
        ChunkSizer s = new ChunkSizer(Duration.ofMillis(500), 1000, 100, 50_000);
        assertThat(s.observe(1000, Duration.ofMillis(50).toNanos())).isEqualTo(2000); // at most doubles
        assertThat(s.observe(2000, Duration.ofMillis(250).toNanos())).isEqualTo(4000);
        assertThat(s.observe(4000, Duration.ofMillis(500).toNanos())).isEqualTo(4000);
        assertThat(s.observe(4000, Duration.ofSeconds(20).toNanos())).isEqualTo(1000); // at most a quarter
        for (int i = 0; i < 30; i++) {
            s.observe(s.rows(), Duration.ofMillis(1).toNanos());
        }
        assertThat(s.rows()).isEqualTo(50_000);
    }

    @Test
    void keyCodecRoundTripsTheJdbcTypesOfKeys() {
        List<Object> key = Arrays.asList(42L, new BigInteger("18446744073709551615"), new BigDecimal("12.50"), "a\nb,é",
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), null, new byte[] {1, 2});
        List<Object> back = KeyCodec.decode(KeyCodec.encode(key));
        assertThat(back.subList(0, 6)).isEqualTo(key.subList(0, 6));
        assertThat((byte[]) back.get(6)).containsExactly(1, 2);
        assertThat(KeyCodec.decode(KeyCodec.encode(List.of(7)))).containsExactly(7L);
        assertThat(KeyCodec.encode(null)).isNull();
    }

    private static TableShape.Column col(String name, boolean nullable, boolean hasDefault) {
        return new TableShape.Column(name, "int(11)", nullable, hasDefault, false, false, null, null);
    }

    private static TableShape shape(TableShape.Column... cols) {
        return new TableShape("db", "t", List.of(cols), List.of(new TableShape.Index("PRIMARY", true, List.of("id"), false)),
                "InnoDB", 0, 0);
    }

    @Test
    void mappingKeepsRenamedDataDropsDroppedAndFillsNewWithDefaults() {
        TableShape source = shape(col("id", false, false), col("a", true, true), col("gone", true, true));
        TableShape shadow = shape(col("id", false, false), col("b", true, true), col("fresh", false, true));
        ColumnMapping m = ColumnMapping.derive(source, shadow, Map.of("a", "b"));
        assertThat(m.sourceColumns()).containsExactly("id", "a");
        assertThat(m.shadowColumns()).containsExactly("id", "b");
        assertThat(m.dropped()).containsExactly("gone");
        assertThat(m.added()).containsExactly("fresh");
    }

    @Test
    void mappingRefusesNewNotNullColumnsWithoutDefaultAndUnknownRenames() {
        TableShape source = shape(col("id", false, false));
        assertThatThrownBy(() -> ColumnMapping.derive(source, shape(col("id", false, false), col("x", false, false)), Map.of()))
                .hasMessageContaining("NOT NULL without a default");
        assertThatThrownBy(() -> ColumnMapping.derive(source, shape(col("id", false, false)), Map.of("nope", "id")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void loadOptionsParse() {
        assertThat(OnlineOptions.parseLoad("Threads_running=25, Threads_connected:300"))
                .containsExactly(Map.entry("Threads_running", 25L), Map.entry("Threads_connected", 300L));
        assertThatThrownBy(() -> OnlineOptions.parseLoad("Threads_running")).hasMessageContaining("VARIABLE=N");
    }

    @Test
    void startOptionsSurviveInTheStateRow() {
        OnlineOptions o = OnlineOptions.defaults().withKeepOld(true).withPostponeCutover(true).withChecksum(false)
                .withRenames(Map.of("a", "b"));
        OnlineOptions back = OptionsCodec.decode(OptionsCodec.encode(o), OnlineOptions.defaults());
        assertThat(back.keepOld()).isTrue();
        assertThat(back.postponeCutover()).isTrue();
        assertThat(back.checksum()).isFalse();
        assertThat(back.renames()).containsExactly(Map.entry("a", "b"));
    }
}
