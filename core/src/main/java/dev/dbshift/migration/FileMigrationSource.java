package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>This class reads names: which layout a file or folder follows and what it says. Where a location's
 * folders are (project folders, class path folders and jars) is {@link MigrationRoot}; pairing what the scan
 * found into migrations, with their checksums, is {@link ScanFindings}.
 */
public final class FileMigrationSource implements MigrationSource {
    private static final Pattern UP = Pattern.compile("(?:V)?([0-9][0-9._]*)__(.+)\\.sql");
    private static final Pattern DOWN = Pattern.compile("(?:U([0-9][0-9._]*)__(.+)\\.sql)|(?:([0-9][0-9._]*)__(.+)\\.down\\.sql)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    /** A class (or its source) named as Flyway names a Java migration: {@code V2__Seed.class}, {@code R__Views.java}. */
    private static final Pattern FLYWAY_JAVA = Pattern.compile("[VUR][0-9._]*__[A-Za-z0-9_$]+\\.(class|java)");
    private static final Pattern VERSION_DIR = Pattern.compile("([0-9][0-9._]*?)(?:__(.+))?");
    /** The {@code format} setting's default: each location's layout is detected. */
    public static final String AUTO = "auto";
    /** dbshift's own layout. */
    public static final String NATIVE = "dbshift";
    private static final Pattern ENV_FILE = Pattern.compile("([A-Za-z0-9_-]+)(\\.down)?\\.sql");

    private final Path projectDir;
    private final List<String> locations;
    private final String environment;
    private final ClassLoader classLoader;
    private final Charset encoding;
    private final List<String> declaredEnvironments;
    private final Opener opener;
    /** Other tools' layouts this source reads ({@link MigrationFormat}), in detection order. */
    private final List<MigrationFormat> formats;
    /** The {@code format} setting: {@code auto} (detect per location), {@code dbshift}, or a format's name. */
    private final String format;
    /** What the last {@link #list()} found (its callbacks are read from it); null before one. */
    private volatile ScanFindings lastListing;

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
        this(projectDir, locations, environment, classLoader, encoding, declaredEnvironments, Files::newInputStream,
                List.of(), AUTO);
    }

    private FileMigrationSource(Path projectDir, List<String> locations, String environment, ClassLoader classLoader,
                                Charset encoding, List<String> declaredEnvironments, Opener opener,
                                List<MigrationFormat> formats, String format) {
        this.opener = opener;
        this.formats = List.copyOf(formats);
        this.format = format == null ? AUTO : format;
        this.encoding = encoding;
        this.declaredEnvironments = List.copyOf(declaredEnvironments);
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.locations = List.copyOf(locations);
        this.environment = environment;
        this.classLoader = classLoader;
    }

    /** The same source, opening scripts through {@code other}. */
    public FileMigrationSource withOpener(Opener other) {
        return new FileMigrationSource(projectDir, locations, environment, classLoader, encoding, declaredEnvironments, other,
                formats, format);
    }

    /**
     * The same source, also reading other tools' layouts.
     *
     * @param format the {@code format} setting: {@code auto} (each location detected among {@code known}, else
     *               dbshift's layout), {@code dbshift}, or the name of one of {@code known} for every location
     */
    public FileMigrationSource withFormats(List<MigrationFormat> known, String format) {
        return new FileMigrationSource(projectDir, locations, environment, classLoader, encoding, declaredEnvironments, opener,
                known, format);
    }

    @Override
    public Charset encoding() {
        return encoding;
    }

    @Override
    public InputStream open(ScriptRef script) throws IOException {
        return opener.open(script.path());
    }

    /** Its files are read on any thread: a listing shares nothing with another but the {@link #lastListing}. */
    @Override
    public boolean listsOnAnyThread() {
        return true;
    }

