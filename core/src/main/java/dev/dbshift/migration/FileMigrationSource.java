package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migrations in folders (or, with {@code classpath:}, in folders and jars on the class path).
 *
 * <p>File names, as DESIGN.md lays them out:
 * <ul>
 *   <li>{@code 1.0.0__create_users.sql} or {@code V1.0.0__create_users.sql}: an up script;</li>
 *   <li>{@code 1.0.0__create_users.down.sql} or {@code U1.0.0__create_users.sql}: its down script;</li>
 *   <li>{@code R__views.sql}: repeatable;</li>
 *   <li>a folder named like a version ({@code 1.1/} or {@code 1.1__desc/}) holding {@code all.sql} and
 *       {@code <environment>.sql} (and {@code .down.sql} twins): a version directory; up runs
 *       {@code all.sql} then the environment's script, down the environment's down script first;</li>
 *   <li>{@code init/all.sql}, {@code init/<environment>.sql}: what {@code reset} runs;</li>
 *   <li>any other folder is searched too.</li>
 * </ul>
 * A {@code .sql} file whose name does not parse, or any file that looks like a migration (has
 * {@code __}) but does not end in {@code .sql}, is an error naming the file and what is wrong:
 * a misnamed migration silently ignored would be a migration silently not applied. Other files
 * (README.md, .gitkeep) are left alone.
 */
public final class FileMigrationSource implements MigrationSource {
    private static final Pattern UP = Pattern.compile("(?:V)?([0-9][0-9._]*)__(.+)\\.sql");
    private static final Pattern DOWN = Pattern.compile("(?:U([0-9][0-9._]*)__(.+)\\.sql)|(?:([0-9][0-9._]*)__(.+)\\.down\\.sql)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern VERSION_DIR = Pattern.compile("([0-9][0-9._]*?)(?:__(.+))?");
    private static final Pattern ENV_FILE = Pattern.compile("([A-Za-z0-9_-]+)(\\.down)?\\.sql");

    private final Path projectDir;
    private final List<String> locations;
    private final String environment;
    private final ClassLoader classLoader;
    private final Charset encoding;
    private final List<String> declaredEnvironments;
    private final Opener opener;

    /** How the source opens a script's bytes: every read of a script goes through it (tests count them). */
    @FunctionalInterface
    public interface Opener {
        InputStream open(Path file) throws IOException;
    }

    /** UTF-8 scripts, no declared environments. */
    public FileMigrationSource(Path projectDir, List<String> locations, String environment, ClassLoader classLoader) {
        this(projectDir, locations, environment, classLoader, StandardCharsets.UTF_8, List.of());
    }

    /**
     * @param projectDir  where relative locations start, and what display names are relative to
     * @param locations   folders, relative or absolute, or {@code classpath:db/migration}
     * @param environment the current environment, or null: picks {@code <environment>.sql} in version directories
     * @param encoding    the scripts' character set
     * @param declaredEnvironments the environments dbshift.toml declares; when there are any, a version
     *                    directory's {@code <env>.sql} must name one of them (a typo such as {@code prdo.sql}
     *                    would otherwise be a script that never runs anywhere)
     */
    public FileMigrationSource(Path projectDir, List<String> locations, String environment, ClassLoader classLoader,
                               Charset encoding, List<String> declaredEnvironments) {
        this(projectDir, locations, environment, classLoader, encoding, declaredEnvironments, Files::newInputStream);
    }

    private FileMigrationSource(Path projectDir, List<String> locations, String environment, ClassLoader classLoader,
                                Charset encoding, List<String> declaredEnvironments, Opener opener) {
        this.opener = opener;
        this.encoding = encoding;
        this.declaredEnvironments = List.copyOf(declaredEnvironments);
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.locations = List.copyOf(locations);
        this.environment = environment;
        this.classLoader = classLoader;
    }

    /** The same source, opening scripts through {@code other}. */
    public FileMigrationSource withOpener(Opener other) {
        return new FileMigrationSource(projectDir, locations, environment, classLoader, encoding, declaredEnvironments, other);
    }

    @Override
    public Charset encoding() {
        return encoding;
    }

    @Override
    public InputStream open(ScriptRef script) throws IOException {
        return opener.open(script.path());
    }

    @Override
    public List<MigrationRef> list() {
        Scan scan = scan();
        if (!scan.problems.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT,
                    "migration files that cannot be read as migrations:\n  " + String.join("\n  ", scan.problems));
        }
        return scan.migrations;
    }

