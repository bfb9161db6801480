package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atlas's versioned migration folder: {@code {version}_{name}.sql} files (the folder's own {@code *.sql}, not its
 * subfolders) in name order, and {@code atlas.sum}. The version is the name up to the first {@code _}, as Atlas
 * takes it and records it in {@code atlas_schema_revisions.version}; the
 * {@link dev.dbshift.migration.MigrationRef#foreignId()} is {@code atlas:<version>}. Atlas has no down files.
 *
 * <p>{@code atlas.sum} is verified as {@code atlas migrate apply} verifies it ({@link AtlasSum}): the folder is
 * refused when a file was edited after the sum was written, added without re-hashing, or removed, and the problem
 * names the file, since the sum's entries are cumulative and the first entry that differs is the file that changed.
 * A folder with migrations and no {@code atlas.sum} is refused as Atlas refuses it. Why refuse rather than warn:
 * the sum is how Atlas users know the folder is the one that was reviewed, and a tool taking the folder over must not
 * make that check weaker.
 *
 * <p>File directives (comment lines at the top of the file followed by a blank line, as Atlas reads them):
 * {@code -- atlas:txmode none} becomes {@code -- dbshift:no-transaction} on the same line; {@code txmode file} is
 * the default; {@code atlas:delimiter} and {@code atlas:checkpoint} are refused naming the file and line (dbshift has
 * no equivalent yet, and running the file without them would split or order it differently from Atlas);
 * {@code atlas:sum} and {@code atlas:nolint} change nothing in how a file runs.
 *
 * <p>Detected by {@code atlas.sum}. Atlas orders files by name, dbshift by version: where they differ (versions of
 * different widths, {@code 9_a.sql} before {@code 10_b.sql}) the folder is refused rather than run in another order.
 */
public final class AtlasFormat implements MigrationFormat {
    static final String SUM = "atlas.sum";
    private static final Pattern DIRECTIVE = Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +([ -~]*))*");

    @Override
    public String name() {
        return "atlas";
    }

    @Override
    public boolean detect(FolderListing folder) {
        return folder.hasFile(SUM);
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Path> paths = new HashMap<>();
        for (Path p : FormatFiles.children(folder.dir())) {
            String name = FormatFiles.name(p);
            if (name.endsWith(".sql") && Files.isRegularFile(p)) {
                files.put(name, Files.readAllBytes(p));
                paths.put(name, p);
            }
        }
        if (!verified(folder, sink, files)) {
            return;
        }
        Version previous = null;
        String previousName = null;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            Path p = paths.get(name);
            String base = name.substring(0, name.length() - ".sql".length());
            int sep = base.indexOf('_');
            String versionText = sep < 0 ? base : base.substring(0, sep);
            String why = Version.problem(versionText);
            if (why != null) {
                sink.problem(folder.display(p) + ": " + why);
                continue;
            }
            Version v = Version.parse(versionText);
            if (previous != null && v.compareTo(previous) <= 0) {
                sink.problem(folder.display(p) + ": Atlas applies files in name order, and this one sorts after "
                        + previousName + " whose version is not lower; rename one so both orders agree");
            }
            previous = v;
            previousName = name;
            Map<Integer, String> edits = directives(folder, sink, p, folder.text(p));
            if (edits == null) {
                continue;
            }
            sink.versioned(v, sep < 0 ? "" : base.substring(sep + 1).replace('_', ' ').trim(),
                    List.of(FormatFiles.script(folder, p, "atlas", edits)), List.of(), "atlas:" + versionText);
        }
    }

    /** Whether {@code atlas.sum} matches the files; each difference is a problem naming the file. */
    private static boolean verified(FormatFolder folder, FormatSink sink, Map<String, byte[]> files) throws IOException {
        Path sumFile = folder.dir().resolve(SUM);
        String where = folder.display(sumFile);
        if (!Files.isRegularFile(sumFile)) {
            if (files.isEmpty()) {
                return true;
            }
            sink.problem(where + ": missing; Atlas refuses a migration folder without its sum file (checksum file not"
                    + " found): run 'atlas migrate hash' where the files are known to be right");
            return false;
        }
        AtlasSum written;
        try {
            written = AtlasSum.parse(folder.text(sumFile));
        } catch (IllegalArgumentException e) {
            sink.problem(where + ":" + e.getMessage());
            return false;
        }
        if (!written.sum().equals(AtlasSum.sumOf(written.entries()))) {
            sink.problem(where + ":1: the sum does not match the file's own entries (atlas: checksum mismatch); atlas.sum"
                    + " was edited by hand");
            return false;
        }
        AtlasSum actual = AtlasSum.of(files);
        List<AtlasSum.Entry> want = written.entries();
        List<AtlasSum.Entry> have = actual.entries();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            AtlasSum.Entry w = i < want.size() ? want.get(i) : null;
            AtlasSum.Entry h = i < have.size() ? have.get(i) : null;
            if (w != null && h != null && w.equals(h)) {
                continue;
            }
            String problem;
            if (h != null && want.stream().noneMatch(e -> e.name().equals(h.name()))) {
                problem = folder.display(folder.dir().resolve(h.name())) + ": not in atlas.sum (added after 'atlas migrate hash')";
            } else if (w != null && have.stream().noneMatch(e -> e.name().equals(w.name()))) {
                problem = where + ": lists " + w.name() + ", which is missing from the folder";
            } else if (h != null && w != null && h.name().equals(w.name())) {
                problem = folder.display(folder.dir().resolve(h.name())) + ": edited after atlas.sum was written";
            } else {
                problem = where + ": lists the files in another order than their names sort";
            }
            sink.problem(problem + " (atlas: checksum mismatch); Atlas refuses the folder, so does dbshift: restore the"
                    + " file, or run 'atlas migrate hash' if the change is intended");
            return false;
        }
        return true;
    }

    /** The lines to translate from the file's directives; null after a problem. */
    private static Map<Integer, String> directives(FormatFolder folder, FormatSink sink, Path file, String text) {
        List<String> lines = FormatFiles.lines(text);
        int header = 0;
        while (header < lines.size() && (lines.get(header).startsWith("#") || lines.get(header).startsWith("--"))) {
            header++;
        }
        Map<Integer, String> edits = new HashMap<>();
        if (header >= lines.size() || !lines.get(header).isEmpty()) {
            return edits; // comments not detached from the first statement by a blank line: not file directives
        }
        boolean good = true;
        for (int i = 0; i < header; i++) {
            Matcher m = DIRECTIVE.matcher(lines.get(i).strip());
            if (!m.find()) {
                continue;
            }
            String where = folder.display(file) + ":" + (i + 1) + ": ";
            String value = m.group(3) == null ? "" : m.group(3).strip();
            switch (m.group(2)) {
                case "txmode" -> {
                    if (value.equals("none")) {
                        edits.put(i + 1, "-- dbshift:no-transaction");
                    } else if (!value.equals("file")) {
                        sink.problem(where + "atlas:txmode '" + value + "' is not a file transaction mode (none, file)");
                        good = false;
                    }
                }
                case "delimiter", "checkpoint" -> {
                    sink.problem(where + "atlas:" + m.group(2) + " is not supported by dbshift; without it the file would"
                            + (m.group(2).equals("delimiter") ? " be split into statements differently" : " run where Atlas skips it"));
                    good = false;
                }
                default -> {
                    // atlas:sum, atlas:nolint...: nothing to change in how the file runs
                }
            }
        }
        return good ? edits : null;
    }
}
