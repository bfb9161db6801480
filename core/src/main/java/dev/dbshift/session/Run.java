package dev.dbshift.session;

import dev.dbshift.DbShiftException;
import dev.dbshift.execute.InterruptedStatement;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationRef;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A writing command's hold on the target, the one bracket every command that changes the database
 * goes through: connect (creating the schema when missing), take the migration lock, create the
 * history tables, take over interrupted runs ({@link Takeover}); then one run row per piece of work
 * ({@link #begin} ... {@link #end}); closing releases the lock and the connection.
 *
 * <p>Closing does not end a run row left open by an exception: an unfinished run is what tells the
 * next run that this one died, and its progress mark is what that run resumes from.
 */
public final class Run implements AutoCloseable {
    private final Session session;
    private final List<InterruptedStatement.Decision> undecided;
    private long id;

    private Run(Session session, List<InterruptedStatement.Decision> undecided) {
        this.session = session;
        this.undecided = List.copyOf(undecided);
    }

    /** Opens the bracket; {@code migrations} is asked for only when there are interrupted runs to take over. */
    public static Run open(Project project, Supplier<List<MigrationRef>> migrations) {
        return open(project, migrations, true, () -> { });
    }

    /**
     * As {@link #open(Project, Supplier)}, with {@code first} run once connected and before the lock or any table
     * is made, or before a failed connection is reported ({@link Session#open(Project, boolean, Runnable)}):
     * {@code up} awaits there the migrations it listed while connecting, so a bad file still stops it first.
     */
    public static Run open(Project project, Supplier<List<MigrationRef>> migrations, Runnable first) {
        return open(project, migrations, true, first);
    }

    /** Opens the bracket leaving interrupted runs as they are (for {@code repair --statement-done}, which answers for one). */
    public static Run openLeavingInterruptedRuns(Project project) {
        return open(project, List::of, false, () -> { });
    }

    private static Run open(Project project, Supplier<List<MigrationRef>> migrations, boolean takeOver, Runnable first) {
        Session s = project.open(true, first);
        try {
            s.lock();
            s.store().create();
            return new Run(s, takeOver ? Takeover.takeOver(s, migrations) : List.of());
        } catch (SQLException e) {
            s.close();
            throw project.failure(e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public Session session() {
        return session;
    }

    /** Interrupted runs whose statement could not be decided (they wait for {@code repair --statement-done|--statement-not-done}). */
    public List<InterruptedStatement.Decision> undecided() {
        return undecided;
    }

    /** Refuses (exit 3) while an interrupted run's statement is undecided: running on would guess. */
    public void refuseUndecided() {
        if (!undecided.isEmpty()) {
            throw new DbShiftException(DbShiftException.VALIDATION, String.join("\n",
                    undecided.stream().map(InterruptedStatement.Decision::message).toList()));
        }
    }

    /** One read of the history, after the takeover: what the command plans from (the runs are not read again: the takeover dealt with them). */
    public HistoryView history(List<MigrationRef> migrations) throws SQLException {
        return HistoryView.of(session.store().read(), List.of(), migrations);
    }

    /** Inserts this piece of work's run row; returns its id. */
    public long begin(String command, String target, String fromVersion) throws SQLException {
        var s = session.settings();
        id = session.store().beginRun(RunRow.start(command, target, fromVersion, s.environment(), Project.toolVersion(),
                Project.host()));
        return id;
    }

    /** Ends the run row {@link #begin} inserted. */
    public void end(String toVersion, boolean success) throws SQLException {
        session.store().endRun(id, toVersion, success, Instant.now());
    }

    @Override
    public void close() {
        session.close();
    }
}
