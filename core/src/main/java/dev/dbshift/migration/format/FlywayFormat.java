package dev.dbshift.migration.format;

import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.FolderListing;
import dev.dbshift.migration.MigrationFormat;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's layout, by Flyway's own naming rules: {@code V<version>__<description>.sql} (versioned),
 * {@code U<version>__<description>.sql} (its undo, dbshift's down), {@code R__<description>.sql} (repeatable),
 * {@code B<version>__<description>.sql} (a baseline migration) and callbacks named after their event
 * ({@code beforeMigrate.sql}, {@code afterEachMigrate__audit.sql}), in every folder under the location.
 *
 * <p>What differs from dbshift's own layout, which also reads {@code V}, {@code U} and {@code R} files: the
 * prefixes are upper case and required (Flyway ignores {@code v1__x.sql} and {@code 1__x.sql}; here they are a
 * problem naming the file, as an ignored migration is one silently not applied); the version is everything
 * between the prefix and the first {@code __}, with {@code _} read as {@code .} ({@code V1_1__x.sql} is 1.1);
 * underscores in the description are spaces; repeatables run after the versioned ones, ordered by description;
 * there are no version directories, {@code .down.sql} twins or {@code init/}. A Flyway script config file
 * ({@code V1__x.sql.conf}) is refused, not ignored: what it says (no transaction, an encoding) would be lost.
 *
 * <p>Flyway's built-in placeholders {@code ${flyway:defaultSchema}}, {@code ${flyway:user}},
 * {@code ${flyway:table}}, {@code ${flyway:database}}, {@code ${flyway:timestamp}} become dbshift placeholders
 * named with a dot ({@code ${flyway.user}}; the session supplies them at run time), and
 * {@code ${flyway:filename}} the file's own name, through a {@link LineSection} of the whole file; in dbshift's
 * syntax {@code ${a:b}} means "a, else b", which would have silently turned them into their own names.
 * A file without them is read as a whole, as dbshift's layout reads it.
 *
 * <p>The history names Flyway records: {@code flyway:<version>} with the version as Flyway prints it (dots),
 * {@code flyway:R:<description>} for a repeatable.
 */
public final class FlywayFormat implements MigrationFormat {
    public static final String NAME = "flyway";
    /** The callback events dbshift runs, at the points Flyway runs them. */
    public static final List<String> CALLBACKS = List.of("beforeMigrate", "beforeEachMigrate", "afterEachMigrate", "afterMigrate");
    /** Flyway's other callback events: a file named after one is refused, naming the file, not ignored. */
    private static final Set<String> OTHER_EVENTS = Set.of("beforeEachMigrateStatement", "afterEachMigrateStatement",
            "afterEachMigrateStatementError", "afterEachMigrateError", "afterMigrateError", "afterMigrateApplied",
            "afterVersioned", "beforeRepeatables", "beforeClean", "afterClean", "afterCleanError", "beforeInfo",
            "afterInfo", "afterInfoError", "beforeValidate", "afterValidate", "afterValidateError", "beforeBaseline",
            "afterBaseline", "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError", "beforeUndo",
            "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement", "afterEachUndoStatementError",
            "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError", "createSchema", "beforeConnect",
            "afterConnect");
    private static final Pattern CALLBACK = Pattern.compile("([A-Za-z]+)(?:__(.*))?\\.sql");
    private static final Pattern FLYWAY_PLACEHOLDER = Pattern.compile("\\$\\{flyway:([A-Za-z]+)}");
    /** Files whose presence says "this is a Flyway project". */
    static final List<String> CONFIG_FILES = List.of("flyway.conf", "flyway.toml");

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A {@code flyway.conf}/{@code flyway.toml} in the folder or the project folder above it, or a file only
     * Flyway names so (a {@code B} baseline migration, a callback).
     */
    @Override
    public boolean detect(FolderListing folder) throws IOException {
        Path dir = folder.dir();
        for (String c : CONFIG_FILES) {
            if (folder.hasFile(c) || (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve(c)))) {
                return true;
            }
        }
        return folder.tree(Integer.MAX_VALUE).stream().map(t -> t.file().getFileName().toString()).anyMatch(FlywayFormat::flywayOnly);
    }

    private static boolean flywayOnly(String name) {
        if (name.startsWith("B") && name.indexOf("__") > 1 && name.endsWith(".sql")) {
            return Version.isVersion(name.substring(1, name.indexOf("__")));
        }
        Matcher m = CALLBACK.matcher(name);
        return m.matches() && (CALLBACKS.contains(m.group(1)) || OTHER_EVENTS.contains(m.group(1)));
    }

    @Override
    public void read(FormatFolder folder, FormatSink sink) throws IOException {
        List<Path> files = FolderListing.regularFiles(folder.dir());
        Map<Version, List<ScriptRef>> undo = new TreeMap<>();
        List<Versioned> versioned = new ArrayList<>();
        List<Versioned> baselines = new ArrayList<>();
        Map<String, ScriptRef> repeatable = new TreeMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String display = folder.display(f);
            if (name.startsWith(".") || folder.dir().relativize(f).toString().startsWith(".")) {
                continue;
            }
            if (name.endsWith(".sql.conf")) {
                sink.problem(display + ": a Flyway script configuration file; dbshift does not read them (for"
                        + " executeInTransaction=false put '-- dbshift:no-transaction' at the top of the script)");
                continue;
            }
            if (!name.endsWith(".sql")) {
                FileMigrationSource.flywayJavaMigration(name).ifPresent(p -> sink.problem(display + p));
                continue;
            }
            ScriptRef script = script(folder, f, display);
            Matcher cb = CALLBACK.matcher(name);
            if (cb.matches() && (CALLBACKS.contains(cb.group(1)) || OTHER_EVENTS.contains(cb.group(1)))) {
                if (CALLBACKS.contains(cb.group(1))) {
                    sink.callback(cb.group(1), script);
                } else {
                    sink.problem(display + ": the Flyway callback event '" + cb.group(1) + "' is not one dbshift runs"
                            + " (it runs " + String.join(", ", CALLBACKS) + ")");
                }
                continue;
            }
            char prefix = name.charAt(0);
            int sep = name.indexOf("__");
            if (prefix == 'R' && sep == 1) {
                String description = description(name.substring(3, name.length() - 4));
                ScriptRef before = repeatable.put(description, script);
                if (before != null) {
                    sink.problem(display + ": the repeatable migration '" + description + "' is also " + before.name());
                }
                continue;
            }
            if ((prefix == 'V' || prefix == 'U' || prefix == 'B') && sep > 1) {
                String v = name.substring(1, sep);
                String why = Version.problem(v);
                if (why != null) {
                    sink.problem(display + ": " + why);
                    continue;
                }
                Version version = Version.parse(v);
                String description = description(name.substring(sep + 2, name.length() - 4));
                switch (prefix) {
                    case 'V' -> versioned.add(new Versioned(version, description, script));
                    case 'B' -> baselines.add(new Versioned(version, description, script));
                    default -> undo.computeIfAbsent(version, k -> new ArrayList<>()).add(script);
                }
                continue;
            }
            sink.problem(display + ": not a Flyway migration name; Flyway reads V<version>__<description>.sql,"
                    + " U<version>__<description>.sql, R__<description>.sql, B<version>__<description>.sql and"
                    + " callbacks such as beforeMigrate.sql (prefixes in upper case)");
        }
        for (Versioned m : versioned) {
            List<ScriptRef> down = undo.getOrDefault(m.version, List.of());
            if (down.size() > 1) {
                sink.problem("version " + m.version + " has more than one undo script: "
                        + String.join(", ", down.stream().map(ScriptRef::name).toList()));
                continue;
            }
            sink.versioned(m.version, m.description, List.of(m.script), down, NAME + ":" + m.version);
        }
        for (Map.Entry<Version, List<ScriptRef>> u : undo.entrySet()) {
            if (versioned.stream().noneMatch(m -> m.version.equals(u.getKey()))) {
                sink.problem(u.getValue().get(0).name() + ": an undo script without a versioned migration V" + u.getKey());
            }
        }
        baselines.sort(Comparator.comparing(b -> b.version));
        for (Versioned b : baselines) {
            sink.baseline(b.version, b.description, List.of(b.script), NAME + ":" + b.version);
        }
        repeatable.forEach((description, script) -> sink.repeatable(script, description, NAME + ":R:" + description));
    }

    private record Versioned(Version version, String description, ScriptRef script) {
    }

    /**
     * The values of Flyway's built-in placeholders ({@code ${flyway:user}} is read as {@code ${flyway.user}}), as
     * Flyway gives them when it runs: the schema, the user, Flyway's history table, the database, the time.
     */
    public static Map<String, String> placeholders(String schema, String user, String database) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("flyway.defaultSchema", schema == null ? "" : schema);
        p.put("flyway.user", user == null ? "" : user);
        // Flyway's history table (flyway.table in flyway.conf sets the placeholder itself), never dbshift's own
        p.put("flyway.table", "flyway_schema_history");
        p.put("flyway.database", database == null ? "" : database);
        p.put("flyway.timestamp", java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' '));
        return p;
    }

    /** Flyway's description: the underscores of the name are spaces. */
    static String description(String fromName) {
        return fromName.replace('_', ' ').trim();
    }

    /** The file, or the section of it with Flyway's built-in placeholders in dbshift's syntax. */
    private static ScriptRef script(FormatFolder folder, Path f, String display) throws IOException {
        String text = folder.text(f);
        if (!FLYWAY_PLACEHOLDER.matcher(text).find()) {
            return new ScriptRef(display, f);
        }
        String fileName = f.getFileName().toString();
        return new ScriptRef(display, f, new LineSection("flyway placeholders", (i, line) -> {
            Matcher m = FLYWAY_PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String p = m.group(1);
                // an unknown one stays a placeholder, so it fails as unknown instead of becoming its own name
                String to = p.equals("filename") ? fileName : "${flyway." + p + "}";
                m.appendReplacement(out, Matcher.quoteReplacement(to));
            }
            m.appendTail(out);
            return out.toString();
        }));
    }
}
