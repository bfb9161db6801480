package dev.dbshift;

import dev.dbshift.check.CheckInput;
import dev.dbshift.check.ProblemSource;
import dev.dbshift.check.SchemaDrift;
import dev.dbshift.check.ScriptPrecheck;
import dev.dbshift.check.ScriptProblems;
import dev.dbshift.config.CriticalTarget;
import dev.dbshift.config.OnFailure;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.db.Databases;
import dev.dbshift.execute.Executor;
import dev.dbshift.execute.OfflineScript;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.RunRow;
import dev.dbshift.migration.Checksums;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.migration.ScriptRef;
import dev.dbshift.migration.SquashMarker;
import dev.dbshift.migration.Squasher;
import dev.dbshift.migration.TimestampRenamer;
import dev.dbshift.migration.Version;
import dev.dbshift.plan.HistoryEdits;
import dev.dbshift.plan.Mark;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Planner;
import dev.dbshift.plan.Problem;
import dev.dbshift.plan.RangePlanner;
import dev.dbshift.plan.RebuildPlanner;
import dev.dbshift.plan.SquashedHistory;
import dev.dbshift.plan.Step;
import dev.dbshift.plan.Target;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The operations toolbox (issue 5): the commands operators reach for when something went wrong.
 * A thin layer like the rest of the facade: planning is pure ({@link HistoryEdits},
 * {@link RebuildPlanner}, {@link RangePlanner}, {@link SquashedHistory}), running is the
 * {@link Executor}'s, file work is {@link Squasher}'s and {@link TimestampRenamer}'s; this class
 * opens the session, takes the lock for commands that write, and records a run for each.
 */
public final class Toolbox {
    private final DbShift db;

    Toolbox(DbShift db) {
        this.db = db;
    }

    /**
     * What {@code stamp}, {@code skip} or {@code repair} wrote (or, in a dry run, would write).
     *
     * @param runId 0 in a dry run
     */
    public record Recorded(String command, boolean dryRun, long runId, String fromVersion, String toVersion, List<Mark> marks) {
        public Recorded {
            marks = List.copyOf(marks);
        }
    }

    /** A failed operation, and whether a later success or a repair resolved it. */
    public record Failure(HistoryRow row, boolean resolved) {
    }

    /** What {@code check} found. */
    public record CheckReport(String database, String schema, List<Problem> problems) {
        public CheckReport {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** 0 without problems; 2 (bad input) when a script cannot be run as written; else 3. */
        public int exitCode() {
            if (problems.isEmpty()) {
                return 0;
            }
            return problems.stream().anyMatch(p -> p.code().equals(ScriptPrecheck.CODE))
                    ? DbShiftException.BAD_INPUT : DbShiftException.VALIDATION;
        }
    }

    /** What {@code reset} did: the init scripts' run, then {@code up}'s (a failure of either throws {@link MigrationFailedException}). */
    public record ResetReport(String schema, Report init, Report up) {
        public boolean success() {
            return init.success() && (up != null && up.success());
        }
    }

    /** What {@code reset --dry-run} would do. */
    public record ResetPlan(String schema, List<String> initScripts, DryRun up) {
    }

    // ---------------------------------------------------------------- bookkeeping: stamp, skip, repair

    /** Makes the history say the database is at {@code target} (a version, {@code head} or {@code base}) without running anything. */
    public Recorded stamp(String target, boolean dryRun) {
        Target t = Target.parse(target == null ? "" : target);
        return record("stamp", t.toString(), dryRun, (migrations, state) -> HistoryEdits.stamp(migrations, state, t));
    }

    /** Records {@code version} (default: the lowest pending one) as applied without running it. */
    public Recorded skip(String version, boolean dryRun) {
        Version v = version == null || version.isBlank() ? null : Version.parseArgument(strip(version), "skip");
        return record("skip", version, dryRun, (migrations, state) -> List.of(HistoryEdits.skip(migrations, state, v)));
    }

