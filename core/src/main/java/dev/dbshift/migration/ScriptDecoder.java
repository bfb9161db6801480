package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a script's bytes as text in the project's {@code encoding}, strictly: a byte sequence that is
 * not text in that character set, or a NUL character (a binary file named {@code .sql}), stops the
 * read with bad input naming the script, its line and byte offset. The lenient way (a replacement
 * character for every bad byte) turned a Latin-1 {@code 'café'} into {@code 'caf\uFFFD'} in the
 * database with exit code 0: a script that cannot be read exactly must not run at all.
 *
 * <p>Streams: one byte buffer and one char buffer, whatever the script's size; a leading byte-order
 * mark (U+FEFF) is dropped, as the checksum ignores it.
 */
public final class ScriptDecoder extends Reader {
    private static final int BYTES = 1 << 14;

    private final InputStream in;
    private final Charset charset;
    private final String name;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
    private final CharBuffer chars = CharBuffer.allocate(BYTES);
    /** Bytes taken out of {@link #bytes} and decoded, before its current position. */
    private long consumed;
    /** Line breaks among the characters decoded so far. */
    private long lines;
    private boolean eof;
    private boolean flushed;
    private boolean first = true;
    /** The script's first two bytes, once read; null for a shorter script. */
    private int[] head;

    private ScriptDecoder(InputStream in, Charset charset, String name) {
        this.in = in;
        this.charset = charset;
        this.name = name;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.limit(0);
        chars.limit(0);
    }

    /** A reader of {@code in} as text in {@code charset}; {@code name} (the script's display name) is what errors name. */
    public static Reader of(InputStream in, Charset charset, String name) {
        return new ScriptDecoder(in, charset, name);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    private void decodeMore() throws IOException {
        chars.clear();
        if (!eof && bytes.remaining() < BYTES / 2) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            if (first && head == null && bytes.limit() >= 2) {
                head = new int[] {bytes.get(0) & 0xff, bytes.get(1) & 0xff};
            }
        }
        int start = bytes.position();
        CoderResult r = decoder.decode(bytes, chars, eof);
        consumed += bytes.position() - start;
        if (r.isError()) {
            chars.flip();
            check(chars.length());
            throw bad(r.length());
        }
        if (eof && !bytes.hasRemaining() && r.isUnderflow()) {
            CoderResult f = decoder.flush(chars);
            if (f.isError()) {
                chars.flip();
                throw bad(f.length());
            }
            flushed = f.isUnderflow();
        }
        chars.flip();
        if (first && chars.hasRemaining()) {
            first = false;
            if (chars.get(chars.position()) == '\uFEFF') {
                chars.get();
            }
        }
        check(chars.remaining());
    }

    /** Counts line breaks in the {@code n} characters just decoded, and refuses a NUL character. */
    private void check(int n) {
        int p = chars.position();
        for (int i = p; i < p + n; i++) {
            char c = chars.get(i);
            if (c == '\n') {
                lines++;
            } else if (c == 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, name + ":" + (lines + 1) + ": a NUL character: "
                        + (utf16() != null ? utf16() : "this is a binary file, not a SQL script, or text in UTF-16 or UTF-32"
                        + " without a byte order mark; save a script as UTF-8"));
            }
        }
    }

    /**
     * What to say of a script that starts with UTF-16's byte order mark (Windows tools save "Unicode" text so), when its
     * {@code encoding} is not UTF-16: neither psql nor mariadb reads it either. Null for any other script.
     */
    private String utf16() {
        if (head == null || charset.name().startsWith("UTF-16")
                || !(head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF)) {
            return null;
        }
        return String.format(Locale.ROOT, "the script is UTF-16 text (it starts with the byte order mark %02X %02X):"
                + " save it as UTF-8 (iconv -f UTF-16 -t UTF-8), or set encoding = \"UTF-16\" in dbshift.toml", head[0], head[1]);
    }

    private DbShiftException bad(int length) {
        StringBuilder hex = new StringBuilder();
        int at = bytes.position();
        for (int i = 0; i < length && at + i < bytes.limit(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", bytes.get(at + i) & 0xff));
        }
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        if (utf16() != null) {
            return new DbShiftException(DbShiftException.BAD_INPUT, name + ":1: " + utf16());
        }
        return new DbShiftException(DbShiftException.BAD_INPUT, name + ":" + (lines + 1) + ": byte offset " + consumed
                + ": bytes " + hex + " are not " + charset.name() + " text; "
                + (utf8 ? "save the script as UTF-8, or set 'encoding' to the character set it is written in"
                + " (e.g. encoding = \"ISO-8859-1\" in dbshift.toml); binary data written into a script as raw bytes"
                + " (mysqldump without --hex-blob) is text in no character set: write it in hex (mysqldump --hex-blob)"
                : "save it in " + charset.name() + ", or set 'encoding' to the character set it is written in"));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
