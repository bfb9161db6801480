package dev.dbshift.migration.format;

import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the folder formats share: listing a folder in name order, reading text, and scripts with translated lines. */
final class FormatFiles {
    private FormatFiles() {
    }

    /** The entries of {@code dir} in name order (as the tools order them), hidden ones ({@code .git}, {@code .keep}) left out. */
    static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!name(p).startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> name(a).compareTo(name(b)));
        return out;
    }

    /** The file name, without the trailing slash a zip file system gives folders. */
    static String name(Path p) {
        String s = p.getFileName().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static String readAll(Reader r) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        r.transferTo(w);
        return w.toString();
    }

    /**
     * The sub-folders of the location, each one migration in the folder formats; a loose {@code .sql} file beside
     * them is a problem ({@code layout} says what a migration is instead), since it would never run.
     */
    static List<Path> migrationFolders(MigrationFormat.FormatFolder folder, MigrationFormat.FormatSink sink, String layout)
            throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : children(folder.dir())) {
            if (Files.isDirectory(p)) {
                out.add(p);
            } else if (name(p).endsWith(".sql")) {
                sink.problem(folder.display(p) + ": " + layout + ", not a loose .sql file");
            }
        }
        return out;
    }

    /** A migration folder's {@code up.sql} and optional {@code down.sql}. */
    record UpDown(List<ScriptRef> up, List<ScriptRef> down) {
    }

    /**
     * {@code dir}'s {@code up.sql} and {@code down.sql} (Diesel, Sourcegraph) as lists more scripts can join; null
     * after a problem: no {@code up.sql}, or another {@code .sql} file that would never run.
     */
    static UpDown upDown(MigrationFormat.FormatFolder folder, MigrationFormat.FormatSink sink, Path dir) throws IOException {
        boolean ok = true;
        for (Path f : children(dir)) {
            String n = name(f);
            if (n.endsWith(".sql") && !n.equals("up.sql") && !n.equals("down.sql")) {
                sink.problem(folder.display(f) + ": a migration folder holds up.sql and down.sql only; this script would never run");
                ok = false;
            }
        }
        Path up = dir.resolve("up.sql");
        Path down = dir.resolve("down.sql");
        if (!Files.isRegularFile(up)) {
            sink.problem(folder.display(dir) + "/: a migration folder without up.sql");
            return null;
        }
        List<ScriptRef> downs = new ArrayList<>();
        if (Files.isRegularFile(down)) {
            downs.add(new ScriptRef(folder.display(down), down));
        }
        return ok ? new UpDown(new ArrayList<>(List.of(new ScriptRef(folder.display(up), up))), downs) : null;
    }

    /** The lines of {@code text} (a trailing line break makes no extra line; a {@code \r} before it is dropped). */
    static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** {@code file} as a script: the whole file when {@code edits} is empty, else the file with those lines replaced. */
    static ScriptRef script(MigrationFormat.FormatFolder folder, Path file, String label, Map<Integer, String> edits) {
        return edits.isEmpty() ? new ScriptRef(folder.display(file), file)
                : new ScriptRef(folder.display(file), file, new EditedLines(label, edits, true));
    }

    /**
     * A manifest line that means "run this migration outside a transaction" as a script of its own: the manifest with
     * that line turned into {@code -- dbshift:no-transaction} and every other line blank. The executor decides the
     * transaction mode over all scripts of a migration, so the directive applies to its SQL files; the manifest is part
     * of the checksum, so turning the setting on or off later shows as an edit.
     */
    static ScriptRef noTransaction(MigrationFormat.FormatFolder folder, Path manifest, int line) {
        return new ScriptRef(folder.display(manifest), manifest,
                new EditedLines("no-transaction", Map.of(line, "-- dbshift:no-transaction"), false));
    }

    /** The 1-based number of the first line of {@code text} that starts (after blanks) with {@code key}, or 0. */
    static int lineOf(String text, String key) {
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(key)) {
                return i + 1;
            }
        }
        return 0;
    }
}