    /** Records the new checksum of edited applied scripts and resolves failed tries. */
    public Recorded repair(boolean dryRun) {
        return record("repair", null, dryRun, HistoryEdits::repair);
    }

    /**
     * Records what a user found out about a statement an interrupted run left undecided ({@code up}
     * stopped with exit 3): {@code done} says it completed, else that it did not. Refuses (exit 2) when
     * no statement of {@code version} is undecided. Returns the decision recorded.
     */
    public String repairStatement(String version, boolean done) {
        String v = Version.parseArgument(strip(version), done ? "repair --statement-done" : "repair --statement-not-done").toString();
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        return db.session(true, false, w -> db.recordInterruption(w.session(), v, done, source, migrations).message());
    }

    private interface Edits {
        List<Mark> marks(List<MigrationRef> migrations, AppliedState state);
    }

    private Recorded record(String command, String target, boolean dryRun, Edits edits) {
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        return db.session(!dryRun, w -> {
            List<HistoryRow> rows = w.store().exists() ? w.store().read() : List.of();
            AppliedState state = state(source, migrations, rows);
            List<Mark> marks = edits.marks(migrations, state);
            String from = state.current().map(Object::toString).orElse(null);
            if (dryRun) {
                return new Recorded(command, true, 0, from, after(state, marks), marks);
            }
            Settings s = db.settings();
            long runId = w.store().beginRun(new RunRow(0, command, target, from, null, s.environment(), DbShift.toolVersion(),
                    DbShift.host(), Instant.now(), null, null, null, null, null));
            // stamp and skip say "the schema is now as at this version": record the live schema for drift checks
            String schema = command.equals("repair") || marks.isEmpty() ? null : db.liveSchemaChecksum(w);
            boolean auto = w.connection().getAutoCommit();
            w.connection().setAutoCommit(false);
            try {
                for (int i = 0; i < marks.size(); i++) {
                    Mark m = marks.get(i);
                    Instant now = Instant.now();
                    boolean withSchema = i == marks.size() - 1 || s.schemaChecksums() == SchemaChecksums.EACH;
                    w.store().append(new HistoryRow(0, runId, m.version(), m.description(), m.kind(), m.operation(),
                            m.script(), m.checksum(), withSchema ? schema : null, s.environment(), w.user(), now, now, 0, true,
                            null, null, null, null));
                }
                w.connection().commit();
            } catch (SQLException e) {
                w.connection().rollback();
                throw e;
            } finally {
                w.connection().setAutoCommit(auto);
            }
            String to = state(source, migrations, w.store().read()).current().map(Object::toString).orElse(null);
            w.store().endRun(runId, to, true, Instant.now());
            return new Recorded(command, false, runId, from, to, marks);
        });
    }

    private static String after(AppliedState state, List<Mark> marks) {
        List<HistoryRow> rows = new ArrayList<>(state.rows());
        for (Mark m : marks) {
            rows.add(new HistoryRow(0, 0, m.version(), m.description(), m.kind(), m.operation(), m.script(), m.checksum(),
                    null, null, null, Instant.EPOCH, null, 0, true, null, null, null, null));
        }
        return AppliedState.of(rows).current().map(Object::toString).orElse(null);
    }

    // ---------------------------------------------------------------- rebuild

    /** Runs one migration again: down then up, or the rest of a partly applied one. */
    public Report rebuild(String version) {
        Version v = Version.parseArgument(strip(version), "rebuild");
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        return db.session(true, w -> {
            AppliedState state = state(source, migrations, w.store().read());
            Plan plan = RebuildPlanner.plan(migrations, state, v);
            return execute(w, source, plan, "rebuild", v.toString());
        });
    }

    public DryRun planRebuild(String version) {
        Version v = Version.parseArgument(strip(version), "rebuild");
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        return db.session(false, w -> {
            AppliedState state = state(source, migrations, w.store().exists() ? w.store().read() : List.of());
            return describe(w, source, RebuildPlanner.plan(migrations, state, v));
        });
    }

