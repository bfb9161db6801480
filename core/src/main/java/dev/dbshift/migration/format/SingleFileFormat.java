package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What goose, dbmate and sql-migrate share: one folder (not its subfolders) of numbered {@code .sql} files,
 * each holding its up and down parts between the tool's markers. A subclass says how a file name gives the
 * version and the tool's own id, and what its markers are ({@link MarkedText.Syntax}).
 *
 * <p>Detected when the folder holds no file in dbshift's own layout and the first numbered {@code .sql}
 * files carry this tool's marker; a file that does not fit (a name without a version, a missing up marker,
 * an unclosed statement block) is a problem naming it, never skipped: a migration skipped is a migration
 * silently not applied.
 */
abstract class SingleFileFormat implements MigrationFormat {
    private final String name;
    private final MarkedText.Syntax syntax;
    private final Pattern fileName;
    private final String expectedName;

    /**
     * @param name         the tool's name, as the {@code format} setting and foreignIds spell it
     * @param syntax       its markers
     * @param fileName     the {@code .sql} names it reads, group 1 the version digits
     * @param expectedName what a name must look like, for the message about one that does not
     */
    SingleFileFormat(String name, MarkedText.Syntax syntax, Pattern fileName, String expectedName) {
        this.name = name;
        this.syntax = syntax;
        this.fileName = fileName;
        this.expectedName = expectedName;
    }

    @Override
    public final String name() {
        return name;
    }

    MarkedText.Syntax syntax() {
        return syntax;
    }

    /** The version digits in {@code fileName} ({@code .sql} file), or null when the tool would not read it. */
    String versionDigits(String fileName) {
        Matcher m = this.fileName.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    String expectedName() {
        return expectedName;
    }

    /** The tool's own id of the migration in {@code fileName} with {@code digits}, without the {@code tool:} prefix. */
    abstract String foreignId(String fileName, String digits);

    /** A problem for a non-SQL file, or null to leave it alone (goose's Go migrations say something). */
    String otherFile(String display, String fileName) {
        return null;
    }

    /** Files in the folder that mean this tool even without reading them (goose's {@code .go} migrations). */
    boolean toolFile(String fileName) {
        return false;
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        FolderFiles files = FolderFiles.of(folder);
        if (files.nativeOrManifest()) {
            return false;
        }
        if (files.files().stream().anyMatch(f -> toolFile(FolderFiles.name(f)))) {
            return true;
        }
        List<Path> sql = files.files().stream().filter(f -> FolderFiles.isSql(FolderFiles.name(f))).toList();
        return name().equals(FolderFiles.markerTool(sql));
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        FolderFiles files = FolderFiles.of(folder.dir());
        subfolders(folder, files, sink, name());
        Map<BigInteger, String> seen = new HashMap<>();
        for (Path f : files.files()) {
            String fileName = FolderFiles.name(f);
            String display = folder.display(f);
            if (!FolderFiles.isSql(fileName)) {
                String problem = otherFile(display, fileName);
                if (problem != null) {
                    sink.problem(problem);
                }
                continue;
            }
            String digits = versionDigits(fileName);
            if (digits == null) {
                sink.problem(display + ": not a " + name() + " migration name; expected " + expectedName());
                continue;
            }
            String earlier = seen.putIfAbsent(new BigInteger(digits), display);
            if (earlier != null) {
                sink.problem(display + ": version " + new BigInteger(digits) + " again (also " + earlier + ")");
                continue;
            }
            MarkedText.Outline outline = MarkedText.outline(display, folder.text(f), syntax());
            if (!outline.problems().isEmpty()) {
                outline.problems().forEach(sink::problem);
                continue;
            }
            ScriptRef up = new ScriptRef(display, f, new MarkedText.MarkedSection(syntax(), MarkedText.Kind.UP));
            List<ScriptRef> down = outline.hasDown()
                    ? List.of(new ScriptRef(display, f, new MarkedText.MarkedSection(syntax(), MarkedText.Kind.DOWN)))
                    : List.of();
            sink.versioned(Version.parse(digits), description(fileName, digits), List.of(up), down,
                    name() + ":" + foreignId(fileName, digits));
        }
    }

    /** Words of the name after the version, underscores as spaces, without the extension. */
    static String description(String fileName, String digits) {
        String rest = fileName.substring(digits.length(), fileName.length() - ".sql".length());
        return rest.replace('_', ' ').replace('-', ' ').trim();
    }

    /**
     * The numbered-file tools read the folder itself only; a subfolder holding {@code .sql} files would be
     * migrations they (and so we) never run: a problem, not a silent skip.
     */
    static void subfolders(FormatFolder folder, FolderFiles files, FormatSink sink, String tool) throws IOException {
        for (Path d : files.folders()) {
            try (Stream<Path> s = Files.walk(d)) {
                if (s.anyMatch(p -> FolderFiles.isSql(FolderFiles.name(p)))) {
                    sink.problem(folder.display(d) + "/: " + tool + " reads the migrations folder itself, not its subfolders;"
                            + " move these scripts up or make the subfolder a location of its own");
                }
            }
        }
    }
}
