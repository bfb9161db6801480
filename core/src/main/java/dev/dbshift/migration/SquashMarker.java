package dev.dbshift.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * VERSION CHECKSUM}, one per migration merged into it, that {@code squash} writes. Being first, they
 * cost one short read per migration to rule out (every {@code status} and {@code up} looks). The prefix is not
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

    /** The marker in the first up script's leading comments, if any. */
    public static Optional<SquashMarker> read(MigrationSource source, MigrationRef m) {
        if (m.up().isEmpty() || m.version() == null) {
            return Optional.empty();
        }
        Map<Version, String> replaced = new LinkedHashMap<>();
        Map<Version, Set<String>> checksums = new LinkedHashMap<>();
        // the marker lines come first (Squasher writes them so): most scripts are ruled out by their first line
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source.open(m.up().get(0)), StandardCharsets.UTF_8), 512)) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher x = LINE.matcher(line.replace("\uFEFF", "").strip());
                if (!x.matches() || !Version.isVersion(x.group(1))) {
                    break;
                }
                Version v = Version.parse(x.group(1));
                replaced.putIfAbsent(v, x.group(2));
                checksums.computeIfAbsent(v, k -> new HashSet<>()).add(x.group(2));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return replaced.isEmpty() ? Optional.empty() : Optional.of(new SquashMarker(replaced, checksums));
    }
}
