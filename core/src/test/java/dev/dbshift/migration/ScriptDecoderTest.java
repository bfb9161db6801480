package dev.dbshift.migration;

import dev.dbshift.DbShiftException;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict decoding and the foreign-format guard, through the reader every consumer of a script uses. */
@Pure
class ScriptDecoderTest {

    private static String read(byte[] bytes, Charset charset) throws IOException {
        try (Reader r = new ForeignFormatGuard(ScriptDecoder.of(new ByteArrayInputStream(bytes), charset, "m/1__x.sql"), "m/1__x.sql")) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[777];   // an odd size: reads end in the middle of multi-byte characters
            int n;
            while ((n = r.read(buf, 0, buf.length)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }

    @Test
    void longUtf8TextWithMultiByteCharactersAcrossEveryBufferBoundaryReadsBackExactly() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", 'café ünïcødé 😀 日本');\n");
        }
        assertThat(read(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text.toString());
    }

    @Test
    void aBadByteFarIntoTheFileIsNamedByLineAndByteOffset() {
        String head = "SELECT 1;\n".repeat(5000);   // 50,000 bytes, past the first buffers
        byte[] good = head.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 6];
        System.arraycopy(good, 0, bytes, 0, good.length);
        System.arraycopy(new byte[]{'\'', 'c', 'a', 'f', (byte) 0xE9, '\''}, 0, bytes, good.length, 6);
        assertThatThrownBy(() -> read(bytes, StandardCharsets.UTF_8))
                .isInstanceOf(DbShiftException.class)
                .hasMessageContaining("m/1__x.sql:5001: byte offset 50004: bytes E9 are not UTF-8 text");
        assertThat(((DbShiftException) org.assertj.core.api.Assertions.catchThrowable(() -> read(bytes, StandardCharsets.UTF_8))).exitCode())
                .isEqualTo(DbShiftException.BAD_INPUT);
    }

    @Test
    void theSameBytesReadAsLatin1WhenThatIsTheEncoding() throws IOException {
        byte[] latin1 = "INSERT INTO d VALUES ('café');\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(latin1, StandardCharsets.ISO_8859_1)).contains("'café'");
    }

    @Test
    void aNulCharacterIsABinaryFile() {
        assertThatThrownBy(() -> read(new byte[]{'S', 'E', 'L', '\n', 0, 1}, StandardCharsets.UTF_8))
                .hasMessageContaining("m/1__x.sql:2: a NUL character");
    }

    /**
     * A script saved as UTF-16 ("Unicode" in Windows tools), which neither psql nor mariadb reads, is named as such,
     * whatever single-byte encoding it is read in (in Latin-1 it read as a binary file); read as UTF-16 it runs.
     */
    @Test
    void aUtf16ScriptIsNamedAsOne() throws IOException {
        String sql = "CREATE TABLE a (id INT);\n";
        for (Charset utf16 : java.util.List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] bytes = ("\uFEFF" + sql).getBytes(utf16);
            for (Charset as : java.util.List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)) {
                assertThatThrownBy(() -> read(bytes, as)).as(utf16 + " read as " + as)
                        .hasMessageStartingWith("m/1__x.sql:1: ")
                        .hasMessageContaining("the script is UTF-16 text (it starts with the byte order mark "
                                + (utf16 == StandardCharsets.UTF_16LE ? "FF FE" : "FE FF") + "): save it as UTF-8");
            }
            assertThat(read(bytes, StandardCharsets.UTF_16)).isEqualTo(sql);
        }
        assertThatThrownBy(() -> read(sql.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8))
                .hasMessageContaining("m/1__x.sql:1: a NUL character: this is a binary file, not a SQL script, or text in"
                        + " UTF-16 or UTF-32 without a byte order mark");
    }

    @Test
    void markersOfOtherToolsAreRefusedAnywhereButInOrdinaryComments() throws IOException {
        assertThatThrownBy(() -> read("CREATE TABLE a (id int);\n  --   +goose   Down\nDROP TABLE a;\n".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).hasMessageContaining("m/1__x.sql:2: '--   +goose   Down' is a goose marker");
        assertThatThrownBy(() -> read("-- migrate:up".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .hasMessageContaining(":1: '-- migrate:up' is a dbmate marker");
        String ordinary = "-- rollback by hand: drop table a\n-- migrate up to 2 first\nSELECT '-- +goose Up';\n";
        assertThat(read(ordinary.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(ordinary);
    }
}
