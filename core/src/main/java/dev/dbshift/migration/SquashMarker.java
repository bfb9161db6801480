package dev.dbshift.migration;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a squashed migration replaced: the first lines of its script, {@code -- dbshift-squashed:
 * VERSION CHECKSUM}, one per migration merged into it, that {@code squash} writes. They are read
 * while the source checksums the script when it lists it ({@link Capture}), so they cost no read of their own. The prefix is not
 * {@code dbshift:} on purpose: that one is reserved for directives, and an unknown directive is an
 * error.
 *
 * <p>A version directory's checksum depends on the environment ({@code all.sql} plus {@code <env>.sql}),
 * so a merged version directory gets one line per environment's checksum: a database of any
 * environment then finds the checksum it recorded.
 *
 * @param replaced  the merged migrations' versions and the checksums their up scripts had (in the
 *                  environment squash ran in), in order
 * @param checksums every checksum listed for each version (every environment's)
 */
public record SquashMarker(Map<Version, String> replaced, Map<Version, Set<String>> checksums) {
    public static final String PREFIX = "-- dbshift-squashed:";
    private static final Pattern LINE = Pattern.compile("--\\s*dbshift-squashed:\\s*(\\S+)\\s+(\\S+)\\s*");

    public SquashMarker {
        replaced = Collections.unmodifiableMap(new LinkedHashMap<>(replaced));
        Map<Version, Set<String>> all = new LinkedHashMap<>();
        checksums.forEach((v, c) -> all.put(v, Set.copyOf(c)));
        replaced.forEach((v, c) -> all.merge(v, Set.of(c), (a, b) -> {
            Set<String> u = new HashSet<>(a);
            u.addAll(b);
            return Set.copyOf(u);
        }));
        checksums = Collections.unmodifiableMap(all);
    }

    public SquashMarker(Map<Version, String> replaced) {
        this(replaced, Map.of());
    }

    /** Whether {@code checksum} is one the merged migration {@code version} had (in some environment). */
    public boolean recorded(Version version, String checksum) {
        return checksum != null && checksums.getOrDefault(version, Set.of()).contains(checksum);
    }

    /**
     * Reads a marker from a script's first lines as another reader (the checksum) streams its bytes past,
     * so that listing opens each script once. It stops looking at the first line that is not a marker line.
     */
    public static final class Capture extends FilterInputStream {
        private static final int LONGEST_LINE = 4096;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Map<Version, String> replaced = new LinkedHashMap<>();
        private final Map<Version, Set<String>> checksums = new LinkedHashMap<>();
        private boolean done;
        private boolean afterCr;

        public Capture(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            feed(b);
            return b;
        }

        /**
         * What {@link #read()} does byte by byte, a line's run of bytes at a time: the line buffer's synchronized
         * {@code write} per byte was most of the listing's time in this class (1,000 first lines per status).
         */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                feed(-1);
            }
            int i = off;
            int end = off + Math.max(n, 0);
            while (i < end && !done) {
                int start = i;
                while (i < end && b[i] != '\n' && b[i] != '\r') {
                    i++;
                }
                if (i > start) {
                    afterCr = false;
                    int room = LONGEST_LINE - line.size();
                    line.write(b, start, Math.min(room, i - start));
                    done = i - start > room;
                }
                if (i < end && !done) {
                    feed(b[i++] & 0xff);
                }
            }
            return n;
        }

        /** The marker found, once the stream was read (to its end, or past the marker lines). */
        public Optional<SquashMarker> marker() {
            return replaced.isEmpty() ? Optional.empty() : Optional.of(new SquashMarker(replaced, checksums));
        }

        private void feed(int b) {
            if (done) {
                return;
            }
            if (b == '\n' && afterCr) {
                afterCr = false;
                return;
            }
            afterCr = b == '\r';
            if (b < 0 || b == '\n' || b == '\r') {
                endLine();
                done |= b < 0;
            } else if (line.size() < LONGEST_LINE) {
                line.write(b);
            } else {
                done = true;
            }
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            if (!text.startsWith("--")) { // what LINE needs first: most scripts' first line is a statement
                line.reset();
                done = true;
                return;
            }
            Matcher x = LINE.matcher(text);
            line.reset();
            if (!x.matches() || !Version.isVersion(x.group(1))) {
                done = true;
                return;
            }
            Version v = Version.parse(x.group(1));
            replaced.putIfAbsent(v, x.group(2));
            checksums.computeIfAbsent(v, k -> new HashSet<>()).add(x.group(2));
        }
    }
}
