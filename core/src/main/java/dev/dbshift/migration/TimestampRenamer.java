package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        for (Rename r : renames) {
            if (Files.exists(r.to(), LinkOption.NOFOLLOW_LINKS)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "touch " + version + ": " + r.to()
                        + " is there already; nothing was renamed");
            }
        }
        if (!dryRun) {
            move(renames);
        }
        return new Result(version, now, renames, dryRun);
    }

    /**
     * Renames every file of the migration, or none: an up script moved without its down would leave the down alone under
     * the old version (a migration of its own to the listing) and the up without one. A rename that fails moves back the
     * ones done before it; one that cannot be moved back is named, with what is where.
     */
    private static void move(List<Rename> renames) {
        List<Rename> done = new ArrayList<>();
        for (Rename r : renames) {
            try {
                Files.move(r.from(), r.to());
                done.add(r);
            } catch (IOException e) {
                throw undone(r, e, done);
            }
        }
        for (Rename r : renames) {
            WholeFile.forceFolderOf(r.to());
        }
    }

    /** Moves back what {@code done} moved, latest first; the error names {@code failed} and what stays moved. */
    private static DbShiftException undone(Rename failed, IOException e, List<Rename> done) {
        List<String> stuck = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Rename r = done.get(i);
            try {
                Files.move(r.to(), r.from());
            } catch (IOException back) {
                stuck.add(r.to() + " (was " + r.from() + ")");
            }
        }
        return new DbShiftException(DbShiftException.FAILED, "touch: cannot rename " + failed.from() + " to "
                + failed.to().getFileName() + " (" + e + "); " + (stuck.isEmpty() ? "nothing was renamed"
                : "these could not be moved back: " + String.join(", ", stuck)), e);
    }

    private static String rename(String name, String oldVersion, String newVersion) {
        int i = name.indexOf(oldVersion);
        return name.substring(0, i) + newVersion + name.substring(i + oldVersion.length());
    }
}
