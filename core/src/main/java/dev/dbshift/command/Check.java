package dev.dbshift.command;

import dev.dbshift.check.CheckInput;
import dev.dbshift.check.InvalidIndexes;
import dev.dbshift.check.ProblemSource;
import dev.dbshift.check.SchemaDrift;
import dev.dbshift.check.ScriptPrecheck;
import dev.dbshift.check.ScriptProblems;
import dev.dbshift.history.HistoryView;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.plan.Problem;
import dev.dbshift.session.Project;
import dev.dbshift.session.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** {@code check}: every problem, from the built-in checks, the service-loaded {@link ProblemSource}s and the caller's. Reads only. */
public final class Check {
    private final Project project;

    public Check(Project project) {
        this.project = project;
    }

    public CheckReport run(boolean noPending, List<ProblemSource> extra) {
        ListingAhead listing = ListingAhead.start(project.source());
        try (Session s = project.open(false)) {
            // the live schema before the migrations and the history: its model is garbage by the time they are held
            // (at 10,000 migrations the two together were the peak of the heap, as in status)
            dev.dbshift.schema.LiveChecksum live = s.liveChecksums();
            List<MigrationRef> migrations = listing.get();
            HistoryView history = HistoryView.of(s.rows(), List.of(), migrations);
            CheckInput input = new CheckInput(s.connection(), s.database(), s.schema(), project.settings(), project.source(),
                    migrations, history.plannedRows(), history.state());
            List<ProblemSource> sources = new ArrayList<>();
            sources.add(new ScriptProblems(noPending));
            sources.add(ScriptPrecheck.pendingScripts());
            sources.add(new SchemaDrift(live));
            sources.add(new InvalidIndexes());
            ServiceLoader.load(ProblemSource.class, Check.class.getClassLoader()).forEach(sources::add);
            sources.addAll(extra);
            List<Problem> problems = new ArrayList<>(Execution.problems(history.partialSquashes()));
            for (ProblemSource p : sources) {
                problems.addAll(p.problems(input));
            }
            return new CheckReport(s.database().name(), s.schema(), problems);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }
}
