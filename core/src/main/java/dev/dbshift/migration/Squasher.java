package dev.dbshift.migration;

import dev.dbshift.DbShiftException;
import dev.dbshift.sql.ScriptDirectives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code squash FROM TO}: merges the migrations of a version range into one, as a new project
 * starts from a shorter history. The result takes the range's highest version and its leading
 * comments list every merged version with its checksum ({@link SquashMarker}), which is how
 * databases that applied the range see the squashed migration as applied
 * ({@link dev.dbshift.history.SquashedHistory}).
 *
 * <p>Loose scripts merge into {@code TO__DESC.sql} (and {@code TO__DESC.down.sql} when every merged
 * migration has a down script, their downs in reverse order). When the range holds version
 * directories with environment scripts, the result is a version directory: {@code all.sql} holds
 * every shared part in order and each {@code <env>.sql} that environment's parts in order, so every
 * environment keeps its scripts (an environment's part now runs after all shared parts: a warning
 * says so). A {@code -- dbshift:no-transaction} or {@code -- dbshift:online} directive in any part is
 * carried to the head of the result. The merged files are deleted.
 */
public final class Squasher {
    private static final Pattern ENV_FILE = Pattern.compile("[A-Za-z0-9_-]+(\\.down)?\\.sql");

    /**
     * @param files    what is (or, in a dry run, would be) written, path to content
     * @param removed  the merged files and version directories that are (would be) deleted
     */
    public record Result(Version version, List<Version> merged, Map<Path, String> files, List<Path> removed,
                         List<String> warnings, boolean dryRun) {
    }

    private final MigrationSource source;

    public Squasher(MigrationSource source) {
        this.source = source;
    }

