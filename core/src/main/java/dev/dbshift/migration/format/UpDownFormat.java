package dev.dbshift.migration.format;

import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Section;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * What golang-migrate and sqlx share: one folder (not its subfolders) where a migration's up and down are
 * separate files, {@code {version}_{title}.up.sql} and {@code {version}_{title}.down.sql}, paired by the
 * version's number (so {@code 0001} and {@code 1} are the same version, and two ups for it are a problem, as
 * both tools say). sqlx also reads a plain {@code {version}_{title}.sql} as an up-only migration; a
 * subclass says whether plain files are migrations and how a file's text becomes the script.
 */
abstract class UpDownFormat implements MigrationFormat {

    /** Whether {@code {version}_{title}.sql} (neither up nor down) is an up-only migration. */
    abstract boolean plainFiles();

    /** The section every script file is read through, or null for the whole file as written. */
    abstract Section section();

    private record Found(String digits, String title, List<Path> up, List<Path> down) {
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        FolderFiles files = FolderFiles.of(folder.dir());
        SingleFileFormat.subfolders(folder, files, sink, name());
        Map<BigInteger, Found> versions = new TreeMap<>();
        for (Path f : files.files()) {
            String fileName = FolderFiles.name(f);
            String display = folder.display(f);
            Matcher m = UpDownName.match(fileName);
            if (m != null) {
                if (!UpDownName.sqlExtension(m.group(4))) {
                    sink.problem(display + ": a " + name() + " migration in '." + m.group(4) + "'; dbshift runs SQL"
                            + " migrations only ({version}_{title}." + m.group(3) + ".sql)");
                    continue;
                }
                Found found = versions.computeIfAbsent(new BigInteger(m.group(1)),
                        k -> new Found(m.group(1), m.group(2), new ArrayList<>(), new ArrayList<>()));
                (m.group(3).equals("up") ? found.up() : found.down()).add(f);
                continue;
            }
            if (!FolderFiles.isSql(fileName)) {
                continue; // README.md, .keep: neither tool reads them
            }
            Matcher plain = FolderFiles.numbered(fileName);
            if (plainFiles() && plain != null && fileName.endsWith(".sql")) {
                Found found = versions.computeIfAbsent(new BigInteger(plain.group(1)), k -> new Found(plain.group(1),
                        plain.group(2).substring(0, plain.group(2).length() - ".sql".length()), new ArrayList<>(), new ArrayList<>()));
                found.up().add(f);
                continue;
            }
            sink.problem(display + ": not a " + name() + " migration name; expected {version}_{title}.up.sql and"
                    + " {version}_{title}.down.sql" + (plainFiles() ? ", or {version}_{title}.sql for one without a down" : "")
                    + " (e.g. 000001_create_users.up.sql)");
        }
        for (Map.Entry<BigInteger, Found> e : versions.entrySet()) {
            Found found = e.getValue();
            if (found.up().size() > 1) {
                sink.problem("version " + e.getKey() + " has more than one up script: " + String.join(", ",
                        found.up().stream().map(folder::display).toList()));
                continue;
            }
            if (found.down().size() > 1) {
                sink.problem("version " + e.getKey() + " has more than one down script: " + String.join(", ",
                        found.down().stream().map(folder::display).toList()));
                continue;
            }
            if (found.up().isEmpty()) {
                sink.problem(folder.display(found.down().get(0)) + ": a down script without an up script for version " + e.getKey());
                continue;
            }
            List<ScriptRef> up = List.of(script(folder, found.up().get(0)));
            List<ScriptRef> down = found.down().isEmpty() ? List.of() : List.of(script(folder, found.down().get(0)));
            sink.versioned(Version.parse(found.digits()), found.title().replace('_', ' ').trim(), up, down,
                    name() + ":" + e.getKey());
        }
    }

    private ScriptRef script(FormatFolder folder, Path f) {
        return new ScriptRef(folder.display(f), f, section());
    }
}
