package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.OfflineScript;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryView;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.Squasher;
import dev.dbshift.migration.TimestampRenamer;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.RangePlanner;
import dev.dbshift.session.Project;
import dev.dbshift.session.Session;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Commands about the migration files more than the database: the offline SQL script of a range or of
 * what {@code up} would do, {@code squash} and {@code touch} (file work is {@link Squasher}'s and
 * {@link TimestampRenamer}'s; {@code touch} asks the database only whether the migration is applied).
 */
public final class Tools {
    private final Project project;

    public Tools(Project project) {
        this.project = project;
    }

    /** The offline script for {@code FROM:TO} from the scripts alone; no connection is made. */
    public String sql(String range) {
        MigrationSource source = project.source();
        Plan plan = RangePlanner.plan(source.list(), RangePlanner.Range.parse(range));
        return offline(Databases.forUrl(project.settings().url()), plan, System.getProperty("user.name"));
    }

    /** The offline script of what {@code up TARGET} ({@code down TARGET}) would do to the database as it is now. */
    public String sqlFromDatabase(boolean down, String target) {
        if (target != null && target.contains(":")) {
            return sql(target);
        }
        Migrate migrate = new Migrate(project);
        DryRun dry = down ? migrate.planDown(target) : migrate.planUp(target);
        String user;
        try (Session s = project.open(false)) {
            user = s.user();
        } catch (SQLException e) {
            throw project.failure(e);
        }
        return offline(Databases.forUrl(project.settings().url()), dry.plan(), user);
    }

    private String offline(Database database, Plan plan, String user) {
        Settings s = project.settings();
        return new OfflineScript(database, project.source(), new OfflineScript.Context(s.environment(), user, Project.toolVersion(),
                Project.host(), s.placeholders(), s.placeholderReplacement(), s.placeholderLiterals(), s.historyTable(),
                s.runsTable())).write(plan);
    }

    /** Merges the migrations from {@code from} to {@code to} into one (see {@link Squasher}). */
    public Squasher.Result squash(String from, String to, String description, boolean dryRun) {
        return new Squasher(project.source()).squash(Version.parseArgument(Arguments.strip(from), "squash FROM"),
                Version.parseArgument(Arguments.strip(to), "squash TO"), description, dryRun);
    }

    /** Renames a timestamp-versioned migration's files to the current time (see {@link TimestampRenamer}). */
    public TimestampRenamer.Result touch(String version, boolean dryRun) {
        Version v = Version.parseArgument(Arguments.strip(version), "touch");
        MigrationSource source = project.source();
        List<MigrationRef> migrations = source.list();
        // a renamed applied migration would read as missing and its new name as pending: it would run again
        AppliedState state;
        try (Session s = project.open(false)) {
            state = HistoryView.of(s.rows(), List.of(), migrations).state();
        } catch (SQLException e) {
            throw project.failure(e);
        }
        state.get(v).ifPresent(e -> {
            if (e.applied() || e.statementsDone() > 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "touch " + v + ": version " + v + " is "
                        + (e.applied() ? "applied" : "partly applied") + " on " + project.settings().maskedUrl() + "; renaming it"
                        + " would make it run again under its new version. Touch only migrations no database has applied"
                        + " (revert it first with 'dbshift down', or write a new migration)");
            }
        });
        return new TimestampRenamer(source, Clock.systemUTC()).touch(v, dryRun);
    }
}
