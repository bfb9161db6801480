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
        /** The byte of a one-byte {@code read()}, handed to {@link #take} without a new array per byte. */
        private final byte[] one = new byte[1];
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
            if (b < 0) {
                end();
            } else {
                one[0] = (byte) b;
                take(one, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                end();
            } else {
                take(b, off, n);
            }
            return n;
        }

        /** The marker found, once the stream was read (to its end, or past the marker lines). */
        public Optional<SquashMarker> marker() {
            return replaced.isEmpty() ? Optional.empty() : Optional.of(new SquashMarker(replaced, checksums));
        }

        /**
         * Takes the bytes that went past, a line's run of bytes at a time (a synchronized {@code write} per byte was
         * 10 of this class's 27 ms of CPU in a status at 1,000 scripts, now 3); CR, LF and CR LF end a line.
         */
        private void take(byte[] b, int off, int n) {
            int i = off;
            int end = off + n;
            while (i < end && !done) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    boolean secondOfCrLf = c == '\n' && afterCr;
                    afterCr = c == '\r';
                    if (!secondOfCrLf) {
                        endLine();
                    }
                    i++;
                    continue;
                }
                int start = i;
                while (i < end && b[i] != '\n' && b[i] != '\r') {
                    i++;
                }
                afterCr = false;
                int room = LONGEST_LINE - line.size();
                line.write(b, start, Math.min(room, i - start));
                done = i - start > room; // a line longer than a marker line can be
            }
        }

        /** The end of the stream ends the line it is in. */
        private void end() {
            if (!done) {
                endLine();
                done = true;
            }
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            line.reset();
            // most scripts' first line is a statement: the pattern runs only on a line that can be a marker
            Matcher x = text.startsWith("--") ? LINE.matcher(text) : null;
            if (x == null || !x.matches() || !Version.isVersion(x.group(1))) {
                done = true;
                return;
            }
            Version v = Version.parse(x.group(1));
            replaced.putIfAbsent(v, x.group(2));
            checksums.computeIfAbsent(v, k -> new HashSet<>()).add(x.group(2));
        }
    }
}