    public Result squash(Version from, Version to, String description, boolean dryRun) {
        if (from.compareTo(to) >= 0) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "squash " + from + " " + to + ": FROM must be below TO");
        }
        TreeMap<Version, MigrationRef> byVersion = new TreeMap<>();
        for (MigrationRef m : source.list()) {
            if (m.version() == null || m.kind() == MigrationKind.REPEATABLE) {
                continue;
            }
            if (byVersion.put(m.version(), m) != null) {
                throw new DbShiftException(DbShiftException.VALIDATION, "version " + m.version() + " is defined more than once");
            }
        }
        for (Version v : List.of(from, to)) {
            if (!byVersion.containsKey(v)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "squash: unknown version " + v + " (known versions: "
                        + String.join(", ", byVersion.keySet().stream().map(Version::toString).toList()) + ")");
            }
        }
        List<MigrationRef> range = new ArrayList<>(byVersion.subMap(from, true, to, true).values());
        List<String> warnings = new ArrayList<>();
        Map<String, StringBuilder> up = new LinkedHashMap<>();
        Map<String, StringBuilder> down = new LinkedHashMap<>();
        up.put("all", new StringBuilder());
        down.put("all", new StringBuilder());
        List<Path> removed = new ArrayList<>();
        boolean noTransaction = false;
        boolean online = false;
        boolean everyDown = true;
        boolean envParts = false;
        Map<Version, List<String>> envChecksums = new LinkedHashMap<>();
        for (MigrationRef m : range) {
            if (m.java() != null || m.up().isEmpty() || m.up().get(0).path() == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "squash: " + m.label() + " is not a SQL file migration");
            }
            everyDown &= m.hasDown();
            Path first = m.up().get(0).path();
            Path dir = versionDir(m);
            if (dir != null) {
                removed.add(dir);
                Map<String, Path> files = new TreeMap<>();
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> ENV_FILE.matcher(p.getFileName().toString()).matches())
                            .forEach(p -> files.put(p.getFileName().toString(), p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (files.containsKey("up.sql") && !files.containsKey("all.sql")) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "squash: " + m.label() + " is a folder of"
                            + " up.sql/down.sql; rename them all.sql/all.down.sql first");
                }
                envChecksums.put(m.version(), environmentChecksums(m, files));
                for (Map.Entry<String, Path> f : files.entrySet()) {
                    String name = f.getKey();
                    boolean isDown = name.endsWith(".down.sql");
                    String env = name.substring(0, name.length() - (isDown ? ".down.sql" : ".sql").length());
                    envParts |= !env.equals("all");
                    String display = m.up().get(0).name().substring(0, m.up().get(0).name().lastIndexOf('/') + 1) + name;
                    Part p = read(display, f.getValue());
                    noTransaction |= p.directives.noTransaction();
                    online |= p.directives.online();
                    if (!isDown) {
                        up.computeIfAbsent(env, k -> new StringBuilder()).append(p.text);
                    }
                }
            } else {
                removed.add(first);
                Part p = read(m.up().get(0).name(), first);
                noTransaction |= p.directives.noTransaction();
                online |= p.directives.online();
                up.get("all").append(p.text);
                m.down().forEach(d -> removed.add(d.path()));
            }
        }
        if (everyDown) {
            for (int i = range.size() - 1; i >= 0; i--) {
                MigrationRef m = range.get(i);
                Path dir = versionDir(m);
                if (dir != null) {
                    try (Stream<Path> s = Files.list(dir)) {
                        for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".down.sql")).sorted().toList()) {
                            String name = f.getFileName().toString();
                            String env = name.substring(0, name.length() - ".down.sql".length());
                            down.computeIfAbsent(env, k -> new StringBuilder()).append(read(name, f).text);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    for (ScriptRef d : m.down()) {
                        down.get("all").append(read(d.name(), d.path()).text);
                    }
                }
            }
        } else {
            warnings.add("not every merged migration has a down script, so the squashed one has none");
        }
        if (envParts) {
            warnings.add("environment scripts now run after all shared scripts of the range (all.sql, then <env>.sql)");
        }
        StringBuilder head = new StringBuilder();
        for (MigrationRef m : range) {
            head.append(SquashMarker.PREFIX).append(' ').append(m.version()).append(' ').append(m.checksum()).append('\n');
            for (String other : envChecksums.getOrDefault(m.version(), List.of())) {
                if (!other.equals(m.checksum())) {
                    head.append(SquashMarker.PREFIX).append(' ').append(m.version()).append(' ').append(other).append('\n');
                }
            }
        }
        head.append("-- squashed by dbshift on ").append(Instant.now()).append(": versions ")
                .append(String.join(", ", range.stream().map(m -> m.version().toString()).toList())).append('\n');
        String directives = (noTransaction ? "-- dbshift:no-transaction\n" : "") + (online ? "-- dbshift:online\n" : "");
        String desc = (description == null || description.isBlank() ? "squash " + from + " to " + to : description)
                .trim().replaceAll("[^A-Za-z0-9.]+", "_");
        MigrationRef top = range.get(range.size() - 1);
        Path topFile = top.up().get(0).path();
        Path location = versionDir(top) != null ? versionDir(top).getParent() : topFile.getParent();
        String base = to + "__" + desc;
        Map<Path, String> files = new LinkedHashMap<>();
        if (!envParts) {
            files.put(location.resolve(base + ".sql"), head + directives + "\n" + up.get("all"));
            if (everyDown) {
                files.put(location.resolve(base + ".down.sql"), directives + down.get("all"));
            }
        } else {
            Path dir = location.resolve(base);
            for (Map.Entry<String, StringBuilder> e : up.entrySet()) {
                files.put(dir.resolve(e.getKey() + ".sql"), (e.getKey().equals("all") ? head + directives + "\n" : directives) + e.getValue());
            }
            if (everyDown) {
                for (Map.Entry<String, StringBuilder> e : down.entrySet()) {
                    files.put(dir.resolve(e.getKey() + ".down.sql"), directives + e.getValue());
                }
            }
        }
        if (!dryRun) {
            write(envParts ? location.resolve(base) : null, files);
            deleteMerged(removed);
        }
        return new Result(to, range.stream().map(MigrationRef::version).toList(), files, removed, warnings, dryRun);
    }

    /**
     * The checksum the version directory {@code m} has in each environment: {@code all.sql} plus each
     * {@code <env>.sql}, and {@code all.sql} alone for environments without a script of their own
     * (the order {@link FileMigrationSource} checksums them in).
     */
    private static List<String> environmentChecksums(MigrationRef m, Map<String, Path> files) {
        Path all = files.get("all.sql");
        List<String> out = new ArrayList<>();
        out.add(checksum(all == null ? List.of() : List.of(all)));
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String name = f.getKey();
            if (!name.endsWith(".down.sql") && !name.equals("all.sql")) {
                List<Path> scripts = new ArrayList<>();
                if (all != null) {
                    scripts.add(all);
                }
                scripts.add(f.getValue());
                String c = checksum(scripts);
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static String checksum(List<Path> scripts) {
        Checksums.Builder b = Checksums.builder();
        for (Path p : scripts) {
            try {
                b.add(Files.newInputStream(p));
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, p + ": cannot read: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** The version directory a migration lives in, or null for loose files. */
    private static Path versionDir(MigrationRef m) {
        Path first = m.up().get(0).path();
        String name = first.getFileName().toString();
        return name.contains("__") || name.startsWith("V") && name.length() > 1 && Character.isDigit(name.charAt(1))
                ? null : first.getParent();
    }

    private record Part(String text, ScriptDirectives directives) {
    }

    /** A merged script's text (strictly decoded in the project's encoding) with a line naming where it came from. */
    private Part read(String display, Path file) {
        try {
            String text = source.text(new ScriptRef(display, file)).replace("\uFEFF", "").replace("\r\n", "\n");
            ScriptDirectives d = ScriptDirectives.parse(display, text);
            String body = text.endsWith("\n") ? text : text + "\n";
            String last = lastCode(body);
            if (last != null && !last.endsWith(";")) {
                body = body + ";\n";
            }
            return new Part("\n-- from " + display + "\n" + body, d);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, display + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The last line that is neither blank nor a {@code --} comment, stripped; null when there is none. */
    private static String lastCode(String text) {
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String t = lines[i].strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return t;
            }
        }
        return null;
    }

    /**
     * Puts the squashed migration in place of the merged ones so that no failure and no kill loses a migration: every
     * new file is written beside its place under a hidden name and forced to disk, then renamed into place, and only
     * then are the merged ones deleted. A failure before the renames deletes what it wrote and nothing else; a kill
     * between the renames and the deletes leaves both, which {@code up} refuses ({@code status} warns: the range's last
     * version is defined twice), never neither. A place that holds anything, a merged migration of the same name included, is
     * refused before anything is written: replacing the range's last file would leave, until the deletes, the
     * squashed migration beside the rest of the range under versions of their own, which a new database would run
     * twice.
     *
     * @param folder the version directory written (environment scripts), else null: the files go in their folder
     */
    private static void write(Path folder, Map<Path, String> files) {
        for (Path place : folder != null ? List.of(folder) : List.copyOf(files.keySet())) {
            if (Files.exists(place, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "squash: " + place + " exists already; dbshift never"
                        + " overwrites a migration (give the squashed one another --description; nothing was changed)");
            }
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            if (folder != null) {
                Path dir = WholeFile.staged(folder);
                WholeFile.deleteQuietly(dir);
                staged.put(dir, folder);
                for (Map.Entry<Path, String> f : files.entrySet()) {
                    WholeFile.write(dir.resolve(folder.relativize(f.getKey())), f.getValue(), StandardCharsets.UTF_8);
                }
            } else {
                for (Map.Entry<Path, String> f : files.entrySet()) {
                    Path file = WholeFile.staged(f.getKey());
                    staged.put(file, f.getKey());
                    WholeFile.write(file, f.getValue(), StandardCharsets.UTF_8);
                }
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                WholeFile.putInPlace(s.getKey(), s.getValue(), false);
            }
        } catch (IOException e) {
            staged.forEach((from, to) -> {
                WholeFile.deleteQuietly(from);
                WholeFile.deleteQuietly(to);
            });
            throw new DbShiftException(DbShiftException.FAILED, "squash: cannot write the squashed migration: " + e
                    + "; nothing was changed", e);
        }
    }

    /** Deletes the merged migrations once the squashed one is in place; one that cannot be deleted is named. */
    private static void deleteMerged(List<Path> removed) {
        for (Path p : removed) {
            try {
                delete(p);
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.FAILED, "squash: wrote the squashed migration but could not"
                        + " delete " + p + ": " + e + "; delete it by hand (its version is defined twice until then)", e);
            }
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }
}
