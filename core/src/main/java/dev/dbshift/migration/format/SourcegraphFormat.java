package dev.dbshift.migration.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sourcegraph-style folders: {@code {version}/up.sql}, {@code down.sql} and {@code metadata.yaml} (also
 * {@code {version}_{name}/}). The {@link dev.dbshift.migration.MigrationRef#foreignId()} is
 * {@code sourcegraph:<version>}.
 *
 * <p>dbshift's own layout already reads a {@code {version}/up.sql} folder as that version's up and down scripts;
 * that stays so. This format is detected only when a folder has {@code metadata.yaml} (or is named with
 * {@code format = "sourcegraph"}), and adds what the manifest says: {@code name} is the description,
 * {@code parents} must name migrations of the folder with lower versions (dbshift applies in version order, so a
 * parent above its child would run after it: refused naming both), and {@code createIndexConcurrently: true}
 * becomes {@code -- dbshift:no-transaction} (the manifest line is a script of the migration whose only line is that
 * directive, see {@link FormatFiles#noTransaction}). {@code privileged} and {@code nonIdempotent} are accepted and
 * change nothing: they tell Sourcegraph's own runner when to ask an operator, and dbshift runs every migration the
 * same way. Any other key is refused naming it and its line.
 */
public final class SourcegraphFormat implements MigrationFormat {
    private static final Pattern FOLDER = Pattern.compile("([0-9]+)(?:_(.+))?");
    static final String METADATA = "metadata.yaml";
    private static final Set<String> KNOWN = Set.of("name", "parents", "createIndexConcurrently", "privileged", "nonIdempotent");

    @Override
    public String name() {
        return "sourcegraph";
    }

    @Override
    public boolean detect(FolderListing folder) throws IOException {
        for (Path p : folder.folders()) {
            if (FOLDER.matcher(FormatFiles.name(p)).matches() && Files.isRegularFile(p.resolve(METADATA))) {
                return true;
            }
        }
        return false;
    }

    /** A migration as its folder states it, before parents are checked against the others. */
    private record Found(Version version, String description, List<ScriptRef> up, List<ScriptRef> down,
                         List<String> parents, String display, String id) {
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        Map<String, Found> byId = new LinkedHashMap<>();
        for (Path p : FormatFiles.migrationFolders(folder, sink, "a migration here is a folder {version}/ holding up.sql and down.sql")) {
            String name = FormatFiles.name(p);
            Matcher m = FOLDER.matcher(name);
            if (!m.matches()) {
                sink.problem(folder.display(p) + "/: not a migration folder name; expected {version}/ (e.g. 1648051770/)");
                continue;
            }
            Found f = migration(folder, sink, p, m.group(1), m.group(2));
            if (f != null) {
                byId.put(f.id, f);
            }
        }
        for (Found f : byId.values()) {
            boolean ok = true;
            for (String parent : f.parents) {
                Found p = byId.get(parent);
                if (p == null) {
                    sink.problem(f.display + "/" + METADATA + ": parent " + parent + " is not a migration of this folder");
                    ok = false;
                } else if (p.version.compareTo(f.version) >= 0) {
                    sink.problem(f.display + "/" + METADATA + ": parent " + parent + " has a version not lower than "
                            + f.id + "; dbshift applies in version order, so the parent would run after its child");
                    ok = false;
                }
            }
            if (ok) {
                sink.versioned(f.version, f.description, f.up, f.down, "sourcegraph:" + f.id);
            }
        }
    }

    private Found migration(FormatFolder folder, FormatSink sink, Path dir, String version, String nameInFolder) throws IOException {
        FormatFiles.UpDown scripts = FormatFiles.upDown(folder, sink, dir);
        if (scripts == null) {
            return null;
        }
        List<ScriptRef> ups = scripts.up();
        List<ScriptRef> downs = scripts.down();
        String description = nameInFolder == null ? "" : nameInFolder.replace('_', ' ').trim();
        List<String> parents = new ArrayList<>();
        Path metadata = dir.resolve(METADATA);
        if (Files.isRegularFile(metadata)) {
            String text = folder.text(metadata);
            JsonNode tree;
            try {
                tree = Yaml.MAPPER.readTree(text);
            } catch (JacksonException e) {
                sink.problem(folder.display(metadata) + ": not YAML: " + e.getOriginalMessage());
                return null;
            }
            if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
                if (!tree.isObject()) {
                    sink.problem(folder.display(metadata) + ": expected keys (name, parents, createIndexConcurrently...)");
                    return null;
                }
                boolean good = true;
                for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    JsonNode v = tree.get(key);
                    String where = folder.display(metadata) + ":" + FormatFiles.lineOf(text, key + ":") + ": ";
                    switch (key) {
                        case "name" -> description = v.asText();
                        case "parents" -> {
                            if (!v.isArray()) {
                                sink.problem(where + "parents must be a list of versions");
                                good = false;
                            }
                            v.forEach(x -> parents.add(x.asText()));
                        }
                        case "createIndexConcurrently", "privileged", "nonIdempotent" -> {
                            if (!v.isBoolean()) {
                                sink.problem(where + key + " must be true or false");
                                good = false;
                            } else if (key.equals("createIndexConcurrently") && v.booleanValue()) {
                                ScriptRef noTx = FormatFiles.noTransaction(folder, metadata, FormatFiles.lineOf(text, key + ":"));
                                ups.add(noTx);
                                downs.add(noTx);
                            }
                        }
                        default -> {
                            sink.problem(where + "'" + key + "' is not a migration setting dbshift knows (known: "
                                    + String.join(", ", KNOWN.stream().sorted().toList()) + ")");
                            good = false;
                        }
                    }
                }
                if (!good) {
                    return null;
                }
            }
        }
        return new Found(Version.parse(version), description, ups, downs, parents, folder.display(dir), version);
    }

    /** Built on first use: a mapper takes a noticeable part of a command's start, and only this layout needs it. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = new YAMLMapper();
    }
}
