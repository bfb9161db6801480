package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code touch VERSION}: gives a timestamp-versioned migration the current time as its version, by
 * renaming its files (or its version directory), for a branch whose migration landed after others
 * with later timestamps. A timestamp is a one-part version of 8, 12 or 14 digits
 * ({@code yyyyMMdd}, {@code yyyyMMddHHmm}, {@code yyyyMMddHHmmss}, UTC); the new one has the same
 * form and is above every version found. Other versions are refused: renumbering a dotted version
 * is a choice for a person.
 */
public final class TimestampRenamer {
    /** One rename. */
    public record Rename(Path from, Path to) {
    }

    public record Result(Version from, Version to, List<Rename> renames, boolean dryRun) {
    }

    private final MigrationSource source;
    private final Clock clock;

    public TimestampRenamer(MigrationSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public Result touch(Version version, boolean dryRun) {
        List<MigrationRef> all = source.list();
        MigrationRef m = all.stream().filter(x -> version.equals(x.version())).findFirst()
                .orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "touch: unknown version " + version));
        String text = version.toString();
        String pattern = switch (version.parts().size() == 1 ? text.length() : 0) {
            case 8 -> "yyyyMMdd";
            case 12 -> "yyyyMMddHHmm";
            case 14 -> "yyyyMMddHHmmss";
            default -> throw new DbShiftException(DbShiftException.BAD_INPUT, "touch " + version
                    + ": only timestamp versions (yyyyMMddHHmmss, yyyyMMddHHmm or yyyyMMdd) can be moved to the current time");
        };
        if (m.java() != null || m.up().isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "touch " + version + ": " + m.label() + " is not a SQL file migration");
        }
        Version now = Version.parse(DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(clock.instant()));
        Version max = all.stream().map(MigrationRef::version).filter(v -> v != null).max(Version::compareTo).orElse(now);
        if (max.compareTo(now) >= 0) {
            now = Version.parse(max.parts().get(0).add(java.math.BigInteger.ONE).toString());
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (ScriptRef s : m.up()) {
            paths.add(s.path());
        }
        for (ScriptRef s : m.down()) {
            paths.add(s.path());
        }
        List<Rename> renames = new ArrayList<>();
        Path first = m.up().get(0).path();
        String firstName = first.getFileName().toString();
        if (!firstName.contains(text)) {
            Path dir = first.getParent();
            renames.add(new Rename(dir, dir.resolveSibling(rename(dir.getFileName().toString(), text, now.toString()))));
        } else {
            for (Path p : paths) {
                renames.add(new Rename(p, p.resolveSibling(rename(p.getFileName().toString(), text, now.toString()))));
            }
        }
        if (!dryRun) {
            try {
                for (Rename r : renames) {
                    Files.move(r.from(), r.to());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Result(version, now, renames, dryRun);
    }

    private static String rename(String name, String oldVersion, String newVersion) {
        int i = name.indexOf(oldVersion);
        return name.substring(0, i) + newVersion + name.substring(i + oldVersion.length());
    }
}
