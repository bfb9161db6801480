package dev.dbshift.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a squashed migration replaced: the first lines of its script, {@code -- dbshift-squashed:
 * VERSION CHECKSUM}, one per migration merged into it, that {@code squash} writes. Being first, they
 * cost one short read per migration to rule out (every {@code status} and {@code up} looks). The prefix is not
 * {@code dbshift:} on purpose: that one is reserved for directives, and an unknown directive is an
 * error.
 *
 * @param replaced the merged migrations' versions and the checksums their up scripts had, in order
 */
public record SquashMarker(Map<Version, String> replaced) {
    public static final String PREFIX = "-- dbshift-squashed:";
    private static final Pattern LINE = Pattern.compile("--\\s*dbshift-squashed:\\s*(\\S+)\\s+(\\S+)\\s*");

    public SquashMarker {
        replaced = Collections.unmodifiableMap(new LinkedHashMap<>(replaced));
    }

    /** The marker in the first up script's leading comments, if any. */
    public static Optional<SquashMarker> read(MigrationSource source, MigrationRef m) {
        if (m.up().isEmpty() || m.version() == null) {
            return Optional.empty();
        }
        Map<Version, String> replaced = new LinkedHashMap<>();
        // the marker lines come first (Squasher writes them so): most scripts are ruled out by their first line
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source.open(m.up().get(0)), StandardCharsets.UTF_8), 512)) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher x = LINE.matcher(line.replace("\uFEFF", "").strip());
                if (!x.matches() || !Version.isVersion(x.group(1))) {
                    break;
                }
                replaced.put(Version.parse(x.group(1)), x.group(2));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return replaced.isEmpty() ? Optional.empty() : Optional.of(new SquashMarker(replaced));
    }
}