    @Override
    public List<ScriptRef> initScripts() {
        Scan scan = scan();
        if (!scan.problems.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, String.join("\n", scan.problems));
        }
        return scan.init;
    }

    private Scan scan() {
        Scan scan = new Scan();
        for (String location : locations) {
            for (Root root : roots(location)) {
                walk(root, root.dir, scan);
            }
        }
        scan.finish();
        return scan;
    }

    /** A folder to scan and the prefix its display names get. */
    private record Root(Path dir, String displayPrefix) {
        String display(Path p) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            return displayPrefix.isEmpty() ? rel : displayPrefix + "/" + rel;
        }
    }

    private List<Root> roots(String location) {
        if (location.startsWith("classpath:")) {
            String res = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            List<Root> roots = new ArrayList<>();
            try {
                Enumeration<URL> urls = classLoader.getResources(res);
                for (URL url : Collections.list(urls)) {
                    URI uri = url.toURI();
                    Path p;
                    if ("jar".equals(uri.getScheme())) {
                        FileSystem fs;
                        try {
                            fs = FileSystems.newFileSystem(uri, Map.of());
                        } catch (FileSystemAlreadyExistsException e) {
                            fs = FileSystems.getFileSystem(uri);
                        }
                        p = fs.provider().getPath(uri);
                    } else {
                        p = Path.of(uri);
                    }
                    roots.add(new Root(p, "classpath:" + res));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            if (roots.isEmpty()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT,
                        "locations: " + location + " is not on the class path");
            }
            return roots;
        }
        Path dir = projectDir.resolve(location).normalize();
        if (!Files.isDirectory(dir)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT,
                    "locations: the migrations folder " + dir + " does not exist"
                            + " (set 'locations' in dbshift.toml or run from the project folder, or pass -C DIR)");
        }
        String prefix = dir.startsWith(projectDir) ? projectDir.relativize(dir).toString().replace('\\', '/') : dir.toString();
        return List.of(new Root(dir, prefix));
    }

    private void walk(Root root, Path dir, Scan scan) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        children.sort(null);
        for (Path child : children) {
            String name = fileName(child);
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(child)) {
                Matcher vd = VERSION_DIR.matcher(name);
                if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                    scan.problems.add(root.display(child) + "/: a folder named like a script; a migration is a .sql file"
                            + " or a version directory (e.g. 1.1/ or 1.1__desc/) holding all.sql");
                } else if (name.equals("init") && dir.equals(root.dir)) {
                    scanInit(root, child, scan);
                } else if (vd.matches()) {
                    scanVersionDir(root, child, vd.group(1), vd.group(2), scan);
                } else {
                    walk(root, child, scan);
                }
                continue;
            }
            if (!Files.isRegularFile(child)) {
                if (name.toLowerCase(Locale.ROOT).endsWith(".sql") || name.contains("__")) {
                    scan.problems.add(notRegular(root, child));
                }
                continue;
            }
            file(root, child, name, scan);
        }
    }

    /** A FIFO, socket or device: never opened (reading a FIFO waits for a writer forever). */
    private static String notRegular(Root root, Path p) {
        return root.display(p) + ": not a regular file (a FIFO, socket or device); dbshift does not open it";
    }

    private void file(Root root, Path file, String name, Scan scan) {
        String display = root.display(file);
        if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            if (name.contains("__")) {
                scan.problems.add(display + ": looks like a migration but does not end in .sql");
            }
            return;
        }
        if (!name.endsWith(".sql")) {
            scan.problems.add(display + ": the extension must be '.sql' in lower case");
            return;
        }
        Matcher m;
        if ((m = REPEATABLE.matcher(name)).matches()) {
            scan.repeatables.add(new ScriptRef(display, file));
            scan.repeatableDescriptions.add(describe(m.group(1)));
            return;
        }
        if ((m = DOWN.matcher(name)).matches()) {
            String v = m.group(1) != null ? m.group(1) : m.group(3);
            String d = m.group(1) != null ? m.group(2) : m.group(4);
            String why = Version.problem(trimSeparators(v));
            if (why != null) {
                scan.problems.add(display + ": " + why);
                return;
            }
            scan.file(Version.parse(trimSeparators(v)), describe(d), display, file, true);
            return;
        }
        if ((m = UP.matcher(name)).matches()) {
            String why = Version.problem(trimSeparators(m.group(1)));
            if (why != null) {
                scan.problems.add(display + ": " + why);
                return;
            }
            scan.file(Version.parse(trimSeparators(m.group(1))), describe(m.group(2)), display, file, false);
            return;
        }
        int sep = name.indexOf("__");
        if (sep > 0) {
            String prefix = name.substring(0, sep);
            String v = prefix.startsWith("V") || prefix.startsWith("U") ? prefix.substring(1) : prefix;
            String why = Version.problem(v);
            if (why != null) {
                scan.problems.add(display + ": " + why);
                return;
            }
        }
        scan.problems.add(display + ": the name does not parse as a migration; expected VERSION__DESCRIPTION.sql"
                + " (e.g. 1.2__add_users.sql), VERSION__DESCRIPTION.down.sql, V…/U… (Flyway style) or R__DESCRIPTION.sql");
    }

    private void scanVersionDir(Root root, Path dir, String versionText, String desc, Scan scan) {
        String display = root.display(dir);
        String why = Version.problem(trimSeparators(versionText));
        if (why != null) {
            scan.problems.add(display + "/: " + why);
            return;
        }
        Version version = Version.parse(trimSeparators(versionText));
        Map<String, ScriptRef> up = new TreeMap<>();
        Map<String, ScriptRef> down = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        int problems = scan.problems.size();
        for (Path f : files) {
            String name = fileName(f);
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(f)) {
                scan.problems.add(root.display(f) + "/: a version directory holds scripts, not folders");
                continue;
            }
            if (!name.endsWith(".sql")) {
                continue;
            }
            if (!Files.isRegularFile(f)) {
                scan.problems.add(notRegular(root, f));
                continue;
            }
            Matcher m = ENV_FILE.matcher(name);
            if (!m.matches()) {
                scan.problems.add(root.display(f) + ": in a version directory scripts are named all.sql or"
                        + " <environment>.sql (and .down.sql for their down scripts)");
                continue;
            }
            (m.group(2) == null ? up : down).put(m.group(1), new ScriptRef(root.display(f), f));
        }
        if (up.containsKey("up") && !declaredEnvironments.contains("up")) {
            // golang-migrate / diesel style: VERSION/up.sql and VERSION/down.sql are the up and down scripts
            if (up.containsKey("all") || down.containsKey("all")) {
                scan.problems.add(display + "/: holds both all.sql and up.sql; up.sql/down.sql (golang-migrate style) are"
                        + " this version's up and down scripts, all.sql/<env>.sql are dbshift's: use one of the two");
                return;
            }
            up.put("all", up.remove("up"));
            ScriptRef d = up.remove("down");
            if (d != null) {
                down.put("all", d);
            }
        }
        if (up.containsKey("down") && !up.containsKey("all") && !declaredEnvironments.contains("down")) {
            scan.problems.add(display + "/down.sql: a down script without an up script (up.sql or all.sql)");
            return;
        }
        undeclaredEnvironments(concat(up, down), scan, "a version directory holds all.sql and <environment>.sql");
        if (up.isEmpty()) {
            scan.problems.add(display + "/: a version directory without a script to run: put the up script in all.sql"
                    + " (every environment) or <environment>.sql" + (down.isEmpty() ? "" : " (it has only down scripts)"));
        }
        if (scan.problems.size() > problems) {
            return;
        }
        List<ScriptRef> ups = pick(up);
        // reverting undoes the environment's part first: the opposite order of the up scripts
        List<ScriptRef> downs = new ArrayList<>(pick(down));
        java.util.Collections.reverse(downs);
        String description = desc != null ? describe(desc) : "";
        scan.versionDir(version, description, display, ups, downs);
    }

    private static List<Map.Entry<String, ScriptRef>> concat(Map<String, ScriptRef> a, Map<String, ScriptRef> b) {
        List<Map.Entry<String, ScriptRef>> out = new ArrayList<>(a.entrySet());
        out.addAll(b.entrySet());
        return out;
    }

    private List<ScriptRef> pick(Map<String, ScriptRef> byEnv) {
        List<ScriptRef> out = new ArrayList<>();
        if (byEnv.containsKey("all")) {
            out.add(byEnv.get("all"));
        }
        if (environment != null && !environment.equals("all") && byEnv.containsKey(environment)) {
            out.add(byEnv.get(environment));
        }
        return out;
    }

    private void scanInit(Root root, Path dir, Scan scan) {
        Map<String, ScriptRef> up = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.sql")) {
            for (Path f : ds) {
                String name = fileName(f);
                if (!Files.isRegularFile(f)) {
                    scan.problems.add(notRegular(root, f));
                    continue;
                }
                up.put(name.substring(0, name.length() - 4), new ScriptRef(root.display(f), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        undeclaredEnvironments(up.entrySet(), scan, "init/ holds all.sql and <environment>.sql");
        scan.init.addAll(pick(up));
    }

    /** With environments declared, an {@code <env>.sql} naming none of them is a typo that would never run. */
    private void undeclaredEnvironments(Iterable<Map.Entry<String, ScriptRef>> scripts, Scan scan, String layout) {
        if (declaredEnvironments.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ScriptRef> e : scripts) {
            if (!e.getKey().equals("all") && !declaredEnvironments.contains(e.getKey())) {
                scan.problems.add(e.getValue().name() + ": names the environment '" + e.getKey() + "', which"
                        + " dbshift.toml does not declare (declared: " + String.join(", ", declaredEnvironments) + "); " + layout);
            }
        }
    }

    private static String fileName(Path p) {
        String s = p.getFileName().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String trimSeparators(String v) {
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == '.' || v.charAt(end - 1) == '_')) {
            end--;
        }
        return v.substring(0, end);
    }

    static String describe(String fromName) {
        return fromName.replace('_', ' ').trim();
    }

    /** What a scan found, before it is checked and turned into migrations. */
    private final class Scan {
        final List<String> problems = new ArrayList<>();
        final List<MigrationRef> migrations = new ArrayList<>();
        final List<ScriptRef> repeatables = new ArrayList<>();
        final List<String> repeatableDescriptions = new ArrayList<>();
        final List<ScriptRef> init = new ArrayList<>();
        /** Loose files by version; more than one up for a version is a duplicate for the planner. */
        final Map<Version, List<Loose>> loose = new HashMap<>();

        private record Loose(String description, String display, Path path, boolean down) {
        }

        void file(Version v, String description, String display, Path path, boolean down) {
            loose.computeIfAbsent(v, k -> new ArrayList<>()).add(new Loose(description, display, path, down));
        }

        void versionDir(Version v, String description, String display, List<ScriptRef> up, List<ScriptRef> down) {
            migrations.add(versioned(v, description, up, down));
        }

        /** A versioned SQL migration: its checksum and its squash marker from one read of each up script. */
        private MigrationRef versioned(Version v, String description, List<ScriptRef> up, List<ScriptRef> down) {
            SquashMarker.Capture[] first = new SquashMarker.Capture[1];
            String checksum = checksum(up, in -> first[0] = new SquashMarker.Capture(in));
            return new MigrationRef(v, description, MigrationKind.SQL, up, down, checksum, null,
                    first[0] == null ? null : first[0].marker().orElse(null));
        }

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
                    migrations.add(versioned(e.getKey(), u.description, up, down));
                }
            }
            for (int i = 0; i < repeatables.size(); i++) {
                ScriptRef r = repeatables.get(i);
                migrations.add(new MigrationRef(null, repeatableDescriptions.get(i), MigrationKind.REPEATABLE,
                        List.of(r), List.of(), checksum(List.of(r), in -> in), null));
            }
        }

        /** The scripts' checksum; the first script's stream passes through {@code first} (to read its marker on the way). */
        private String checksum(List<ScriptRef> scripts, java.util.function.UnaryOperator<InputStream> first) {
            Checksums.Builder b = Checksums.builder();
            for (int i = 0; i < scripts.size(); i++) {
                ScriptRef s = scripts.get(i);
                try {
                    InputStream in = open(s);
                    b.add(i == 0 ? first.apply(in) : in);
                } catch (IOException ex) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + ex.getMessage(), ex);
                }
            }
            return b.build();
        }
    }
}
