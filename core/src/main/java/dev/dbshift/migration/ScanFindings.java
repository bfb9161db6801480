package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan of migration folders found, and how it becomes migrations: loose up and down files are paired by
 * version once every folder was scanned (a down script may sit in another folder than its up script), a version
 * directory and a repeatable script are one migration each, and every migration's checksum streams its up
 * scripts once, through the source's {@code open}; a versioned migration's squash marker is read on the way. The problems are every reason a file cannot be read as a migration, all reported together.
 *
 * <p>The scripts are read only when {@link #migrations()} is asked for: a scan for the init scripts or the callbacks
 * (each {@code up} asks for those too) reads names only, so a no-op {@code up} reads each script once, not twice.
 * Nothing is kept between scans: each {@code list()} reads the scripts as they are on disk at that moment.
 */
final class ScanFindings implements MigrationFormat.FormatSink {
    private final List<String> problems = new ArrayList<>();
    /** The migrations in the order found; each reads its scripts (checksum, squash marker) when built. */
    private final List<java.util.function.Supplier<MigrationRef>> migrations = new ArrayList<>();
    private final List<ScriptRef> repeatables = new ArrayList<>();
    private final List<String> repeatableDescriptions = new ArrayList<>();
    private final List<String> repeatableForeignIds = new ArrayList<>();
    private final List<ScriptRef> init = new ArrayList<>();
    private final Map<String, List<ScriptRef>> callbacks = new java.util.TreeMap<>();
    /** Loose files by version; more than one up for a version is a duplicate for the planner. */
    private final Map<Version, List<Loose>> loose = new HashMap<>();
    /** Where the scripts' bytes are read (every read of a script goes through its {@code open}). */
    private final MigrationSource source;

    ScanFindings(MigrationSource source) {
        this.source = source;
    }

    private record Loose(String description, String display, Path path, boolean down) {
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int problemCount() {
        return problems.size();
    }

    @Override
    public void problem(String problem) {
        problems.add(problem);
    }

    /** The migrations, after {@link #finish()}: reads every up script once, for its checksum. */
    List<MigrationRef> migrations() {
        List<MigrationRef> out = new ArrayList<>(migrations.size());
        for (java.util.function.Supplier<MigrationRef> m : migrations) {
            out.add(m.get());
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** The scripts {@code reset} runs. */
    List<ScriptRef> init() {
        return List.copyOf(init);
    }

    void init(List<ScriptRef> scripts) {
        init.addAll(scripts);
    }

    void repeatable(ScriptRef script, String description) {
        repeatable(script, description, null);
    }

    @Override
    public void repeatable(ScriptRef script, String description, String foreignId) {
        repeatables.add(script);
        repeatableDescriptions.add(description);
        repeatableForeignIds.add(foreignId);
    }

    @Override
    public void versioned(Version v, String description, List<ScriptRef> up, List<ScriptRef> down, String foreignId) {
        migrations.add(() -> ref(v, description, up, down, foreignId));
    }

    @Override
    public void baseline(Version v, String description, List<ScriptRef> up, String foreignId) {
        migrations.add(() -> new MigrationRef(v, description, MigrationKind.BASELINE, up, List.of(),
                ref(v, description, up, List.of(), foreignId).checksum(), null, null, foreignId));
    }

    @Override
    public void callback(String event, ScriptRef script) {
        callbacks.computeIfAbsent(event, k -> new ArrayList<>()).add(script);
    }

    /** The callback scripts by event, each event's in the order they were found. */
    Map<String, List<ScriptRef>> callbacks() {
        Map<String, List<ScriptRef>> out = new java.util.TreeMap<>();
        callbacks.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A loose up or down script of version {@code v}. */
    void file(Version v, String description, String display, Path path, boolean down) {
        loose.computeIfAbsent(v, k -> new ArrayList<>()).add(new Loose(description, display, path, down));
    }

    void versionDir(Version v, String description, String display, List<ScriptRef> up, List<ScriptRef> down) {
        migrations.add(() -> ref(v, description, up, down, null));
    }

    /** A versioned SQL migration: its checksum and its squash marker from one read of each up script. */
    private MigrationRef ref(Version v, String description, List<ScriptRef> up, List<ScriptRef> down, String foreignId) {
        SquashMarker.Capture[] first = new SquashMarker.Capture[1];
        String checksum = checksum(up, in -> first[0] = new SquashMarker.Capture(in));
        return new MigrationRef(v, description, MigrationKind.SQL, up, down, checksum, null,
                first[0] == null ? null : first[0].marker().orElse(null), foreignId);
    }

    /** Pairs the loose files and adds the repeatables: the migrations are complete. */
    void finish() {
        for (Map.Entry<Version, List<Loose>> e : loose.entrySet()) {
            List<Loose> ups = e.getValue().stream().filter(l -> !l.down).toList();
            List<Loose> downs = e.getValue().stream().filter(l -> l.down).toList();
            if (ups.isEmpty()) {
                for (Loose d : downs) {
                    problems.add(d.display + ": a down script without an up script for version " + e.getKey());
                }
                continue;
            }
            if (downs.size() > 1) {
                problems.add("version " + e.getKey() + " has more than one down script: "
                        + String.join(", ", downs.stream().map(Loose::display).toList()));
                continue;
            }
            for (Loose u : ups) {
                List<ScriptRef> up = List.of(new ScriptRef(u.display, u.path));
                List<ScriptRef> down = downs.isEmpty() ? List.of() : List.of(new ScriptRef(downs.get(0).display, downs.get(0).path));
                Version v = e.getKey();
                migrations.add(() -> ref(v, u.description, up, down, null));
            }
        }
        for (int i = 0; i < repeatables.size(); i++) {
            ScriptRef r = repeatables.get(i);
            String description = repeatableDescriptions.get(i);
            String foreignId = repeatableForeignIds.get(i);
            migrations.add(() -> new MigrationRef(null, description, MigrationKind.REPEATABLE,
                    List.of(r), List.of(), checksum(List.of(r), in -> in), null, null, foreignId));
        }
    }

    /** A section's text for its checksum: leading and trailing blank lines stripped ({@link Section}). */
    private java.io.InputStream sectionText(ScriptRef s) throws IOException {
        String text = source.text(s).strip();
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The scripts' checksum; the first script's stream passes through {@code first} (to read its marker on the way). */
    private String checksum(List<ScriptRef> scripts, java.util.function.UnaryOperator<java.io.InputStream> first) {
        Checksums.Builder b = Checksums.builder();
        for (int i = 0; i < scripts.size(); i++) {
            ScriptRef s = scripts.get(i);
            try {
                java.io.InputStream in = s.section() == null ? source.open(s) : sectionText(s);
                b.add(i == 0 ? first.apply(in) : in);
            } catch (IOException ex) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + ex.getMessage(), ex);
            }
        }
        return b.build();
    }
}
