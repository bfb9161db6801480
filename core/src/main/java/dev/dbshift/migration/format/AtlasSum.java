package dev.dbshift.migration.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Atlas's integrity file {@code atlas.sum}, computed as Atlas computes it. One SHA-256 runs over the migration
 * files in name order: for each file it takes the name, then the bytes (unless the file's first line is an
 * {@code atlas:sum ignore} directive: then the name only, and the file gets no entry), and the file's entry is the
 * base64 of the digest so far, so each entry covers every file before it. The first line {@code h1:<sum>} is the
 * base64 SHA-256 of every entry's name and hash in order. A file is {@code <sum line>} then one
 * {@code <name> h1:<hash>} line per entry.
 *
 * @param sum     the whole-directory sum (first line)
 * @param entries the file names and their cumulative hashes, in order
 */
record AtlasSum(String sum, List<Entry> entries) {
    record Entry(String name, String hash) {
    }

    /** Atlas's directive pattern, matched from the start of a file (so on its first line only). */
    private static final java.util.regex.Pattern DIRECTIVE = java.util.regex.Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +([ -~]*))*");

    AtlasSum {
        entries = List.copyOf(entries);
    }

    /** The sum of {@code files} (name to bytes, in name order) as {@code atlas migrate hash} writes it. */
    static AtlasSum of(Map<String, byte[]> files) {
        MessageDigest running = sha256();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            running.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            if (ignored(f.getValue())) {
                continue;
            }
            running.update(f.getValue());
            entries.add(new Entry(f.getKey(), base64(clone(running).digest())));
        }
        return new AtlasSum(sumOf(entries), entries);
    }

    /** The directory sum over {@code entries}: what the first line must say. */
    static String sumOf(List<Entry> entries) {
        MessageDigest sha = sha256();
        for (Entry e : entries) {
            sha.update(e.name.getBytes(StandardCharsets.UTF_8));
            sha.update(e.hash.getBytes(StandardCharsets.UTF_8));
        }
        return base64(sha.digest());
    }

    /** The file's text as Atlas writes it. */
    String text() {
        StringBuilder sb = new StringBuilder("h1:").append(sum).append('\n');
        for (Entry e : entries) {
            sb.append(e.name).append(" h1:").append(e.hash).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads an {@code atlas.sum} text as Atlas does; throws {@link IllegalArgumentException} with the line number
     * and the reason (Atlas: "checksum file format invalid") when a line is not {@code <name> h1:<hash>}.
     */
    static AtlasSum parse(String text) {
        List<String> lines = FormatFiles.lines(text);
        String first = lines.isEmpty() ? "" : lines.get(0);
        String sum = first.startsWith("h1:") ? first.substring(3) : first;
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("h1:");
            if (at < 0) {
                throw new IllegalArgumentException((i + 1) + ": not '<file> h1:<hash>' (atlas: checksum file format invalid)");
            }
            entries.add(new Entry(line.substring(0, at).strip(), line.substring(at + 3)));
        }
        return new AtlasSum(sum, entries);
    }

    /**
     * Atlas's {@code atlas:sum} directive: only on the file's first line ({@code ... atlas:sum ignore}), which keeps
     * the file out of the sum but its name in the running hash.
     */
    private static boolean ignored(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] >= ' ' && bytes[end] <= '~') {
            end++;
        }
        java.util.regex.Matcher m = DIRECTIVE.matcher(new String(bytes, 0, end, StandardCharsets.US_ASCII));
        return m.find() && m.group(2).equals("sum") && "ignore".equals(m.group(3));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
