package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.config.Settings;
import dev.dbshift.config.SettingsLoader;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationFiles;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.Version;
import dev.dbshift.migration.WholeFile;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.PrivateFile;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The schema model's commands for one project (reached by {@code DbShift.schema()}): the live
 * schema's model, the schema the migrations produce (built in a scratch schema on the same server),
 * another database's, DDL for a diff, dumps, baselines and new migration files. Kept apart from the
 * facade so that it stays a short list of commands.
 */
public final class SchemaCommands {
    private final Project project;

    public SchemaCommands(Project project) {
        this.project = project;
    }

    /** The live schema's model (history tables left out). */
    public SchemaModel live() {
        try (Session s = project.open(false)) {
            return s.readSchema();
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /**
     * The schema the migrations produce up to {@code target} ({@code head}, a version, {@code base}),
     * built as {@code reset} builds a database: the init scripts, then the migrations, in a scratch
     * place on the same server ({@link Database#scratch}: PostgreSQL and H2 a database of its own, SQLite a scratch
     * file, MySQL/MariaDB a scratch database whose replay refuses a script naming another database) that is dropped
     * afterwards. The migrations run again there, so nothing they name may reach the live schema: a replayed data
     * migration qualified with it wrote its rows into the live tables again.
     */
    public SchemaModel at(String target) {
        Settings settings = project.settings();
        Database database = Databases.forUrl(settings.url());
        String name = scratchName(Instant.now());
        Database.Scratch scratch;
        List<Database.ReplayGuard> guards;
        // only read here (the scratch is made beside it): an embedded file that is not there stays so (live() says it)
        try (Connection live = project.connectToRead(false)) {
            scratch = database.scratch(settings.url(), name,
                    settings.schemas().isEmpty() ? List.of(database.currentSchema(live)) : settings.schemas());
            List<String> left = database.scratchDatabases(live).stream().filter(n -> leftBehind(n, Instant.now())).toList();
            if (!left.isEmpty()) {
                project.listener().notice("scratch databases made over an hour ago, by a run stopped before it dropped"
                        + " them (or one still running): " + String.join(", ", left) + " (drop them: DROP DATABASE <name>)");
            }
            // made last: nothing after it here may fail and leave it behind (the guards of a scratch database read nothing)
            try {
                database.createScratch(live, scratch);
            } catch (SQLException e) {
                Optional<Database.Scratch> inPlace = database.scratchInPlace(settings.url(), name);
                if (inPlace.isEmpty()) {
                    throw e;
                }
                project.listener().notice("the scratch database " + name + " could not be made ("
                        + settings.secrets().scrub(e.getMessage()) + "): the migrations are replayed in a scratch schema of"
                        + " this database instead, and a script naming another schema of it is not replayed");
                scratch = inPlace.get();
            }
            guards = database.replayGuard(live, scratch);
        } catch (SQLException e) {
            throw project.failure(e);
        }
        MigrationSource source = guards.isEmpty() ? project.source() : new ReplayGuardSource(project.source(), guards, name,
                settings.placeholders());
        Project builder = new Project(settings.withTarget(scratch.url(), settings.user(), settings.password(),
                scratch.schemas(), dev.dbshift.config.SchemaChecksums.OFF), source, ExecutionListener.NONE);
        Connection keeper = null;
        try {
            if (scratch.heldOpen()) {
                keeper = builder.connect();
            }
            // what reset builds: init/all.sql and init/<env>.sql first, so objects they create are not "drift"
            try {
                new Reset(builder).runInitScripts();
            } catch (MigrationFailedException e) {
                throw new DbShiftException(DbShiftException.FAILED, "building the schema the migrations produce"
                        + " in the scratch " + name + " failed in the init scripts: " + e.report().error(), e);
            }
            if (!"base".equals(target)) {
                try {
                    new Migrate(builder).up(target == null ? "head" : target);
                } catch (MigrationFailedException e) {
                    throw new DbShiftException(DbShiftException.FAILED, "building the schema the migrations produce"
                            + " in the scratch " + name + " failed: " + e.getMessage(), e);
                }
            }
            return new SchemaCommands(builder).live();
        } catch (SQLException e) {
            throw builder.failure(e);
        } finally {
            if (keeper != null) {
                try {
                    keeper.close();
                } catch (SQLException e) {
                    project.listener().notice("could not close the scratch database " + name + ": " + settings.secrets().scrub(e.getMessage()));
                }
            } else {
                try (Connection c = project.connectToRead(false)) {
                    database.dropScratch(c, scratch);
                } catch (SQLException e) {
                    project.listener().notice("could not drop the scratch " + name + ": " + settings.secrets().scrub(e.getMessage()));
                }
            }
        }
    }

    private static final java.util.regex.Pattern SCRATCH_NAME = java.util.regex.Pattern.compile(
            "dbshift_scratch_([0-9a-f]{1,12})_[0-9a-f]{4}");

    /** A scratch's name, which says when it was made: {@code dbshift_scratch_<epoch seconds, hex>_<4 random hex>}. */
    static String scratchName(Instant now) {
        return "dbshift_scratch_" + Long.toHexString(now.getEpochSecond()) + "_"
                + String.format("%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** True for a scratch name made over an hour before {@code now}: a replay seldom runs that long, a stopped one left it. */
    static boolean leftBehind(String name, Instant now) {
        java.util.regex.Matcher m = SCRATCH_NAME.matcher(name);
        return m.matches() && Instant.ofEpochSecond(Long.parseLong(m.group(1), 16)).isBefore(now.minus(java.time.Duration.ofHours(1)));
    }

    /** The model of another database (a reference for {@code diff --to-url} and {@code new --autogenerate}). */
    public SchemaModel of(String url, String user, String password) {
        Settings own = project.settings();
        Settings other = SettingsLoader.load(own.projectDir(), otherTarget(url, user, password), Map.of());
        return new SchemaCommands(project.withSettings(own.withTarget(other.url(), other.user(), other.password(),
                other.schemas(), own.schemaChecksums()), project.listener())).live();
    }

    private static Map<String, Object> otherTarget(String url, String user, String password) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("url", url);
        if (user != null) {
            flags.put("user", user);
        }
        if (password != null) {
            flags.put("password", password);
        }
        return flags;
    }

    /** DDL, in this database's dialect, that turns {@code diff.from()} into {@code diff.to()}. */
    public List<String> ddl(SchemaDiff diff) {
        return Databases.forUrl(project.settings().url()).ddlWriter().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                "this database has no DDL writer")).write(diff);
    }

    /**
     * Dumps the schema (and with {@code data}, the rows) to {@code file}: pg_dump / mariadb-dump when installed, else JDBC.
     * The dump is written to a hidden file beside {@code file} and renamed over it once complete, so a dump that fails
     * part way (a table it may not read, a cut connection, a full disk) leaves no file that ends early and reads like a
     * whole dump: {@code file} is the last complete dump, or is not there.
     */
    public SchemaDump.Result dump(Path file, boolean data) {
        Path target = file.toAbsolutePath();
        Path staged = null;
        try (Session s = project.open(false)) {
            SchemaDump dump = s.database().schemaDump().orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT,
                    "this database has no dump"));
            staged = PrivateFile.stage(target);
            SchemaDump.Result result = dump.dump(s.connection(), new SchemaDump.Request(project.settings().url(), s.user(),
                    project.settings().password().reveal(), s.schema(), data, staged));
            PrivateFile.putInPlace(staged, target);
            // what a dump tool said of the hidden file (pg_dump's refusal, kept beside the built-in dump's name) is
            // said of the file the user named
            return new SchemaDump.Result(result.method().replace(staged.toString(), target.toString()), target);
        } catch (SQLException e) {
            throw project.failure(e);
        } catch (IOException e) {
            String said = project.settings().secrets().scrub(String.valueOf(e));
            throw new DbShiftException(DbShiftException.FAILED, file + ": cannot write the dump: "
                    + said.replace(WholeFile.staged(target).toString(), target.toString()), e);
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // hidden, and the next dump to this file removes it
                }
            }
        }
    }

    /**
     * Adopts an existing database: writes its schema as a baseline migration file and records it as
     * applied (operation {@code baseline}) without running it. Refused when the history has rows.
     */
    public Path baseline(String version) {
        return adopt(version).file();
    }

    /**
     * What {@link #adopt} did: the baseline file it wrote, or found (an earlier {@code init --baseline} wrote it and was
     * stopped before it recorded it, and it holds the schema as it would be written now).
     */
    public record Baseline(Path file, boolean found) {
    }

    /**
     * {@link #baseline}, saying whether the file was written now or found as an earlier run left it: a run stopped
     * (killed, its connection cut) between writing the file and recording it left a file no later run would overwrite
     * and an empty history, and {@code up} then ran the baseline against the tables it describes. A file that holds
     * the schema as it would be written now, but for its first line's time, is recorded as it is; any other is refused.
     */
    public Baseline adopt(String version) {
        String v = version == null ? "1" : version;
        Version.parseArgument(v, "init --baseline");
        Settings settings = project.settings();
        try (Run run = Run.open(project, project.source()::list)) {
            Session s = run.session();
            if (!s.store().read().isEmpty()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "init --baseline: the history of " + s.schema()
                        + " is not empty; a baseline adopts a database dbshift has never migrated");
            }
            SchemaModel model = s.readSchema();
            dev.dbshift.schema.DdlWriter writer = s.database().ddlWriter().orElseThrow();
            Path dir = settings.projectDir().resolve(firstFolder());
            // the built-in dump's statements: the model's DDL alone left out what the schema needs beside it (an
            // extension whose type a column has, a collation) and what it carries (comments, unique constraints)
            Optional<dev.dbshift.schema.JdbcSchemaDump> dump = s.database().schemaDump().flatMap(SchemaDump::builtIn);
            String body = writer.script(dump.isPresent() ? dump.get().statements(s.connection(), s.schema(), model)
                    : writer.create(model));
            Path target = dir.resolve(v + "__baseline.sql");
            boolean found = Files.isRegularFile(target) && holdsBaseline(target, body);
            if (!found && Files.exists(target)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "init --baseline: " + settings.projectDir().relativize(target)
                        + " exists already and is not the schema of " + s.schema() + " as it stands; dbshift never overwrites a"
                        + " migration: move it away, or give another version (init --baseline=VERSION)");
            }
            Path file = found ? target : MigrationFiles.write(target,
                    BASELINE_HEADER + s.schema() + " when it adopted dbshift (" + Instant.now() + ")\n\n" + body);
            String name = settings.projectDir().relativize(file).toString().replace('\\', '/');
            String checksum = dev.dbshift.migration.Checksums.builder().add(java.nio.file.Files.newInputStream(file)).build();
            long runId = run.begin("init --baseline", v, null);
            s.store().append(HistoryRow.applied(new HistoryRow.Origin(runId, settings.environment(), s.user()),
                    new HistoryRow.Subject(v, "baseline", MigrationKind.BASELINE.code(), Operation.BASELINE, name, checksum),
                    model.checksum(), HistoryRow.Timing.at(Instant.now())));
            run.end(v, true);
            return new Baseline(file, found);
        } catch (SQLException e) {
            throw project.failure(e);
        } catch (IOException e) {
            throw new DbShiftException(DbShiftException.FAILED, e.getMessage(), e);
        }
    }

    private static final String BASELINE_HEADER = "-- dbshift baseline: the schema of ";

    /** True when {@code file} is a baseline {@link #adopt} wrote of the schema {@code body} is the DDL of: its first line aside, the same text. */
    private static boolean holdsBaseline(Path file, String body) throws IOException {
        String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        int end = text.indexOf("\n\n");
        return text.startsWith(BASELINE_HEADER) && end > 0 && text.indexOf('\n') == end && text.substring(end + 2).equals(body);
    }

    /** Writes the next migration file (and its down file) from a template, or from a diff with {@code autogenerate}. */
    public List<Path> newMigration(String description, boolean autogenerate, String referenceUrl, String referenceUser,
                                   String referencePassword) {
        Path dir = project.settings().projectDir().resolve(firstFolder());
        if ("default".equals(project.settings().origins().get(dev.dbshift.config.Setting.LOCATIONS.name())) && !Files.exists(dir)) {
            // a project's first migration: its folder, where no setting named another, is made as the file is written
            // (a folder a setting names is not: a misspelt one would hold migrations no run reads)
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "new: cannot create the migrations folder " + dir + ": " + e.getMessage());
            }
        }
        List<MigrationRef> migrations = project.source().list();
        List<Version> versions = migrations.stream().map(m -> m.version()).filter(v -> v != null).toList();
        String version = MigrationFiles.nextVersion(versions, java.time.Clock.systemUTC());
        String slug = MigrationFiles.slug(description);
        boolean flyway = flywayNamed(migrations);
        String up = "-- " + description + "\n\n";
        String down = "-- revert: " + description + "\n\n";
        if (autogenerate) {
            SchemaModel produced = at("head");
            SchemaModel reference = referenceUrl == null ? live() : of(referenceUrl, referenceUser, referencePassword);
            SchemaDiff diff = SchemaDiff.between(produced, reference);
            if (diff.isEmpty()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "new --autogenerate: the reference database already"
                        + " has the schema the migrations produce; nothing to generate");
            }
            up += warnings(diff) + script(ddl(diff));
            down += warnings(diff.reverse()) + script(ddl(diff.reverse()));
        }
        Path upFile = MigrationFiles.write(dir.resolve((flyway ? "V" : "") + version + "__" + slug + ".sql"), up);
        try {
            return List.of(upFile, MigrationFiles.write(dir.resolve(flyway ? "U" + version + "__" + slug + ".sql"
                    : version + "__" + slug + ".down.sql"), down));
        } catch (RuntimeException downRefused) {
            // the pair or nothing: an up script left alone would be the next migration without the down asked for
            try {
                Files.deleteIfExists(upFile);
            } catch (IOException ignored) {
                downRefused.addSuppressed(ignored);
            }
            throw downRefused;
        }
    }

    /**
     * Whether the project names its migrations as Flyway does ({@code V3__x.sql}, undone by {@code U3__x.sql}): its
     * highest versioned SQL migration's file says so, and a new one is named the same way, as {@link #downFor} does.
     */
    private static boolean flywayNamed(List<MigrationRef> migrations) {
        return migrations.stream().filter(m -> m.version() != null && !m.up().isEmpty())
                .max(java.util.Comparator.comparing(MigrationRef::version))
                .map(m -> m.up().get(0).path().getFileName().toString().matches("V[0-9].*__.*")).orElse(false);
    }

    /**
     * Writes the down script of an applied or written migration that has none, from the schema before
     * and after it (both built in scratch schemas).
     */
    public Path downFor(String versionText) {
        Version version = Version.parseArgument(versionText, "new --down-for");
        List<MigrationRef> migrations = project.source().list();
        MigrationRef m = migrations.stream().filter(r -> version.equals(r.version())).findFirst()
                .orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "new --down-for: unknown version " + version));
        if (m.hasDown()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "new --down-for: " + m.label() + " has a down script already: "
                    + m.downScriptName());
        }
        if (m.up().isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "new --down-for: " + m.label() + " is not a SQL migration");
        }
        Version before = migrations.stream().map(MigrationRef::version).filter(v -> v != null && v.compareTo(version) < 0)
                .max(Version::compareTo).orElse(null);
        SchemaModel after = at(version.toString());
        SchemaModel prior = at(before == null ? "base" : before.toString());
        SchemaDiff diff = SchemaDiff.between(after, prior);
        Path up = m.up().get(0).path();
        String name = up.getFileName().toString();
        Path target = name.startsWith("V") ? up.resolveSibling("U" + name.substring(1)) : up.resolveSibling(name.replaceAll("\\.sql$", ".down.sql"));
        if (up.getParent().getFileName().toString().startsWith(version.toString()) && name.equals("all.sql")) {
            target = up.resolveSibling("all.down.sql");
        }
        return MigrationFiles.write(target, "-- down script of " + m.label() + ", generated from the schema before and after it\n\n"
                + warnings(diff) + script(ddl(diff)));
    }

    private String firstFolder() {
        return project.settings().locations().stream().filter(l -> !l.startsWith("classpath:")).findFirst()
                .orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "locations: no folder to write migrations to"));
    }

    private static String warnings(SchemaDiff diff) {
        StringBuilder b = new StringBuilder();
        diff.warnings().forEach(w -> b.append("-- WARNING: ").append(w).append('\n'));
        return b.length() == 0 ? "" : b.append('\n').toString();
    }

    /** Statements as a script the vendor's client and dbshift's splitter read (DELIMITER where MySQL needs it). */
    private String script(List<String> ddl) {
        return Databases.forUrl(project.settings().url()).ddlWriter().orElseThrow().script(ddl);
    }
}
