package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Settings;
import dev.dbshift.execute.InterruptedStatement;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.HistoryView;
import dev.dbshift.history.Operation;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.HistoryEdits;
import dev.dbshift.plan.Mark;
import dev.dbshift.plan.Target;
import dev.dbshift.session.Project;
import dev.dbshift.session.Run;
import dev.dbshift.session.Session;
import dev.dbshift.session.Takeover;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history's own commands: {@code stamp}, {@code skip} and {@code repair} append rows that say
 * what a person knows (planned by {@link HistoryEdits}, nothing run); {@code errors} and
 * {@code trace} read the failures back.
 */
public final class HistoryCommands {
    private final Project project;

    public HistoryCommands(Project project) {
        this.project = project;
    }

    /** Makes the history say the database is at {@code target} (a version, {@code head} or {@code base}) without running anything. */
    public Recorded stamp(String target, boolean dryRun) {
        Target t = Target.parse(target == null ? "" : target);
        return record("stamp", t.toString(), dryRun, (migrations, state) -> HistoryEdits.stamp(migrations, state, t));
    }

    /** Records {@code version} (default: the lowest pending one) as applied without running it. */
    public Recorded skip(String version, boolean dryRun) {
        Version v = version == null || version.isBlank() ? null : Version.parseArgument(Arguments.strip(version), "skip");
        return record("skip", version, dryRun, (migrations, state) -> List.of(HistoryEdits.skip(migrations, state, v)));
    }

    /** Records the new checksum of edited applied scripts and resolves failed tries. */
    public Recorded repair(boolean dryRun) {
        return record("repair", null, dryRun, HistoryEdits::repair);
    }

    private interface Edits {
        List<Mark> marks(List<MigrationRef> migrations, AppliedState state);
    }

