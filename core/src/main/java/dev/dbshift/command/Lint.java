package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.check.LintProblems;
import dev.dbshift.check.ProjectLinter;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.history.HistoryView;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Fixer;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.lint.LintReport;
import dev.dbshift.lint.Linter;
import dev.dbshift.migration.MigrationFiles;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.session.Project;
import dev.dbshift.session.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code lint}: offline by default (the database kind comes from the URL, nothing connects); connected when asked,
 * or when only the pending migrations are wanted (the history says which), and then the server's version and row
 * estimates are facts the rules see. Also the guard of {@code up} on a critical target.
 */
public final class Lint {
    private final Project project;

    public Lint(Project project) {
        this.project = project;
    }

    /**
     * @param files   scripts to lint (as given on the command line: relative to the project or the working
     *                folder, or absolute); empty: every migration, or the pending ones
     * @param pending only the migrations the next {@code up} would apply (connects)
     * @param connect read the server's facts
     */
    public LintReport run(List<String> files, boolean pending, boolean connect) {
        List<MigrationRef> all = sorted(project.source().list());
        List<MigrationRef> chosen = files.isEmpty() ? all : byFiles(all, files);
        if (!pending && !connect) {
            Database database = Databases.forUrl(project.settings().url());
            return report(database, false, LintMigration.ServerFacts.NONE, chosen);
        }
        try (Session s = project.open(false)) {
            if (pending) {
                List<MigrationRef> todo = LintProblems.pending(all, HistoryView.of(s.rows(), List.of(), all).state());
                chosen = chosen.stream().filter(todo::contains).toList();
            }
            return report(s.database(), true, s.database().lintFacts(s.connection(), s.schema()), chosen);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /**
     * {@code lint --fix}: rewrites the pending migrations' scripts where a finding has a mechanical safe rewrite
     * ({@link Fixer}), writes the follow-up migrations some rewrites need, and lints again. Pending only: a rewrite
     * changes the script's checksum, which an applied migration must keep. Scripts on the class path are not rewritten.
     */
    public LintFixReport fix(List<String> files) {
        LintReport before = run(files, true, true);
        Database database = Databases.forUrl(project.settings().url());
        Fixer fixer = new Fixer(before.rules());
        List<MigrationRef> all = project.source().list();
        List<String> rewritten = new ArrayList<>();
        List<Finding> fixed = new ArrayList<>();
        List<LintFixReport.Left> left = new ArrayList<>();
        List<String> written = new ArrayList<>();
        Path dir = project.settings().projectDir();
        for (MigrationRef m : all) {
            for (ScriptRef script : m.up()) {
                List<Finding> here = before.findings().stream().filter(f -> f.file().equals(script.name())).toList();
                if (here.isEmpty()) {
                    continue;
                }
                if (script.path() == null || !"file".equals(script.path().getFileSystem().provider().getScheme())) {
                    here.forEach(f -> left.add(new LintFixReport.Left(f, "the script is not a file of the project")));
                    continue;
                }
                try {
                    String text = Files.readString(script.path(), project.source().encoding());
                    Fixer.Result r = fixer.fix(database.scriptDialect(), script.name(), text, here, !m.down().isEmpty(),
                            new LintMigration.ServerFacts(before.version(), java.util.Map.of()));
                    r.left().forEach(l -> left.add(new LintFixReport.Left(l.finding(), l.reason())));
                    if (!r.fixed().isEmpty()) {
                        MigrationFiles.replace(script.path(), r.text(), project.source().encoding());
                        rewritten.add(script.name());
                        fixed.addAll(r.fixed());
                    }
                    if (r.followUp().isPresent()) {
                        List<Version> versions = project.source().list().stream().map(MigrationRef::version)
                                .filter(java.util.Objects::nonNull).toList();
                        Path file = MigrationFiles.write(script.path().getParent().resolve(
                                Fixer.followUpFileName(versions, m.description(), Clock.systemUTC())), r.followUp().get());
                        written.add(dir.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/'));
                    }
                } catch (IOException e) {
                    throw new DbShiftException(DbShiftException.FAILED, script.name() + ": cannot rewrite: " + e.getMessage(), e);
                }
            }
        }
        return new LintFixReport(rewritten, fixed, left, written, run(files, true, true));
    }

    private LintReport report(Database database, boolean connected, LintMigration.ServerFacts facts, List<MigrationRef> migrations) {
        Linter linter = ProjectLinter.of(database, project.settings(), facts);
        return new LintReport(database.name(), connected, linter.facts().version(), migrations.size(), linter.rules(),
                linter.lint(project.source(), migrations));
    }

    /**
     * Refuses {@code plan} when an up script it applies has an error-level finding its script does not suppress
     * (exit 3, listing them). For {@code up} on a critical target only: elsewhere {@code lint} and {@code check} say it.
     */
    static void refuseErrors(Session s, Plan plan, String where) throws SQLException {
        List<MigrationRef> applied = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step.action() != Step.Action.REVERT && !applied.contains(step.migration())) {
                applied.add(step.migration());
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        Linter linter = ProjectLinter.of(s.database(), s.settings(), s.database().lintFacts(s.connection(), s.schema()));
        List<String> errors = linter.lint(s.project().source(), applied).stream()
                .filter(f -> f.level() == dev.dbshift.lint.Level.ERROR).map(LintReport::line).toList();
        if (!errors.isEmpty()) {
            throw new DbShiftException(DbShiftException.VALIDATION, "up is refused on " + where + ": "
                    + (errors.size() == 1 ? "a lint error" : errors.size() + " lint errors")
                    + " not suppressed in the script; nothing was run (fix the migration, or add"
                    + " '-- dbshift:lint-ignore RULE reason' above the statement):\n  " + String.join("\n  ", errors));
        }
    }

    /** The migrations holding {@code files}; a file that is none of their scripts is bad input naming it. */
    private List<MigrationRef> byFiles(List<MigrationRef> all, List<String> files) {
        Path dir = project.settings().projectDir();
        List<MigrationRef> out = new ArrayList<>();
        for (String file : files) {
            MigrationRef found = all.stream().filter(m -> holds(m, file, dir)).findFirst().orElseThrow(() ->
                    new DbShiftException(DbShiftException.BAD_INPUT, "lint: " + file + " is not a migration script of this"
                            + " project (locations: " + String.join(", ", project.settings().locations()) + ")"));
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return sorted(out);
    }

    private static boolean holds(MigrationRef m, String file, Path dir) {
        List<ScriptRef> scripts = new ArrayList<>(m.up());
        scripts.addAll(m.down());
        Path asGiven = Path.of(file).toAbsolutePath().normalize();
        Path inProject = dir.resolve(file).toAbsolutePath().normalize();
        return scripts.stream().anyMatch(s -> s.name().equals(file) || s.path() != null
                && "file".equals(s.path().getFileSystem().provider().getScheme())
                && (s.path().toAbsolutePath().normalize().equals(asGiven) || s.path().toAbsolutePath().normalize().equals(inProject)));
    }

    /** Versioned migrations by version, then repeatables by description. */
    private static List<MigrationRef> sorted(List<MigrationRef> migrations) {
        return migrations.stream().sorted(Comparator.comparing((MigrationRef m) -> m.version() == null)
                .thenComparing(m -> m.version(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(m -> String.valueOf(m.description()))).toList();
    }
}
