package dev.dbshift.migration;

import dev.dbshift.testing.Pure;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Pure
class ChecksumsTest {
    @Test
    void isTaggedSha256OfTheText() {
        // sha256("abc")
        assertThat(Checksums.of("abc")).isEqualTo("s1:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void ignoresBomAndLineEndings() {
        String lf = "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n";
        assertThat(Checksums.of("\uFEFF" + lf)).isEqualTo(Checksums.of(lf));
        assertThat(Checksums.of(lf.replace("\n", "\r\n"))).isEqualTo(Checksums.of(lf));
        assertThat(Checksums.of(lf.replace("\n", "\r"))).isEqualTo(Checksums.of(lf));
        assertThat(Checksums.of(lf + " ")).isNotEqualTo(Checksums.of(lf));
    }

    @Property
    void crlfSplitAcrossReadsIsStillOneLineEnd(@ForAll String text) {
        String crlf = text.replace("\n", "\r\n");
        byte[] bytes = crlf.getBytes(StandardCharsets.UTF_8);
        // a stream that hands out one byte at a time splits every \r\n across reads
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
        String expected = Checksums.of(text.replace("\r\n", "\n").replace("\r", "\n"));
        assertThat(Checksums.builder().add(trickle).build()).isEqualTo(expected);
    }
}
