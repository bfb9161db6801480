package dev.dbshift.command;

import dev.dbshift.MigrationFailedException;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.Settings;
import dev.dbshift.execute.Report;
import dev.dbshift.history.AppliedState;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Target;
import dev.dbshift.schema.SchemaDump;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;
import dev.dbshift.session.Takeover;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** {@code up}, {@code down}, their dry runs, and {@code init}. */
public final class Migrate {
    private final Project project;

    public Migrate(Project project) {
        this.project = project;
    }

    /** Creates the history tables (and the schema) if missing. */
    public void init() {
        try (Run ignored = Run.openLeavingInterruptedRuns(project)) {
            // opening the bracket took the lock and created the tables
        }
    }

    /**
     * {@code up} to {@code target}; null: the VERSION file's version, else head.
     *
     * @throws MigrationFailedException when a migration fails (its report is in the exception)
     */
    public Report up(String target) {
        return run("up", target, false);
    }

    /** {@code up} after dumping the database to {@code backup} (when not null). */
    public Report up(String target, Path backup) {
        if (backup != null) {
            SchemaDump.Result r = new SchemaCommands(project).dump(backup, true);
            project.listener().notice("backup written to " + r.file() + " (" + r.method() + ")");
        }
        return up(target);
    }

    /** Reverts down to {@code target}; null: one migration. */
    public Report down(String target) {
        return run("down", target, true);
    }

    public DryRun planUp(String target) {
        return dryRun("up", target, false);
    }

    public DryRun planDown(String target) {
        return dryRun("down", target, true);
    }

    private Target target(String text, boolean down) {
        Settings settings = project.settings();
        if (text != null && !text.isBlank()) {
            return Target.parse(text);
        }
        if (down) {
            return new Target.Relative(-1);
        }
        return settings.defaultTarget() != null
                ? new Target.AtOrBelow(Version.parse(settings.defaultTarget()), "the VERSION file (" + settings.defaultTarget() + ")")
                : new Target.Head();
    }

    private Plan plan(Planner planner, String command, Target target) {
        Settings settings = project.settings();
        return command.equals("down") ? planner.down(target)
                : planner.up(target, settings.outOfOrder(), settings.onFailure() == OnFailure.ROLLBACK_RUN);
    }

    private DryRun dryRun(String command, String targetText, boolean down) {
        Target target = target(targetText, down);
        try (Session s = project.open(false)) {
            List<MigrationRef> migrations = project.source().list();
            Planner planner = new Planner(migrations, Takeover.view(s, migrations).history().state());
            Plan plan = plan(planner, command, target);
            Execution.refuseBadScripts(s, plan);
            return Execution.describe(s, plan);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    private Report run(String command, String targetText, boolean down) {
        Target target = target(targetText, down);
        if (down && project.absentFile()) {
            // nothing is applied to a database that is not there: plan on it read as empty (a target past what is
            // applied is refused as on any database), and make nothing (a misspelt path made an empty file, "at base")
            try (Session s = project.open(false)) {
                List<MigrationRef> migrations = project.source().list();
                Plan plan = plan(new Planner(migrations, Takeover.view(s, migrations).history().state()), command, target);
                if (plan.steps().isEmpty()) {
                    return new Report(0, plan, List.of(), List.of(), true, null, null, null);
                }
            } catch (SQLException e) {
                throw project.failure(e);
            }
        }
        ListingAhead listing = ListingAhead.beforeCreating(project.source(), project.settings().url());
        try (Run run = Run.open(project, listing::get, listing::get)) {
            List<MigrationRef> migrations = listing.get();
            run.refuseUndecided();
            AppliedState before = Execution.refusingPartlySquashed(run.history(migrations));
            Plan plan = plan(new Planner(migrations, before), command, target);
            if (!down) {
                java.util.Optional<String> critical = Reset.criticalEnvironment(project.settings());
                if (critical.isPresent()) {
                    Execution.refuseBadScripts(run.session(), plan);
                    Lint.refuseErrors(run.session(), plan, "critical environment '" + critical.get() + "'");
                }
            }
            return Execution.execute(run, plan, command, target.toString(), before);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }
}