    @Override
    public List<MigrationRef> list() {
        ScanFindings scan = scan();
        lastListing = scan;
        if (!scan.problems().isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT,
                    "migration files that cannot be read as migrations:\n  " + String.join("\n  ", scan.problems()));
        }
        return scan.migrations();
    }

    @Override
    public List<ScriptRef> initScripts() {
        ScanFindings scan = scan();
        if (!scan.problems().isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, String.join("\n", scan.problems()));
        }
        return scan.init();
    }

    /**
     * The callback scripts found by the last {@link #list()} of this source (a command lists, then runs, from one
     * reading of the folder: a second scan of every file only for the callbacks was a tenth of a no-op {@code up}'s
     * listing work at 10,000 migrations), or by a scan of their own when nothing was listed yet.
     */
    @Override
    public Map<String, List<ScriptRef>> callbacks() {
        ScanFindings listed = lastListing;
        ScanFindings scan = listed != null ? listed : scan();
        if (!scan.problems().isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, String.join("\n", scan.problems()));
        }
        return scan.callbacks();
    }

    private ScanFindings scan() {
        ScanFindings scan = new ScanFindings(this);
        for (String location : locations) {
            for (MigrationRoot root : MigrationRoot.of(location, projectDir, classLoader)) {
                FolderListing listing = format.equals(AUTO) ? listing(root) : null;
                MigrationFormat other = formatOf(root, listing);
                if (other == null) {
                    walk(root, root.dir(), listing, scan);
                } else {
                    readForeign(other, root, scan);
                }
            }
        }
        scan.finish();
        return scan;
    }

    /**
     * The other tool's layout {@code root} is in, or null for dbshift's own; {@code listing} is the root's, made for
     * the detectors when the format is {@code auto} (null otherwise).
     */
    private MigrationFormat formatOf(MigrationRoot root, FolderListing listing) {
        if (format.equals(NATIVE)) {
            return null;
        }
        if (!format.equals(AUTO)) {
            return formats.stream().filter(f -> f.name().equals(format)).findFirst()
                    .orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "format: unknown migration format '"
                            + format + "' (known: " + AUTO + ", " + NATIVE + ", "
                            + String.join(", ", formats.stream().map(MigrationFormat::name).toList()) + ")"));
        }
        try {
            for (MigrationFormat f : formats) {
                if (f.detect(listing)) {
                    return f;
                }
            }
        } catch (IOException e) {
            throw cannotRead(root, e);
        }
        return null;
    }

    /** {@code root} listed once, for the format detectors and then for dbshift's own walk of it. */
    private static FolderListing listing(MigrationRoot root) {
        try {
            return FolderListing.of(root.dir());
        } catch (IOException e) {
            throw cannotRead(root, e);
        }
    }

    private static DbShiftException cannotRead(MigrationRoot root, IOException e) {
        return new DbShiftException(DbShiftException.BAD_INPUT,
                (root.displayPrefix().isEmpty() ? root.dir().toString() : root.displayPrefix()) + ": cannot read: " + e.getMessage(), e);
    }

    private void readForeign(MigrationFormat other, MigrationRoot root, ScanFindings scan) {
        MigrationFormat.FormatFolder folder = new MigrationFormat.FormatFolder() {
            @Override
            public Path dir() {
                return root.dir();
            }

            @Override
            public String display(Path p) {
                return root.display(p);
            }

            @Override
            public String environment() {
                return environment;
            }

            @Override
            public String text(Path file) throws IOException {
                try (java.io.Reader r = ScriptDecoder.of(opener.open(file), encoding, root.display(file))) {
                    StringBuilder sb = new StringBuilder();
                    char[] b = new char[8192];
                    int n;
                    while ((n = r.read(b, 0, b.length)) > 0) {
                        sb.append(b, 0, n);
                    }
                    return sb.toString();
                }
            }
        };
        try {
            other.read(folder, scan);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, root.display(root.dir()) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * dbshift's own layout below {@code dir}, in path order; {@code listing}, when not null, is {@code dir}'s own
     * listing with each entry's attributes, used instead of listing and typing its entries again.
     */
    private void walk(MigrationRoot root, Path dir, FolderListing listing, ScanFindings scan) {
        List<FolderListing.Child> children = new ArrayList<>();
        if (listing != null) {
            children.addAll(listing.children());
        } else {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    // typed below, once the name says it is not hidden
                    children.add(new FolderListing.Child(fileName(p), p, null, null));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        children.sort(java.util.Comparator.comparing(FolderListing.Child::path));
        for (FolderListing.Child c : children) {
            Path child = c.path();
            String name = c.name();
            if (name.startsWith(".")) {
                continue;
            }
            BasicFileAttributes attributes = listing != null ? c.followed() : FolderListing.attributes(child);
            if (FolderListing.isDirectory(attributes)) {
                Matcher vd = VERSION_DIR.matcher(name);
                if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                    scan.problem(root.display(child) + "/: a folder named like a script; a migration is a .sql file"
                            + " or a version directory (e.g. 1.1/ or 1.1__desc/) holding all.sql");
                } else if (name.equals("init") && dir.equals(root.dir())) {
                    scanInit(root, child, scan);
                } else if (vd.matches()) {
                    scanVersionDir(root, child, vd.group(1), vd.group(2), scan);
                } else {
                    walk(root, child, null, scan);
                }
                continue;
            }
            if (!FolderListing.isRegularFile(attributes)) {
                if (name.toLowerCase(Locale.ROOT).endsWith(".sql") || name.contains("__")) {
                    scan.problem(notRegular(root, child));
                }
                continue;
            }
            file(root, child, name, root.display(dir, name, child), scan);
        }
    }

    /**
     * What is said of a file named as Flyway names a Java migration ({@code V2__Seed.class}, {@code R__Views.java}),
     * which dbshift does not run: silently passed over, it would be a migration silently not applied.
     */
    public static Optional<String> flywayJavaMigration(String fileName) {
        return FLYWAY_JAVA.matcher(fileName).matches()
                ? Optional.of(": a Flyway Java migration, which dbshift does not run; write it as a class that implements"
                + " dev.dbshift.migration.JavaMigration (its up(Connection) gets what Flyway's context.getConnection()"
                + " gave), listed in META-INF/services/dev.dbshift.migration.JavaMigration")
                : Optional.empty();
    }

    /** A FIFO, socket or device: never opened (reading a FIFO waits for a writer forever). */
    private static String notRegular(MigrationRoot root, Path p) {
        return root.display(p) + ": not a regular file (a FIFO, socket or device); dbshift does not open it";
    }

    private void file(MigrationRoot root, Path file, String name, String display, ScanFindings scan) {
        if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            if (name.contains("__")) {
                scan.problem(display + flywayJavaMigration(name).orElse(": looks like a migration but does not end in .sql"));
            }
            return;
        }
        if (!name.endsWith(".sql")) {
            scan.problem(display + ": the extension must be '.sql' in lower case");
            return;
        }
        Matcher m;
        if ((m = REPEATABLE.matcher(name)).matches()) {
            scan.repeatable(new ScriptRef(display, file), describe(m.group(1)));
            return;
        }
        if ((m = DOWN.matcher(name)).matches()) {
            String v = m.group(1) != null ? m.group(1) : m.group(3);
            String d = m.group(1) != null ? m.group(2) : m.group(4);
            String why = Version.problem(trimSeparators(v));
            if (why != null) {
                scan.problem(display + ": " + why);
                return;
            }
            scan.file(Version.parse(trimSeparators(v)), describe(d), display, file, true);
            return;
        }
        if ((m = UP.matcher(name)).matches()) {
            String why = Version.problem(trimSeparators(m.group(1)));
            if (why != null) {
                scan.problem(display + ": " + why);
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
                scan.problem(display + ": " + why);
                return;
            }
        }
        scan.problem(display + ": the name does not parse as a migration; expected VERSION__DESCRIPTION.sql"
                + " (e.g. 1.2__add_users.sql), VERSION__DESCRIPTION.down.sql, V…/U… (Flyway style) or R__DESCRIPTION.sql");
    }

    private void scanVersionDir(MigrationRoot root, Path dir, String versionText, String desc, ScanFindings scan) {
        String display = root.display(dir);
        String why = Version.problem(trimSeparators(versionText));
        if (why != null) {
            scan.problem(display + "/: " + why);
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
        int problems = scan.problemCount();
        for (Path f : files) {
            String name = fileName(f);
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(f)) {
                scan.problem(root.display(f) + "/: a version directory holds scripts, not folders");
                continue;
            }
            if (!name.endsWith(".sql")) {
                continue;
            }
            if (!Files.isRegularFile(f)) {
                scan.problem(notRegular(root, f));
                continue;
            }
            Matcher m = ENV_FILE.matcher(name);
            if (!m.matches()) {
                scan.problem(root.display(f) + ": in a version directory scripts are named all.sql or"
                        + " <environment>.sql (and .down.sql for their down scripts)");
                continue;
            }
            (m.group(2) == null ? up : down).put(m.group(1), new ScriptRef(root.display(f), f));
        }
        if (up.containsKey("up") && !declaredEnvironments.contains("up")) {
            // golang-migrate / diesel style: VERSION/up.sql and VERSION/down.sql are the up and down scripts
            if (up.containsKey("all") || down.containsKey("all")) {
                scan.problem(display + "/: holds both all.sql and up.sql; up.sql/down.sql (golang-migrate style) are"
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
            scan.problem(display + "/down.sql: a down script without an up script (up.sql or all.sql)");
            return;
        }
        undeclaredEnvironments(concat(up, down), scan, "a version directory holds all.sql and <environment>.sql");
        if (up.isEmpty()) {
            scan.problem(display + "/: a version directory without a script to run: put the up script in all.sql"
                    + " (every environment) or <environment>.sql" + (down.isEmpty() ? "" : " (it has only down scripts)"));
        }
        if (scan.problemCount() > problems) {
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

    private void scanInit(MigrationRoot root, Path dir, ScanFindings scan) {
        Map<String, ScriptRef> up = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.sql")) {
            for (Path f : ds) {
                String name = fileName(f);
                if (!Files.isRegularFile(f)) {
                    scan.problem(notRegular(root, f));
                    continue;
                }
                up.put(name.substring(0, name.length() - 4), new ScriptRef(root.display(f), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        undeclaredEnvironments(up.entrySet(), scan, "init/ holds all.sql and <environment>.sql");
        scan.init(pick(up));
    }

    /** With environments declared, an {@code <env>.sql} naming none of them is a typo that would never run. */
    private void undeclaredEnvironments(Iterable<Map.Entry<String, ScriptRef>> scripts, ScanFindings scan, String layout) {
        if (declaredEnvironments.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ScriptRef> e : scripts) {
            if (!e.getKey().equals("all") && !declaredEnvironments.contains(e.getKey())) {
                scan.problem(e.getValue().name() + ": names the environment '" + e.getKey() + "', which"
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
}