    private Report execute(DbShift.Work w, MigrationSource source, Plan plan, String command, String target) throws SQLException {
        Settings s = db.settings();
        new ScriptPrecheck(w.database().scriptDialect(), source, s).refuseBadScripts(plan);
        long runId = w.store().beginRun(new RunRow(0, command, target, plan.from() == null ? null : plan.from().toString(),
                null, s.environment(), DbShift.toolVersion(), DbShift.host(), Instant.now(), null, null, null, null, null));
        Report report = db.executor(w, source, runId).run(plan);
        String to = state(source, source.list(), w.store().read()).current().map(Object::toString).orElse(null);
        w.store().endRun(runId, to, report.success(), Instant.now());
        if (!report.success()) {
            throw new MigrationFailedException(report);
        }
        return report;
    }

    private DryRun describe(DbShift.Work w, MigrationSource source, Plan plan) throws SQLException {
        Executor ex = db.executor(w, source, 0);
        List<PlannedStep> steps = new ArrayList<>();
        plan.steps().forEach(st -> steps.add(ex.describe(st)));
        return new DryRun(plan, steps).scrubbed(db.settings().secrets());
    }

    // ---------------------------------------------------------------- errors, trace

    /** Every failed operation, oldest first, with whether it was resolved since. */
    public List<Failure> errors() {
        return db.session(false, w -> {
            List<HistoryRow> rows = w.store().exists() ? w.store().read() : List.of();
            List<Failure> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                HistoryRow r = rows.get(i);
                if (r.success()) {
                    continue;
                }
                boolean resolved = false;
                for (int j = i + 1; j < rows.size() && !resolved; j++) {
                    HistoryRow later = rows.get(j);
                    resolved = later.success() && java.util.Objects.equals(later.version(), r.version())
                            && (r.version() != null || java.util.Objects.equals(later.description(), r.description()));
                }
                out.add(new Failure(r, resolved));
            }
            return out;
        });
    }

    /** The history row {@code id} with its stored error and stack trace; bad input when there is none. */
    public HistoryRow trace(long id) {
        Optional<HistoryRow> row = db.session(false, w -> (w.store().exists() ? w.store().read() : List.<HistoryRow>of())
                .stream().filter(r -> r.id() == id).findFirst());
        return row.orElseThrow(() -> new DbShiftException(DbShiftException.BAD_INPUT, "trace: there is no history row "
                + id + " ('dbshift errors' lists the failed ones)"));
    }

    // ---------------------------------------------------------------- check

    /** Every problem, from the built-in checks, the service-loaded {@link ProblemSource}s and {@code extra}. */
    public CheckReport check(boolean noPending, List<ProblemSource> extra) {
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        return db.session(false, w -> {
            List<HistoryRow> raw = w.store().exists() ? w.store().read() : List.of();
            SquashedHistory.View view = SquashedHistory.view(raw, squashes(source, migrations));
            AppliedState state = AppliedState.of(view.rows());
            CheckInput input = new CheckInput(w.connection(), w.database(), w.schema(), db.settings(), source, migrations,
                    view.rows(), state);
            List<ProblemSource> sources = new ArrayList<>();
            sources.add(new ScriptProblems(noPending));
            sources.add(ScriptPrecheck.pendingScripts());
            sources.add(new SchemaDrift(db.liveSchemaChecksum(w)));
            ServiceLoader.load(ProblemSource.class, Toolbox.class.getClassLoader()).forEach(sources::add);
            sources.addAll(extra);
            List<Problem> problems = new ArrayList<>(view.problems());
            for (ProblemSource p : sources) {
                problems.addAll(p.problems(input));
            }
            return new CheckReport(w.database().name(), w.schema(), problems);
        });
    }

    public CheckReport check(boolean noPending) {
        return check(noPending, List.of());
    }

