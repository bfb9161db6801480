package dev.dbshift.migration;

import dev.dbshift.testing.Pure;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SquashMarker.Capture} reads a script's marker lines while the checksum streams the script past it. Its bulk
 * {@code read(byte[], ...)} must find what reading the same bytes one at a time finds, for any split of the stream
 * into reads: line endings of every kind (a CR LF split between two reads too), a BOM, blank or indented lines,
 * lines longer than it keeps, and the end of the stream in the middle of a line.
 */
@Pure
class SquashMarkerCaptureProperties {

    /** A marker line exactly as long as the longest line the capture keeps (4,096 bytes). */
    private static final String LONGEST = "-- dbshift-squashed: 7 s1:" + "f".repeat(4096 - 26);

    private static final List<String> PIECES = List.of("-- dbshift-squashed: 1 s1:aa", "-- dbshift-squashed: 2.1 s1:bb",
            "--dbshift-squashed:3   s1:cc  ", "  -- dbshift-squashed: 4 s1:dd", "-- dbshift-squashed: x s1:ee",
            "-- dbshift-squashed: 5", "-- a comment", "--", "CREATE TABLE t (id INT);", "", " ", "\t",
            "\n", "\n", "\r\n", "\r", "\r", "\uFEFF", "-".repeat(5000), "-- dbshift-squashed: 6 s1:" + "f".repeat(4100),
            LONGEST);


    @Provide
    Arbitrary<String> scripts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 600)
    void bulkReadsFindWhatByteReadsFind(@ForAll("scripts") String script, @ForAll @IntRange(min = 1, max = 40) int chunk)
            throws IOException {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        assertThat(bulk(bytes, chunk)).isEqualTo(byteByByte(bytes));
    }

    @Test
    void markersOnTheFirstLinesInAnyLineEnding() throws IOException {
        for (String nl : List.of("\n", "\r\n", "\r")) {
            byte[] bytes = ("\uFEFF-- dbshift-squashed: 1 s1:aa" + nl + "  -- dbshift-squashed: 2 s1:bb" + nl
                    + "CREATE TABLE t (id INT);" + nl + "-- dbshift-squashed: 3 s1:cc" + nl).getBytes(StandardCharsets.UTF_8);
            for (int chunk : new int[]{1, 2, 3, 7, 8192}) {
                assertThat(bulk(bytes, chunk).map(SquashMarker::replaced)).as("chunk " + chunk)
                        .contains(Map.of(Version.parse("1"), "s1:aa", Version.parse("2"), "s1:bb"));
            }
        }
        assertThat(bulk((LONGEST + "\n").getBytes(StandardCharsets.UTF_8), 8192)).as("a 4,096-byte marker line").isPresent();
        assertThat(bulk((LONGEST + "f\n").getBytes(StandardCharsets.UTF_8), 8192)).as("one byte longer").isEmpty();
        assertThat(bulk("CREATE TABLE t (id INT);\n-- dbshift-squashed: 1 s1:aa\n".getBytes(StandardCharsets.UTF_8), 8192))
                .isEmpty();
    }

    private static Optional<SquashMarker> bulk(byte[] bytes, int chunk) throws IOException {
        SquashMarker.Capture c = new SquashMarker.Capture(new ByteArrayInputStream(bytes));
        byte[] buf = new byte[chunk + 3];
        while (c.read(buf, 3, chunk) >= 0) {
            // the bytes go to the checksum; the capture keeps what it saw
        }
        return c.marker();
    }

    private static Optional<SquashMarker> byteByByte(byte[] bytes) throws IOException {
        try (InputStream c = new SquashMarker.Capture(new ByteArrayInputStream(bytes))) {
            while (c.read() >= 0) {
                // as above
            }
            return ((SquashMarker.Capture) c).marker();
        }
    }
}
