package dev.dbshift.session;

import dev.dbshift.execute.Executor;
import dev.dbshift.execute.InterruptedStatement;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.Operation;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs whose process died mid-migration, on a database without transactional DDL (or in a
 * no-transaction script): each left its progress in its run row. For each, the executor decides
 * whether the statement it was running completed ({@link InterruptedStatement}); the decision becomes
 * a failed try in the history, so the next run resumes after the statements that ran. {@code up}
 * records it (with the lock held, so no unfinished run is alive); {@code status} and
 * {@code --dry-run} only show it ({@link #view}).
 */
public final class Takeover {
    private Takeover() {
    }

    /** The history with what the takeover of its interrupted runs would record: what {@code status} and {@code --dry-run} read. */
    public record Preview(HistoryView history, List<InterruptedStatement.Decision> decisions) {
    }

    /** Reads the history once and adds the failed tries the next {@code up} records for interrupted runs (undecided ones too). */
    public static Preview view(Session s, List<MigrationRef> migrations) throws SQLException {
        List<HistoryRow> rows = s.rows();
        List<RunRow> unfinished = s.unfinishedRuns();
        List<InterruptedStatement.Decision> decisions = decisions(s, rows, unfinished, migrations);
        List<HistoryRow> shown = new ArrayList<>();
        for (InterruptedStatement.Decision d : decisions) {
            shown.add(row(rows, d, migrations, null));
        }
        return new Preview(HistoryView.of(rows, unfinished, migrations).withTakeover(shown), decisions);
    }

    /**
     * For each unfinished run whose progress mark is not yet in the history: the decision about the
     * statement it was running. The same for {@code up}, {@code status} and {@code --dry-run}.
     */
    public static List<InterruptedStatement.Decision> decisions(Session s, List<HistoryRow> rows, List<RunRow> unfinished,
                                                               List<MigrationRef> migrations) throws SQLException {
        List<InterruptedStatement.Decision> out = new ArrayList<>();
        Executor executor = null;
        for (RunRow run : unfinished) {
            if (run.progressVersion() == null || run.progressStatements() == null) {
                continue;
            }
            // by a row of the same direction: a rebuild reverts then applies one version in one run
            boolean down = InterruptedStatement.down(run);
            boolean recorded = rows.stream().anyMatch(r -> r.runId() == run.id()
                    && run.progressVersion().equals(MigrationRef.key(r.version(), r.description()))
                    && (r.operation() == Operation.ROLLBACK) == down);
            if (recorded) {
                continue;
            }
            MigrationRef m = migration(run.progressVersion(), migrations).orElse(null);
            if (executor == null) {
                executor = s.executor(s.project().source(), 0);
            }
            out.add(executor.interrupted(run, m));
        }
        return out;
    }

    /**
     * With the lock held: records every decided interrupted statement and closes its run. Returns the
     * runs whose statement cannot be decided: they stay unfinished until {@code repair} records the answer.
     */
    static List<InterruptedStatement.Decision> takeOver(Session s, java.util.function.Supplier<List<MigrationRef>> listed)
            throws SQLException {
        List<RunRow> dead = s.unfinishedRuns();
        if (dead.isEmpty()) {
            return List.of();
        }
        List<MigrationRef> migrations = listed.get();
        List<HistoryRow> rows = s.store().read();
        List<InterruptedStatement.Decision> undecided = new ArrayList<>();
        for (InterruptedStatement.Decision d : decisions(s, rows, dead, migrations)) {
            if (d.undecided()) {
                undecided.add(d);
            } else {
                s.store().append(row(rows, d, migrations, Instant.now()));
                s.project().listener().notice(d.message());
            }
        }
        for (RunRow r : dead) {
            if (undecided.stream().noneMatch(d -> d.run().id() == r.id())) {
                s.store().closeInterruptedRun(r.id(), Instant.now());
            }
        }
        return undecided;
    }

    /**
     * The failed try that records {@code d}: how far the interrupted run got in its migration.
     *
     * @param finishedAt when it is recorded; null for a row only shown
     */
    public static HistoryRow row(List<HistoryRow> rows, InterruptedStatement.Decision d, List<MigrationRef> migrations,
                                 Instant finishedAt) {
        RunRow run = d.run();
        return HistoryRow.failed(new HistoryRow.Origin(run.id(), run.environment(), null),
                new HistoryRow.Subject(MigrationRef.repeatableKey(d.version()) ? null : d.version(),
                        description(rows, d.version(), migrations), kind(d.version(), migrations),
                        InterruptedStatement.down(run) ? Operation.ROLLBACK : Operation.APPLY, null, null),
                null, new HistoryRow.Timing(run.startedAt(), finishedAt, 0, d.statementsDone(), d.statementsChecksum()),
                d.message(), null);
    }

    /**
     * The migration a run's mark names by its version, or a repeatable one by {@code R:} and its description
     * ({@link MigrationRef#key()}), if its scripts (or class) are still there.
     */
    public static java.util.Optional<MigrationRef> migration(String key, List<MigrationRef> migrations) {
        return migrations.stream().filter(m -> key.equals(m.key())).findFirst();
    }

    /** The kind of the migration {@code key} names (a Java one's is {@code java}), {@code sql} when it is gone. */
    private static String kind(String key, List<MigrationRef> migrations) {
        return migration(key, migrations).map(m -> m.kind().code())
                .orElse((MigrationRef.repeatableKey(key) ? MigrationKind.REPEATABLE : MigrationKind.SQL).code());
    }

    private static String description(List<HistoryRow> rows, String key, List<MigrationRef> migrations) {
        if (MigrationRef.repeatableKey(key)) {
            return key.substring(MigrationRef.REPEATABLE_KEY.length()); // a repeatable's history rows are keyed by it
        }
        String version = key;
        HistoryRow last = rows.stream().filter(r -> version.equals(r.version())).reduce((a, b) -> b).orElse(null);
        if (last != null && last.description() != null) {
            return last.description();
        }
        return migration(version, migrations).map(MigrationRef::description).orElse("");
    }
}