    // ---------------------------------------------------------------- offline sql

    /** The offline script for {@code FROM:TO} from the scripts alone; no connection is made. */
    public String sql(String range) {
        MigrationSource source = db.source();
        Plan plan = RangePlanner.plan(source.list(), RangePlanner.Range.parse(range));
        return offline(Databases.forUrl(db.settings().url()), source, plan, System.getProperty("user.name"));
    }

    /** The offline script of what {@code up TARGET} ({@code down TARGET}) would do to the database as it is now. */
    public String sqlFromDatabase(boolean down, String target) {
        MigrationSource source = db.source();
        if (target != null && target.contains(":")) {
            return sql(target);
        }
        DryRun dry = down ? db.planDown(target) : db.planUp(target);
        String user = db.session(false, DbShift.Work::user);
        return offline(Databases.forUrl(db.settings().url()), source, dry.plan(), user);
    }

    private String offline(Database database, MigrationSource source, Plan plan, String user) {
        Settings s = db.settings();
        return new OfflineScript(database, source, new OfflineScript.Context(s.environment(), user, DbShift.toolVersion(),
                DbShift.host(), s.placeholders(), s.placeholderReplacement(), s.placeholderLiterals(), s.historyTable(),
                s.runsTable())).write(plan);
    }

    // ---------------------------------------------------------------- squash, touch

    /** Merges the migrations from {@code from} to {@code to} into one (see {@link Squasher}). */
    public Squasher.Result squash(String from, String to, String description, boolean dryRun) {
        return new Squasher(db.source()).squash(Version.parseArgument(strip(from), "squash FROM"),
                Version.parseArgument(strip(to), "squash TO"), description, dryRun);
    }

