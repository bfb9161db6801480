package dev.dbshift.migration.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diesel's folder: {@code migrations/{version}_{name}/up.sql} and {@code down.sql} (optional since Diesel 2), with
 * an optional {@code metadata.toml}. The version is the part of the folder name before the first {@code _} with its
 * dashes removed, as Diesel takes it ({@code 2024-01-01-120000_create_users} is {@code 20240101120000}); that is
 * what {@code __diesel_schema_migrations.version} records, so the
 * {@link dev.dbshift.migration.MigrationRef#foreignId()} is {@code diesel:<version>}. Diesel's
 * {@code 00000000000000_diesel_initial_setup} is version 0, applied first like any other.
 *
 * <p>{@code metadata.toml}'s {@code run_in_transaction = false} becomes {@code -- dbshift:no-transaction}: the
 * manifest is one more script of the migration whose only line is that directive (see
 * {@link FormatFiles#noTransaction}). Any other key is refused naming it: a setting dbshift did not honour would
 * run the migration another way than Diesel does.
 *
 * <p>Detected by a folder named like {@code diesel migration generate} names them
 * ({@code YYYY-MM-DD-HHMMSS_name}), the initial setup folder, or {@code diesel.toml} in the folder above. Folders
 * named {@code <digits>_<name>/} (also Diesel's) are read with {@code format = "diesel"}; detected they would be
 * ambiguous with other tools.
 */
public final class DieselFormat implements MigrationFormat {
    private static final Pattern FOLDER = Pattern.compile("([0-9][0-9-]*)_(.+)");
    private static final Pattern GENERATED = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}_.+");
    static final String INITIAL_SETUP = "00000000000000_diesel_initial_setup";

    @Override
    public String name() {
        return "diesel";
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        Path parent = folder.dir().toAbsolutePath().getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("diesel.toml"))) {
            return true;
        }
        for (Path p : folder.folders()) {
            String name = FormatFiles.name(p);
            if ((name.equals(INITIAL_SETUP) || GENERATED.matcher(name).matches())
                    && Files.isRegularFile(p.resolve("up.sql"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        for (Path p : FormatFiles.migrationFolders(folder, sink, "a Diesel migration is a folder {version}_{name}/ holding up.sql and down.sql")) {
            String name = FormatFiles.name(p);
            Matcher m = FOLDER.matcher(name);
            String version = m.matches() ? m.group(1).replace("-", "") : null;
            if (version == null || version.isEmpty()) {
                sink.problem(folder.display(p) + "/: not a Diesel migration folder name; expected {version}_{name}"
                        + " (e.g. 2024-01-01-120000_create_users)");
                continue;
            }
            migration(folder, sink, p, version, m.group(2));
        }
    }

    private void migration(FormatFolder folder, FormatSink sink, Path dir, String version, String name) throws IOException {
        FormatFiles.UpDown scripts = FormatFiles.upDown(folder, sink, dir);
        if (scripts == null) {
            return;
        }
        List<ScriptRef> ups = scripts.up();
        List<ScriptRef> downs = scripts.down();
        Path metadata = dir.resolve("metadata.toml");
        if (Files.isRegularFile(metadata)) {
            List<ScriptRef> noTransaction = metadata(folder, sink, metadata);
            if (noTransaction == null) {
                return;
            }
            ups.addAll(noTransaction);
            downs.addAll(noTransaction);
        }
        sink.versioned(Version.parse(version), name.replace('_', ' ').trim(), ups, downs, "diesel:" + version);
    }

    /** The no-transaction script {@code metadata.toml} makes (none when it keeps the transaction); null on a problem. */
    private List<ScriptRef> metadata(FormatFolder folder, FormatSink sink, Path metadata) throws IOException {
        String text = folder.text(metadata);
        JsonNode tree;
        try {
            tree = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            sink.problem(folder.display(metadata) + ": not TOML: " + e.getOriginalMessage());
            return null;
        }
        boolean good = true;
        boolean inTransaction = true;
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode value = tree.get(key);
            if (key.equals("run_in_transaction") && value.isBoolean()) {
                inTransaction = value.booleanValue();
            } else {
                sink.problem(folder.display(metadata) + ":" + FormatFiles.lineOf(text, key) + ": '" + key + "' is not a"
                        + " Diesel migration setting dbshift knows (known: run_in_transaction = true|false)");
                good = false;
            }
        }
        if (!good) {
            return null;
        }
        return inTransaction ? List.of()
                : List.of(FormatFiles.noTransaction(folder, metadata, FormatFiles.lineOf(text, "run_in_transaction")));
    }

    /** Built on first use: a mapper takes a noticeable part of a command's start, and only this layout needs it. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }
}