    private Recorded record(String command, String target, boolean dryRun, Edits edits) {
        List<MigrationRef> migrations = project.source().list();
        // an embedded database that is not there has nothing to repair: read as empty, it is made only for a mark
        // to write (a stamp or skip there makes it, as up does)
        if (dryRun || project.absentFile()) {
            // read without a word until it is known whether the database is made after all
            boolean silent = !dryRun;
            try (Session s = (silent ? project.silent() : project).open(false)) {
                AppliedState state = HistoryView.of(s.rows(), List.of(), migrations).state();
                List<Mark> marks = edits.marks(migrations, state);
                if (dryRun || marks.isEmpty()) {
                    if (silent) {
                        project.sayAbsent();
                    }
                    return new Recorded(command, dryRun, 0, current(state), after(state, marks), marks);
                }
            } catch (SQLException e) {
                throw project.failure(e);
            }
        }
        try (Run run = Run.open(project, () -> migrations)) {
            Session s = run.session();
            AppliedState state = run.history(migrations).state();
            List<Mark> marks = edits.marks(migrations, state);
            String from = current(state);
            long runId = run.begin(command, target, from);
            // stamp and skip say "the schema is now as at this version": record the live schema for drift checks
            String schema = command.equals("repair") || marks.isEmpty() ? null : s.liveSchemaChecksum();
            append(s, runId, marks, schema);
            String to = current(run.history(migrations).state());
            run.end(to, true);
            return new Recorded(command, false, runId, from, to, marks);
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /** The marks' rows, in one transaction; the schema's checksum on the last (or on each, with schema_checksum = each). */
    private static void append(Session s, long runId, List<Mark> marks, String schema) throws SQLException {
        HistoryRow.Origin origin = new HistoryRow.Origin(runId, s.settings().environment(), s.user());
        append(s, marks, schema, (i, m, withSchema) -> HistoryRow.applied(origin, subject(m), withSchema,
                HistoryRow.Timing.at(Instant.now())));
    }

    /** The row of the {@code i}th mark; {@code schema} is the schema's checksum when this row records it, else null. */
    interface RowOf {
        HistoryRow row(int i, Mark m, String schema) throws SQLException;
    }

    /** The rows of {@code marks}, in one transaction; the schema's checksum goes on the last (or on each, with schema_checksum = each). */
    static void append(Session s, List<Mark> marks, String schema, RowOf rowOf) throws SQLException {
        Settings settings = s.settings();
        Connection c = s.connection();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < marks.size(); i++) {
                boolean withSchema = i == marks.size() - 1 || settings.schemaChecksums() == SchemaChecksums.EACH;
                s.store().append(rowOf.row(i, marks.get(i), withSchema ? schema : null));
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static HistoryRow.Subject subject(Mark m) {
        return new HistoryRow.Subject(m.version(), m.description(), m.kind(), m.operation(), m.script(), m.checksum());
    }

    static String current(AppliedState state) {
        return state.current().map(Object::toString).orElse(null);
    }

    /** The version the history would be at with {@code marks} appended (a dry run's answer). */
    static String after(AppliedState state, List<Mark> marks) {
        List<HistoryRow> rows = new ArrayList<>(state.rows());
        for (Mark m : marks) {
            rows.add(HistoryRow.applied(new HistoryRow.Origin(0, null, null), subject(m), null, HistoryRow.Timing.at(Instant.EPOCH)));
        }
        return current(AppliedState.of(rows));
    }

    /**
     * Records what a user found out about a statement an interrupted run left undecided ({@code up}
     * stopped with exit 3): {@code done} says it completed, else that it did not. Refuses (exit 2) when
     * no statement of {@code version} is undecided. Returns the decision recorded.
     */
    public String repairStatement(String version, boolean done) {
        List<MigrationRef> migrations = project.source().list();
        String v = key(version, migrations, done ? "repair --statement-done" : "repair --statement-not-done");
        try (Run run = Run.openLeavingInterruptedRuns(project)) {
            Session s = run.session();
            List<HistoryRow> rows = s.store().read();
            List<RunRow> unfinished = s.unfinishedRuns();
            Optional<String> removed = recordRowsRemoved(run, rows, unfinished, v, done, migrations);
            return removed.isPresent() ? removed.get() : recordInterruption(s, rows, unfinished, v, done, migrations).message();
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }

    /**
     * What a progress mark names the migration {@code argument} names by ({@link MigrationRef#key()}): a version
     * ({@code 1.2}, {@code V1.2}), a repeatable migration's {@code R:} and description, or its script's name or path
     * ({@code R__views.sql}).
     */
    static String key(String argument, List<MigrationRef> migrations, String what) {
        String a = argument == null ? "" : argument.trim();
        if (a.regionMatches(true, 0, MigrationRef.REPEATABLE_KEY, 0, MigrationRef.REPEATABLE_KEY.length())) {
            return MigrationRef.REPEATABLE_KEY + a.substring(MigrationRef.REPEATABLE_KEY.length());
        }
        for (MigrationRef m : migrations) {
            if (m.kind() == MigrationKind.REPEATABLE) {
                for (ScriptRef s : m.up()) {
                    if (s.name().equals(a) || s.name().endsWith("/" + a)) {
                        return m.key();
                    }
                }
            }
        }
        String v = Arguments.strip(a);
        if (Version.problem(v) != null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, what + ": '" + a + "' is neither a version (dotted numbers"
                    + " like 1.2.3, or a timestamp) nor a repeatable migration of this project (R: and its description, as"
                    + " R:views, or its script's name, as R__views.sql)");
        }
        return Version.parse(v).toString();
    }

    /**
     * Where {@code version}'s last try failed and its rollback could not undo what it wrote ({@link HistoryRow#ROWS_STAYED}),
     * and no interrupted run left one of its statements in doubt since: records that a user removed those rows (a failed
     * row like it without the mark, so the next run resumes after the statements that ran). "Done" is refused: the
     * transaction did not commit, and a migration finished by hand is recorded with {@code stamp}. Empty when not so.
     */
    private static Optional<String> recordRowsRemoved(Run run, List<HistoryRow> rows, List<RunRow> unfinished, String version,
                                                      boolean done, List<MigrationRef> migrations) throws SQLException {
        Session s = run.session();
        if (unfinished.stream().anyMatch(r -> version.equals(r.progressVersion()))) {
            return Optional.empty();
        }
        AppliedState state = HistoryView.of(rows, List.of(), migrations).state();
        Optional<AppliedState.Entry> entry = MigrationRef.repeatableKey(version)
                ? Optional.ofNullable(state.repeatables().get(version.substring(MigrationRef.REPEATABLE_KEY.length())))
                : state.get(Version.parse(version));
        if (entry.isEmpty() || !entry.get().rowsStayed()) {
            return Optional.empty();
        }
        HistoryRow f = entry.get().lastAttempt();
        int ran = f.statementsDone() == null ? 0 : f.statementsDone();
        String next = f.operation() == Operation.ROLLBACK ? "down" : "up";
        if (done && f.begunOffline()) {
            String arg = MigrationRef.argument(version);
            throw new DbShiftException(DbShiftException.BAD_INPUT, "repair --statement-done " + arg + ": "
                    + MigrationRef.named(version) + " was begun by an offline script that stopped inside it (history row " + f.id()
                    + "), and no statement of it is known: finish it by hand and record it with 'dbshift stamp "
                    + (next.equals("up") ? version + "'" : "VERSION' (the version below it)") + ", or undo it and run 'dbshift repair"
                    + " --statement-not-done " + arg + "'");
        }
        if (done) {
            String arg = MigrationRef.argument(version);
            throw new DbShiftException(DbShiftException.BAD_INPUT, "repair --statement-done " + arg + ": "
                    + MigrationRef.named(version) + " failed (history row " + f.id() + ") and " + (ran == 0 ? "its statements"
                    : "its statements after the " + ran + " that ran") + " were rolled back, all but what the rollback could not"
                    + " undo (rows of a table that keeps them, or a write outside the transaction): they are not done. Remove what"
                    + " stayed and run 'dbshift repair --statement-not-done " + arg + "'" + (MigrationRef.repeatableKey(version) ? ""
                    : ", or finish the migration by hand and record it with 'dbshift stamp " + (next.equals("up") ? version + "'"
                    : "VERSION' (the version below it)")));
        }
        String command = "repair --statement-not-done " + MigrationRef.argument(version);
        String from = current(state);
        long runId = run.begin(command, version, from);
        Instant now = Instant.now();
        String message = (f.begunOffline() ? "what the offline script that began history row " + f.id() + "'s migration ran of it"
                + " was undone by hand, as" : "what history row " + f.id() + "'s failed try left through its rollback was removed by hand, as")
                + " recorded by 'dbshift " + command + "'; the next '" + next + "' " + (ran == 0 ? "runs it from its start"
                : "resumes after the " + ran + " statement(s) that ran");
        s.store().append(HistoryRow.failed(new HistoryRow.Origin(runId, s.settings().environment(), s.user()),
                new HistoryRow.Subject(f.version(), f.description(), f.kind(), f.operation(), f.script(), f.checksum()), null,
                new HistoryRow.Timing(now, now, 0, f.statementsDone(), f.statementsChecksum().substring(HistoryRow.ROWS_STAYED.length())),
                message, null));
        run.end(from, true);
        return Optional.of(message);
    }

    /** Records the answer a user gave with {@code repair --statement-done|--statement-not-done} and closes the run. */
    private static InterruptedStatement.Decision recordInterruption(Session s, List<HistoryRow> rows, List<RunRow> unfinished,
                                                                    String version, boolean done, List<MigrationRef> migrations)
            throws SQLException {
        List<InterruptedStatement.Decision> found = Takeover.decisions(s, rows, unfinished, migrations)
                .stream().filter(d -> d.version().equals(version)).toList();
        String command = "repair --statement-" + (done ? "done " : "not-done ") + MigrationRef.argument(version);
        if (found.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, command + ": no interrupted run left a statement of "
                    + MigrationRef.named(version) + " undecided, and its last try left no rows its rollback could not undo"
                    + " ('dbshift status' shows the state)");
        }
        InterruptedStatement.Decision d = found.get(0);
        if (!d.undecided() && (d.outcome() == InterruptedStatement.Outcome.DONE) != done) {
            // the catalog answers (e.g. the half-built index has been dropped since): the user may not contradict it
            throw new DbShiftException(DbShiftException.BAD_INPUT, command + ": the database says otherwise: " + d.message());
        }
        String what = d.first() == d.last() ? "statement " + d.first() : "statements " + d.first() + " to " + d.last();
        InterruptedStatement.Decision recorded = new InterruptedStatement.Decision(d.run(), version,
                done ? InterruptedStatement.Outcome.DONE : InterruptedStatement.Outcome.NOT_DONE, d.first(), d.last(),
                done ? d.last() : d.first() - 1, done ? d.doneChecksum() : d.notDoneChecksum(), d.notDoneChecksum(),
                d.doneChecksum(), "interrupted: run #" + d.run().id() + " stopped while " + what + " of "
                + MigrationRef.named(version) + " ran; "
                + (done ? "done" : "not done") + ", as recorded by 'dbshift repair --statement-" + (done ? "done" : "not-done")
                + "'; the next '" + (InterruptedStatement.down(d.run()) ? "down" : "up") + "' " + (done ? "goes on after it" : "runs it again"));
        MigrationRef m = Takeover.migration(version, migrations).orElse(null);
        boolean java = m != null && m.java() != null;
        if (done && m != null && (java || InterruptedStatement.wholeStep(d.run()))) {
            // a Java migration, or a step that ran in one transaction and wrote outside it, is one step to dbshift: done is
            // all of it, and there is nothing to resume
            Instant now = Instant.now();
            boolean down = InterruptedStatement.down(d.run());
            String recordedAs = "recorded as " + (down ? "reverted" : "applied") + " by 'dbshift repair --statement-done "
                    + MigrationRef.argument(version) + "'";
            String ran = java ? "the Java migration" : "its transaction";
            s.store().append(HistoryRow.applied(new HistoryRow.Origin(d.run().id(), d.run().environment(), null),
                    new HistoryRow.Subject(m.version() == null ? null : version, m.description(), m.kind().code(),
                            down ? Operation.ROLLBACK : Operation.APPLY, m.scriptName(), m.checksum()),
                    null, new HistoryRow.Timing(d.run().startedAt(), now, 0, java ? 1 : d.last(), null),
                    "interrupted: run #" + d.run().id() + " stopped while " + ran + " ran; " + recordedAs));
            s.store().closeInterruptedRun(d.run().id(), now);
            return new InterruptedStatement.Decision(d.run(), version, InterruptedStatement.Outcome.DONE, 1, d.last(), d.last(),
                    null, null, null, "interrupted: run #" + d.run().id() + " stopped while "
                    + (m.version() == null ? "repeatable migration " : "version ") + m.label()
                    + (java ? " (Java migration) ran; " : " ran in its transaction; ") + recordedAs);
        }
        s.store().append(Takeover.row(rows, recorded, migrations, Instant.now()));
        s.store().closeInterruptedRun(d.run().id(), Instant.now());
        return recorded;
    }

    /** Every failed operation, oldest first, with whether it was resolved since. */
    public List<Failure> errors() {
        List<HistoryRow> rows = rows();
        List<Failure> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            HistoryRow r = rows.get(i);
            if (r.success()) {
                continue;
            }
            boolean resolved = false;
            for (int j = i + 1; j < rows.size() && !resolved; j++) {
                HistoryRow later = rows.get(j);
                resolved = later.success() && Objects.equals(later.version(), r.version())
                        && (r.version() != null || Objects.equals(later.description(), r.description()));
            }
            out.add(new Failure(r, resolved));
        }
        return out;
    }

    /** The history row {@code id} with its stored error and stack trace; bad input when there is none. */
    public HistoryRow trace(long id) {
        Optional<HistoryRow> row = rows().stream().filter(r -> r.id() == id).findFirst();
        return row.orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "trace: there is no history row "
                + id + " ('dbshift errors' lists the failed ones)"));
    }

    private List<HistoryRow> rows() {
        try (Session s = project.open(false)) {
            return s.rows();
        } catch (SQLException e) {
            throw project.failure(e);
        }
    }
}