    /** Renames a timestamp-versioned migration's files to the current time (see {@link TimestampRenamer}). */
    public TimestampRenamer.Result touch(String version, boolean dryRun) {
        Version v = Version.parseArgument(strip(version), "touch");
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        // a renamed applied migration would read as missing and its new name as pending: it would run again
        AppliedState state = db.session(false, w -> state(source, migrations, w.store().exists() ? w.store().read() : List.of()));
        state.get(v).ifPresent(e -> {
            if (e.applied() || e.statementsDone() > 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "touch " + v + ": version " + v + " is "
                        + (e.applied() ? "applied" : "partly applied") + " on " + db.settings().maskedUrl() + "; renaming it"
                        + " would make it run again under its new version. Touch only migrations no database has applied"
                        + " (revert it first with 'dbshift down', or write a new migration)");
            }
        });
        return new TimestampRenamer(source, Clock.systemUTC()).touch(v, dryRun);
    }

    // ---------------------------------------------------------------- reset

    /**
     * Drops every object in the target schema, runs the init scripts ({@code init/all.sql}, then
     * {@code init/<env>.sql}), then every migration. Refused on a critical environment; asking the
     * person first is the caller's job (the command line asks, or needs {@code --yes}).
     */
    public ResetReport reset() {
        refuseCritical();
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        List<ScriptRef> init = source.initScripts();
        return db.session(true, w -> {
            // every script reset will run must be readable before anything is dropped
            ScriptPrecheck precheck = new ScriptPrecheck(w.database().scriptDialect(), source, db.settings());
            precheck.refuseBadScripts(initPlan(init));
            precheck.refuseBadScripts(new Planner(migrations, AppliedState.of(List.of())).up(new Target.Head(),
                    db.settings().outOfOrder(), false));
            w.database().dropAll(w.connection(), w.schema());
            w.store().create();
            Report initReport = execute(w, source, initPlan(init), "reset", "init");
            Settings s = db.settings();
            Plan up = new Planner(migrations, state(source, migrations, w.store().read()))
                    .up(new Target.Head(), s.outOfOrder(), s.onFailure() == OnFailure.ROLLBACK_RUN);
            return new ResetReport(w.schema(), initReport, execute(w, source, up, "reset", "head"));
        });
    }

    /** Runs the init scripts ({@code init/all.sql}, {@code init/<env>.sql}) on this database, as reset does after dropping everything. */
    Report runInitScripts() {
        MigrationSource source = db.source();
        List<ScriptRef> init = source.initScripts();
        return db.session(true, w -> execute(w, source, initPlan(init), "init", "init"));
    }

    public ResetPlan planReset() {
        refuseCritical();
        MigrationSource source = db.source();
        List<MigrationRef> migrations = source.list();
        List<ScriptRef> init = source.initScripts();
        return db.session(false, w -> {
            Settings s = db.settings();
            Plan up = new Planner(migrations, AppliedState.of(List.of()))
                    .up(new Target.Head(), s.outOfOrder(), s.onFailure() == OnFailure.ROLLBACK_RUN);
            return new ResetPlan(w.schema(), init.stream().map(ScriptRef::name).toList(), describe(w, source, up));
        });
    }

    /**
     * Refuses a critical environment by name, and any target that resolves to the database of one (another
     * environment name, DBSHIFT_URL, --url, --dsn: the guard is on where the command would go, not on what it
     * is called). When a critical environment's URL cannot be known, reset cannot know it is safe: exit 3.
     */
    private void refuseCritical() {
        Settings s = db.settings();
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

    private static String target(String url, String schema) {
        try {
            return Databases.forUrl(url).target(url, schema);
        } catch (DbShiftException unknownDatabase) {
            return url + "#" + schema;
        }
    }

    private static Plan initPlan(List<ScriptRef> init) {
        if (init.isEmpty()) {
            return new Plan("reset", new Target.Base(), null, null, List.of(), List.of());
        }
        Checksums.Builder b = Checksums.builder();
        for (ScriptRef s : init) {
            try {
                b.add(java.nio.file.Files.newInputStream(s.path()));
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, s.name() + ": cannot read: " + e.getMessage(), e);
            }
        }
        MigrationRef ref = new MigrationRef(null, "init", MigrationKind.INIT, init, List.of(), b.build(), null);
        return new Plan("reset", new Target.Base(), null, null, List.of(Step.of(Step.Action.APPLY, ref)), List.of());
    }

    // ---------------------------------------------------------------- shared

    /** The applied state as the planner should see it: squashed ranges read as their squashed migration. */
    static AppliedState state(MigrationSource source, List<MigrationRef> migrations, List<HistoryRow> rows) {
        return AppliedState.of(SquashedHistory.view(rows, squashes(source, migrations)).rows());
    }

    /**
     * {@link #state}, for a command about to change the database: a squashed migration whose range
     * this database applied only in part cannot be applied, so stop with exit code 3.
     */
    static AppliedState stateRefusingPartlyAppliedSquashes(MigrationSource source, List<MigrationRef> migrations,
                                                           List<HistoryRow> rows) {
        SquashedHistory.View view = SquashedHistory.view(rows, squashes(source, migrations));
        if (!view.problems().isEmpty()) {
            throw new dev.dbshift.plan.ValidationException("nothing was changed, because", view.problems());
        }
        return AppliedState.of(view.rows());
    }

    static List<Problem> squashProblems(MigrationSource source, List<MigrationRef> migrations, List<HistoryRow> rows) {
        return SquashedHistory.view(rows, squashes(source, migrations)).problems();
    }

    static Map<MigrationRef, SquashMarker> squashes(MigrationSource source, List<MigrationRef> migrations) {
        Map<MigrationRef, SquashMarker> out = new LinkedHashMap<>();
        for (MigrationRef m : migrations) {
            if (m.kind() == MigrationKind.SQL) {
                SquashMarker.read(source, m).ifPresent(x -> out.put(m, x));
            }
        }
        return out;
    }

    private static String strip(String v) {
        String s = v == null ? "" : v.trim();
        return s.startsWith("V") || s.startsWith("v") ? s.substring(1) : s;
    }
}
