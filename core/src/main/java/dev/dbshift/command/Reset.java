package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.CriticalTarget;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.Report;
import dev.dbshift.history.AppliedState;
import dev.dbshift.migration.Checksums;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Step;
import dev.dbshift.plan.Target;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code reset}: drops every object in the target schema, runs the init scripts ({@code init/all.sql},
 * then {@code init/<env>.sql}), then every migration. Refused on a critical environment; asking the
 * person first is the caller's job (the command line asks, or needs {@code --yes}).
 */
public final class Reset {
    private final Project project;

    public Reset(Project project) {
        this.project = project;
    }

    public ResetReport run() {
        refuseCritical();
        MigrationSource source = project.source();
        List<MigrationRef> migrations = source.list();
        List<ScriptRef> init = source.initScripts();
        Settings s = project.settings();
        try (Run run = Run.open(project, () -> migrations)) {
            Session session = run.session();
            Plan initPlan = initPlan(source, init);
            // every script reset will run must be readable before anything is dropped
            Execution.refuseBadScripts(session, initPlan);
            Execution.refuseBadScripts(session, headFromNothing(migrations, false));
            session.database().dropAll(session.connection(), session.schema());
            session.store().create();
            // everything was dropped: the init scripts start from an empty history (and their rows count for no migration)
            Report initReport = Execution.execute(run, initPlan, "reset", "init", AppliedState.of(List.of()));
            AppliedState afterInit = run.history(migrations).state();
            Plan up = new Planner(migrations, afterInit).up(new Target.Head(), s.outOfOrder(), s.onFailure() == OnFailure.ROLLBACK_RUN);
            return new ResetReport(session.schema(), initReport, Execution.execute(run, up, "reset", "head", afterInit));
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    public ResetPlan plan() {
        refuseCritical();
        MigrationSource source = project.source();
        List<MigrationRef> migrations = source.list();
        List<ScriptRef> init = source.initScripts();
        try (Session s = project.open(false)) {
            return new ResetPlan(s.schema(), init.stream().map(ScriptRef::name).toList(),
                    Execution.describe(s, headFromNothing(migrations, project.settings().onFailure() == OnFailure.ROLLBACK_RUN)));
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /** Runs the init scripts on this database, as reset does after dropping everything (a scratch schema's first step). */
    Report runInitScripts() {
        MigrationSource source = project.source();
        List<ScriptRef> init = source.initScripts();
        try (Run run = Run.open(project, source::list)) {
            return Execution.execute(run, initPlan(source, init), "init", "init", run.history(List.of()).state());
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    private Plan headFromNothing(List<MigrationRef> migrations, boolean rollbackRun) {
        return new Planner(migrations, AppliedState.of(List.of())).up(new Target.Head(), project.settings().outOfOrder(), rollbackRun);
    }

    /**
     * Refuses a critical environment by name, and any target that resolves to the database of one (another
     * environment name, DBSHIFT_URL, --url, --dsn: the guard is on where the command would go, not on what it
     * is called). When a critical environment's URL cannot be known, reset cannot know it is safe: exit 3.
     */
    private void refuseCritical() {
        Settings s = project.settings();
        if (s.critical()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "reset is refused on environment '" + s.environment()
                    + "': it is listed in critical_environments, and no flag overrides that");
        }
        String target = target(s.url(), s.schema());
        for (CriticalTarget critical : s.criticalTargets()) {
            if (critical.unresolved() != null) {
                throw new DbShiftException(DbShiftException.VALIDATION, "reset cannot tell whether " + s.maskedUrl()
                        + " is the database of critical environment '" + critical.environment() + "': "
                        + critical.unresolved() + "; nothing was changed");
            }
            if (target.equals(target(critical.url(), critical.schema()))) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "reset is refused: " + s.maskedUrl()
                        + (s.schema() == null ? "" : " (schemas " + s.schema() + ", from " + s.origins().get("schemas") + ")")
                        + ", from " + s.origins().getOrDefault("url", "default") + ", is the database of critical environment '"
                        + critical.environment() + "' (" + critical.origin() + "), whatever this environment is called;"
                        + " no flag overrides that");
            }
        }
    }

    /**
     * The critical environment this command's target is, by name or by where it resolves to (as {@code reset}
     * refuses it); empty when it is none, or when a critical environment's URL cannot be known.
     */
    static java.util.Optional<String> criticalEnvironment(Settings s) {
        if (s.critical()) {
            return java.util.Optional.of(s.environment());
        }
        if (s.criticalTargets().isEmpty()) {
            return java.util.Optional.empty();   // no target to compare: the URL's host is not resolved (every up did)
        }
        String target = target(s.url(), s.schema());
        return s.criticalTargets().stream().filter(c -> c.unresolved() == null && target.equals(target(c.url(), c.schema())))
                .map(CriticalTarget::environment).findFirst();
    }

    private static String target(String url, String schema) {
        try {
            return Databases.forUrl(url).target(url, schema);
        } catch (DbShiftException unknownDatabase) {
            return url + "#" + schema;
        }
    }

    /** The init scripts as one step of kind init (logged, but no migration: the applied state ignores it). */
    private static Plan initPlan(MigrationSource source, List<ScriptRef> init) {
        if (init.isEmpty()) {
            return new Plan("reset", new Target.Base(), null, null, List.of(), List.of());
        }
        Checksums.Builder b = Checksums.builder();
        for (ScriptRef s : init) {
            try {
                b.add(source.open(s));
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
            }
        }
        MigrationRef ref = new MigrationRef(null, "init", MigrationKind.INIT, init, List.of(), b.build(), null);
        return new Plan("reset", new Target.Base(), null, null, List.of(Step.of(Step.Action.APPLY, ref)), List.of());
    }
}
