package dev.dbshift.migration.format;

import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate's folder: {@code prisma/migrations/{timestamp}_{name}/migration.sql} beside
 * {@code migration_lock.toml}. Each folder is one migration with no down (Prisma has none); its version is the
 * timestamp, its {@link dev.dbshift.migration.MigrationRef#foreignId()} {@code prisma:<folder name>}, which is what
 * {@code _prisma_migrations.migration_name} records.
 *
 * <p>Detected by {@code migration_lock.toml} or by a {@code <digits>_<name>/migration.sql} folder. The lock file only
 * names the provider Prisma wrote the SQL for; dbshift runs it against the configured database and the server refuses
 * what it cannot run. Prisma applies folders in name order and dbshift in version order: where the two differ
 * (timestamps of different widths) the folder is refused rather than run in another order than Prisma's.
 */
public final class PrismaFormat implements MigrationFormat {
    static final String LOCK = "migration_lock.toml";
    private static final Pattern FOLDER = Pattern.compile("([0-9]+)_(.+)");

    @Override
    public String name() {
        return "prisma";
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        if (folder.hasFile(LOCK)) {
            return true;
        }
        for (Path p : folder.folders()) {
            if (FOLDER.matcher(FormatFiles.name(p)).matches()
                    && Files.isRegularFile(p.resolve("migration.sql"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        Version previous = null;
        String previousName = null;
        for (Path p : FormatFiles.migrationFolders(folder, sink, "a Prisma migration is a folder {timestamp}_{name}/ holding migration.sql")) {
            String name = FormatFiles.name(p);
            Matcher m = FOLDER.matcher(name);
            if (!m.matches()) {
                sink.problem(folder.display(p) + "/: not a Prisma migration folder name; expected {timestamp}_{name}"
                        + " (e.g. 20240101120000_init)");
                continue;
            }
            Path sql = p.resolve("migration.sql");
            if (!Files.isRegularFile(sql)) {
                sink.problem(folder.display(p) + "/: a Prisma migration folder without migration.sql");
                continue;
            }
            Version v = Version.parse(m.group(1));
            if (previous != null && v.compareTo(previous) <= 0) {
                sink.problem(folder.display(p) + "/: Prisma applies folders in name order, and this one sorts after "
                        + previousName + "/ whose timestamp is not lower; rename one so both orders agree");
            }
            previous = v;
            previousName = name;
            sink.versioned(v, m.group(2).replace('_', ' ').trim(), List.of(new ScriptRef(folder.display(sql), sql)), List.of(),
                    "prisma:" + name);
        }
    }
}
