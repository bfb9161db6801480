package dev.dbshift.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Script checksums: SHA-256 of the text with a UTF-8 BOM removed and line endings normalised to
 * LF, written as {@code s1:<hex>}. The tag names the algorithm so that a future algorithm can
 * never be compared silently with this one. Bytes are hashed as they stream past; nothing is
 * decoded to a String, so a large script costs no memory.
 */
public final class Checksums {
    public static final String TAG = "s1:";

    private Checksums() {
    }

    /**
     * The two buffers {@link Builder#add} reads through, one pair per thread: a builder per script (10,000 for a
     * status at 10,000 migrations) used to allocate 16 KB each, a third of everything such a status allocated.
     * {@code add} uses them only while it runs and never re-enters itself, so a thread's pair is never shared.
     */
    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[][]{new byte[8 * 1024], new byte[8 * 1024 + 1]});

    /** A running checksum over one or more scripts. */
    public static final class Builder {
        private final MessageDigest digest = fresh();
        private boolean first = true;

        /** Adds one script's bytes (separated from the previous script by a NUL byte), and closes the stream. */
        public Builder add(InputStream in) {
            byte[][] buffers = BUFFERS.get();
            byte[] buf = buffers[0];
            byte[] out = buffers[1];
            try (in) {
                if (!first) {
                    digest.update((byte) 0);
                }
                first = false;
                boolean start = true;
                boolean pendingCr = false;
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    int i = 0;
                    if (start) {
                        start = false;
                        // a UTF-8 BOM is three bytes; readNBytes fills the buffer, so they are all here
                        if (n >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                            i = 3;
                        }
                    }
                    int o = 0;
                    for (; i < n; i++) {
                        byte b = buf[i];
                        if (pendingCr) {
                            out[o++] = '\n';
                            pendingCr = false;
                            if (b == '\n') {
                                continue;
                            }
                        }
                        if (b == '\r') {
                            pendingCr = true;
                        } else {
                            out[o++] = b;
                        }
                    }
                    digest.update(out, 0, o);
                }
                if (pendingCr) {
                    digest.update((byte) '\n');
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Builder add(String text) {
            return add(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }

        public String build() {
            return TAG + HexFormat.of().formatHex(digest.digest());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static String of(String text) {
        return builder().add(text).build();
    }

    /** Never updated: each builder starts from a copy (a provider lookup per script was 8 ms of a status at 1,000). */
    private static final MessageDigest PROTOTYPE = sha256();

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
