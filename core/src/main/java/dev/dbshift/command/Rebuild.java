package dev.dbshift.command;

import dev.dbshift.execute.Report;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryView;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.RebuildPlanner;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;

import java.sql.SQLException;
import java.util.List;

/** {@code rebuild}: runs one migration again (down then up, or the rest of a partly applied one), and its dry run. */
public final class Rebuild {
    private final Project project;

    public Rebuild(Project project) {
        this.project = project;
    }

    public Report run(String version) {
        Version v = Version.parseArgument(Arguments.strip(version), "rebuild");
        List<MigrationRef> migrations = project.source().list();
        try (Run run = Run.open(project, () -> migrations)) {
            AppliedState before = run.history(migrations).state();
            return Execution.execute(run, RebuildPlanner.plan(migrations, before, v), "rebuild", v.toString(), before);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    public DryRun plan(String version) {
        Version v = Version.parseArgument(Arguments.strip(version), "rebuild");
        List<MigrationRef> migrations = project.source().list();
        try (Session s = project.open(false)) {
            return Execution.describe(s, RebuildPlanner.plan(migrations, HistoryView.of(s.rows(), List.of(), migrations).state(), v));
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }
}
