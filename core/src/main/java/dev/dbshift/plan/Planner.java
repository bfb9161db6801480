package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure planning: (migrations found, history, target) to a {@link Plan}, a list of {@link Problem}s,
 * or the status of every migration. No I/O, so every rule here is tested without a database.
 */
public final class Planner {
    private final List<MigrationRef> sources;
    private final AppliedState state;
    private final TreeMap<Version, List<MigrationRef>> byVersion = new TreeMap<>();
    private final Map<String, List<MigrationRef>> repeatables = new LinkedHashMap<>();
    /** Baseline migrations (Flyway's {@code B} scripts) by version: apart, as they stand in for the versions up to theirs. */
    private final TreeMap<Version, List<MigrationRef>> baselines = new TreeMap<>();
    /** The highest version a baseline migration that ran covers (versions at or below it are never pending); null: none. */
    private final Version covered;

    public Planner(List<MigrationRef> sources, AppliedState state) {
        this.sources = List.copyOf(sources);
        this.state = state;
        for (MigrationRef m : sources) {
            if (m.kind() == MigrationKind.REPEATABLE) {
                repeatables.computeIfAbsent(m.description(), k -> new ArrayList<>()).add(m);
            } else if (m.kind() == MigrationKind.BASELINE && m.version() != null) {
                baselines.computeIfAbsent(m.version(), k -> new ArrayList<>()).add(m);
            } else if (m.version() != null) {
                byVersion.computeIfAbsent(m.version(), k -> new ArrayList<>()).add(m);
            }
        }
        repeatables.values().forEach(l -> l.sort(Comparator.comparing(MigrationRef::scriptName)));
        Version top = null;
        for (Map.Entry<Version, AppliedState.Entry> e : state.versions().entrySet()) {
            if (ranBaseline(e.getValue())) {
                top = e.getKey();
            }
        }
        covered = top;
    }

    /** Whether the entry's migration is a baseline migration that ran (not a {@code baseline} mark of {@code init --baseline}). */
    private static boolean ranBaseline(AppliedState.Entry h) {
        return h.applied() && MigrationKind.BASELINE.code().equals(h.lastSuccess().kind())
                && (h.lastSuccess().operation() == Operation.APPLY || h.lastSuccess().operation() == Operation.APPLY_PARTIAL);
    }

    /** Whether {@code v} is at or below a baseline migration that ran, so it never runs. */
    private boolean covered(Version v) {
        return covered != null && v.compareTo(covered) <= 0 && !state.isApplied(v);
    }

    /** The migration the history entry of {@code v} is about: the baseline migration when a baseline ran there. */
    private List<MigrationRef> found(Version v, AppliedState.Entry h) {
        return ranBaseline(h) ? baselines.get(v) : byVersion.get(v);
    }

    public List<MigrationRef> sources() {
        return sources;
    }

    /** Problems that stop {@code up}: edited applied scripts, duplicate versions, pending versions below the highest applied. */
    public List<Problem> validate(boolean outOfOrder) {
        List<Problem> problems = new ArrayList<>();
        java.util.stream.Stream.of(byVersion, baselines).forEach(versions -> versions.forEach((v, list) -> {
            if (list.size() > 1) {
                problems.add(new Problem("duplicate_version", v.toString(), "version " + v + " is defined more than once: "
                        + String.join(", ", list.stream().map(MigrationRef::scriptName).toList())));
            }
        }));
        repeatables.forEach((d, list) -> {
            if (list.size() > 1) {
                problems.add(new Problem("duplicate_version", null, "repeatable migration '" + d + "' is defined more than once: "
                        + String.join(", ", list.stream().map(MigrationRef::scriptName).toList())));
            }
        });
        for (Map.Entry<Version, AppliedState.Entry> e : state.versions().entrySet()) {
            AppliedState.Entry h = e.getValue();
            List<MigrationRef> found = found(e.getKey(), h);
            if (!h.applied() || found == null || found.size() != 1) {
                continue;
            }
            MigrationRef m = found.get(0);
            if (checksumChanged(m, h)) {
                problems.add(new Problem("checksum_changed", e.getKey().toString(), m.scriptName()
                        + " was edited after it was applied (recorded " + abbreviate(h.checksum()) + ", now "
                        + abbreviate(m.checksum()) + "); restore it, or run 'dbshift repair' if the edit is deliberate"));
            }
        }
        if (!outOfOrder) {
            Optional<Version> current = state.current();
            if (current.isPresent()) {
                for (Version v : byVersion.keySet()) {
                    if (v.compareTo(current.get()) < 0 && !state.isApplied(v) && !covered(v)) {
                        problems.add(new Problem("out_of_order", v.toString(), "version " + v + " ("
                                + byVersion.get(v).get(0).scriptName() + ") is pending but lower than the applied version "
                                + current.get() + "; rename it above " + current.get() + ", or run with --out-of-order"));
                    }
                }
            }
        }
        return problems;
    }

    /** Applied migrations whose scripts are gone. */
    public List<Problem> missingScripts() {
        List<Problem> problems = new ArrayList<>();
        state.versions().forEach((v, h) -> {
            if (h.applied() && found(v, h) == null && h.lastSuccess().operation() != Operation.BASELINE
                    && h.lastSuccess().operation() != Operation.STAMP) {
                problems.add(new Problem("script_missing", v.toString(), "version " + v + " (" + h.lastSuccess().script()
                        + ") is applied but its script is gone"));
            }
        });
        return problems;
    }

    /**
     * Migrations, repeatable ones too, whose last try failed leaving what its rollback could not undo (rows of a table that
     * keeps them, a write outside the transaction): the next run stops at them.
     */
    public List<Problem> rowsStayed() {
        List<Problem> problems = new ArrayList<>();
        state.versions().forEach((v, h) -> {
            List<MigrationRef> found = h.rowsStayed() ? byVersion.get(v) : null;
            if (found != null) {
                problems.add(rowsStayed(found.get(0), h));
            }
        });
        state.repeatables().forEach((d, h) -> {
            List<MigrationRef> found = h.rowsStayed() ? repeatables.get(d) : null;
            if (found != null) {
                problems.add(rowsStayed(found.get(0), h));
            }
        });
        return problems;
    }

    private static boolean checksumChanged(MigrationRef m, AppliedState.Entry h) {
        return h.checksum() != null && m.checksum() != null && !h.checksum().equals(m.checksum())
                && h.lastSuccess().operation() != Operation.STAMP && h.lastSuccess().operation() != Operation.SKIP;
    }

    private static String abbreviate(String checksum) {
        return checksum == null ? "none" : checksum.length() > 15 ? checksum.substring(0, 15) + "…" : checksum;
    }

    /** The plan of {@code up}: throws {@link ValidationException} (exit 3) or a bad-input error for a bad target. */
    public Plan up(Target target, boolean outOfOrder, boolean needDown) {
        List<Problem> problems = validate(outOfOrder);
        if (!problems.isEmpty()) {
            throw new ValidationException("nothing was changed, because", problems);
        }
        Version current = state.current().orElse(null);
        List<Version> pending = new ArrayList<>();
        for (Version v : byVersion.keySet()) {
            if (!state.isApplied(v) && !covered(v)) {
                pending.add(v);
            }
        }
        MigrationRef baseline = current == null ? baselineFor(target) : null;
        if (baseline != null) {
            // Flyway's baseline migrations: on an empty history the latest one at or below the target replaces the versions up to it
            pending.removeIf(v -> v.compareTo(baseline.version()) <= 0);
        }
        List<Version> chosen;
        boolean withRepeatables;
        if (target instanceof Target.Head) {
            chosen = pending;
            withRepeatables = true;
        } else if (target instanceof Target.Exact) {
            Version t = ((Target.Exact) target).version();
            requireKnown(t);
            if (current != null && t.compareTo(current) < 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "target " + t + " is below the current version "
                        + current + "; use 'dbshift down " + t + "'");
            }
            chosen = pending.stream().filter(v -> v.compareTo(t) <= 0).toList();
            withRepeatables = byVersion.isEmpty() || t.compareTo(byVersion.lastKey()) >= 0;
        } else if (target instanceof Target.AtOrBelow a) {
            Version t = a.version();
            if (current != null && t.compareTo(current) < 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, a.origin() + " says " + t + ", below the current version "
                        + current + ": up does not go down; use 'dbshift down TARGET', or pass a TARGET to up");
            }
            chosen = pending.stream().filter(v -> v.compareTo(t) <= 0).toList();
            withRepeatables = byVersion.isEmpty() || t.compareTo(byVersion.lastKey()) >= 0;
        } else if (target instanceof Target.Relative) {
            int n = ((Target.Relative) target).steps();
            if (n < 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "up " + target + ": a negative target goes down; use 'dbshift down " + target + "'");
            }
            if (n > pending.size()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "up " + target + ": only " + pending.size()
                        + " migration" + (pending.size() == 1 ? " is" : "s are") + " pending");
            }
            chosen = pending.subList(0, n);
            withRepeatables = n == pending.size();
        } else {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "up base: base is the bottom; use 'dbshift down base'");
        }
        List<Step> steps = new ArrayList<>();
        List<Problem> noDown = new ArrayList<>();
        List<Problem> cannotResume = new ArrayList<>();
        if (baseline != null) {
            steps.add(Step.of(Step.Action.APPLY, baseline));
        }
        for (Version v : chosen) {
            MigrationRef m = byVersion.get(v).get(0);
            AppliedState.Entry h = state.get(v).orElse(null);
            if (h != null && h.rowsStayed()) {
                cannotResume.add(rowsStayed(m, h));
            }
            if (h != null && h.statementsDone() > 0) {
                if (m.java() != null) {
                    cannotResume.add(javaPartial(m, h));
                }
                steps.add(new Step(Step.Action.RESUME, m, h.statementsDone(), h.lastAttempt().statementsChecksum()));
            } else {
                steps.add(Step.of(Step.Action.APPLY, m));
            }
            if (needDown && !m.hasDown()) {
                noDown.add(missingDown(m));
            }
        }
        if (withRepeatables) {
            for (List<MigrationRef> list : repeatables.values()) {
                MigrationRef m = list.get(0);
                AppliedState.Entry h = state.repeatables().get(m.description());
                if (h != null && h.rowsStayed()) {
                    cannotResume.add(rowsStayed(m, h));
                }
                if (h != null && h.statementsDone() > 0) {
                    // statements of its last try committed (no transactional DDL, a no-transaction script): running it from
                    // its start would run them twice, as for a versioned migration
                    steps.add(new Step(Step.Action.RESUME, m, h.statementsDone(), h.lastAttempt().statementsChecksum()));
                } else if (h == null || !h.applied()) {
                    steps.add(Step.of(Step.Action.APPLY, m));
                } else if (m.checksum() != null && !m.checksum().equals(h.checksum())) {
                    steps.add(Step.of(Step.Action.REAPPLY, m));
                }
            }
        }
        if (!cannotResume.isEmpty()) {
            throw new ValidationException("cannot go on from where " + (cannotResume.stream().allMatch(p -> p.code().equals("rows_stayed"))
                    ? "a migration failed leaving what its rollback could not undo" : "a Java migration failed") + ", nothing was changed", cannotResume);
        }
        if (!noDown.isEmpty()) {
            throw new ValidationException("--on-failure rollback-run needs a down script for every migration it applies", noDown);
        }
        Version to = baseline != null ? baseline.version() : current;
        for (Version v : chosen) {
            if (to == null || v.compareTo(to) > 0) {
                to = v;
            }
        }
        List<String> warnings = new ArrayList<>();
        missingScripts().forEach(p -> warnings.add(p.message()));
        state.versions().forEach((v, h) -> {
            if (h.applied() && h.statementsReverted() > 0) {
                warnings.add("version " + v + " is partly reverted: its down script stopped after " + h.statementsReverted()
                        + " statement(s) (history row " + h.lastAttempt().id() + "), and up does not run it again; finish"
                        + " it with 'dbshift down', or set the database back by hand and run 'dbshift repair'");
            }
        });
        if (target instanceof Target.AtOrBelow a) {
            List<Version> above = pending.stream().filter(v -> v.compareTo(a.version()) > 0).toList();
            if (!above.isEmpty()) {
                warnings.add(a.origin() + " stops up at " + (to == null ? "base" : to) + ": " + above.size()
                        + " migration" + (above.size() == 1 ? "" : "s") + " above " + a.version() + " (" + above.get(0)
                        + (above.size() > 1 ? " …" : "") + ") stay" + (above.size() == 1 ? "s" : "") + " pending");
            }
        }
        return new Plan("up", target, current, to, steps, warnings);
    }

    /** The baseline migration {@code up} to {@code target} starts with on an empty history; null when none applies. */
    private MigrationRef baselineFor(Target target) {
        if (baselines.isEmpty() || state.versions().values().stream().anyMatch(AppliedState.Entry::applied)) {
            return null;
        }
        Version limit;
        if (target instanceof Target.Head) {
            limit = baselines.lastKey();
        } else if (target instanceof Target.Exact e) {
            limit = e.version();
        } else if (target instanceof Target.AtOrBelow a) {
            limit = a.version();
        } else {
            // a number of steps counts versioned migrations: no baseline migration stands in for them
            return null;
        }
        Map.Entry<Version, List<MigrationRef>> b = baselines.floorEntry(limit);
        return b == null ? null : b.getValue().get(0);
    }

    /** The plan of {@code down}: refuses, naming them, when a migration to revert has no down script. */
    public Plan down(Target target) {
        Version current = state.current().orElse(null);
        List<Version> applied = new ArrayList<>();
        state.versions().forEach((v, h) -> {
            if (h.applied()) {
                applied.add(v);
            }
        });
        applied.sort(Comparator.reverseOrder());
        List<Version> chosen;
        if (target instanceof Target.Base) {
            chosen = applied;
        } else if (target instanceof Target.Relative) {
            int n = ((Target.Relative) target).steps();
            if (n > 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "down " + target + ": a positive target goes up; use 'dbshift up " + target + "'");
            }
            if (-n > applied.size()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "down " + target + ": only " + applied.size()
                        + " migration" + (applied.size() == 1 ? " is" : "s are") + " applied");
            }
            chosen = applied.subList(0, -n);
        } else if (target instanceof Target.Exact) {
            Version t = ((Target.Exact) target).version();
            requireKnown(t);
            if (current != null && t.compareTo(current) > 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "target " + t + " is above the current version "
                        + current + "; use 'dbshift up " + t + "'");
            }
            chosen = applied.stream().filter(v -> v.compareTo(t) > 0).toList();
        } else {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "down head: head is the top; use 'dbshift up'");
        }
        List<Step> steps = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Version v : chosen) {
            List<MigrationRef> found = found(v, state.get(v).get());
            if (found == null) {
                problems.add(new Problem("script_missing", v.toString(), "version " + v + " ("
                        + state.get(v).get().lastSuccess().script() + ") is applied but its scripts are gone, so it cannot be reverted"));
                continue;
            }
            MigrationRef m = found.get(0);
            if (!m.hasDown()) {
                problems.add(missingDown(m));
                continue;
            }
            AppliedState.Entry h = state.get(v).get();
            if (m.java() != null && h.statementsReverted() > 0) {
                problems.add(javaPartial(m, h));
                continue;
            }
            if (h.rowsStayed()) {
                problems.add(rowsStayed(m, h));
                continue;
            }
            steps.add(revert(m, h));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("cannot go down to " + target + ", nothing was changed", problems);
        }
        Version to = null;
        for (Version v : applied) {
            if (!chosen.contains(v)) {
                to = v;
                break;
            }
        }
        return new Plan("down", target, current, to, steps, List.of());
    }

    /**
     * The step that reverts {@code m}: its down script, after the statements of it a failed try already ran where they
     * stayed run (no transactional DDL), as a failed up resumes; from its start otherwise.
     */
    static Step revert(MigrationRef m, AppliedState.Entry h) {
        int done = h.statementsReverted();
        return done > 0 ? new Step(Step.Action.REVERT, m, done, h.lastAttempt().statementsChecksum()) : Step.of(Step.Action.REVERT, m);
    }

    /**
     * A Java migration that failed, going up or down, after statements it ran had committed ({@code h.statementsDone()}
     * or {@code h.statementsReverted()} of them): a script resumes after its statements that ran, Java code cannot be run
     * from its middle, and running it from its start would run those statements again.
     */
    static Problem javaPartial(MigrationRef m, AppliedState.Entry h) {
        String v = m.version().toString();
        boolean down = h.statementsReverted() > 0;
        return new Problem("java_partial", v, "version " + m.label() + " (" + m.scriptName() + ") failed "
                + (down ? "going down " : "") + "after " + (down ? h.statementsReverted() : h.statementsDone())
                + " statement(s) it ran had committed (history row " + h.lastAttempt().id()
                + "; 'dbshift errors' lists them); dbshift cannot run a Java migration from its middle, and running it"
                + " from its start would run them again: undo them by hand and run 'dbshift repair' (the next '"
                + (down ? "down" : "up") + "' runs it from its start), or finish it by hand and record it with 'dbshift stamp "
                + (down ? "VERSION' (the version below it)" : v + "'"));
    }

    /**
     * A migration whose last try failed and whose rollback could not undo all it wrote ({@link HistoryRow#ROWS_STAYED}:
     * MySQL's MyISAM rows stay): resuming would run the statements that wrote them again, so nothing runs until a user
     * says they were removed ({@code repair --statement-not-done}) or records the migration as done.
     */
    static Problem rowsStayed(MigrationRef m, AppliedState.Entry h) {
        if (m.version() == null && h.lastAttempt().begunOffline()) {
            return new Problem("rows_stayed", null, "repeatable migration " + m.label() + " (" + m.scriptName() + ") was begun"
                    + " by an offline script ('dbshift sql', history row " + h.lastAttempt().id() + ") that stopped inside it: what"
                    + " ran of it stays, and dbshift cannot see how far it got; running it again would run that twice: undo it by"
                    + " hand and run 'dbshift repair --statement-not-done " + MigrationRef.argument(m.key()) + "' (the next 'up'"
                    + " runs it from its start)");
        }
        if (m.version() == null) {
            return new Problem("rows_stayed", null, "repeatable migration " + m.label() + " (" + m.scriptName() + ") failed and"
                    + " its rollback could not undo all it wrote: a table it wrote into keeps its rows through a rollback, or it"
                    + " wrote outside its transaction (history row " + h.lastAttempt().id() + "; 'dbshift trace "
                    + h.lastAttempt().id() + "' says which statements); running it again would write that twice: remove it by"
                    + " hand and run 'dbshift repair --statement-not-done " + MigrationRef.argument(m.key()) + "' (the next 'up' runs"
                    + " them again)");
        }
        String v = m.version().toString();
        boolean down = h.lastAttempt().operation() == Operation.ROLLBACK;
        if (h.lastAttempt().begunOffline()) {
            return new Problem("rows_stayed", v, "version " + m.label() + " (" + (down ? m.downScriptName() : m.scriptName())
                    + ") was begun " + (down ? "going down " : "") + "by an offline script ('dbshift sql', history row "
                    + h.lastAttempt().id() + ") that stopped inside it: what ran of it stays, as this database commits each"
                    + " statement, and dbshift cannot see how far it got; running it again would run that twice: undo it by"
                    + " hand and run 'dbshift repair --statement-not-done " + v + "' (the next '" + (down ? "down" : "up")
                    + "' runs it from its start), or finish it by hand and record it with 'dbshift stamp "
                    + (down ? "VERSION' (the version below it)" : v + "'"));
        }
        return new Problem("rows_stayed", v, "version " + m.label() + " (" + m.scriptName() + ") failed " + (down ? "going down " : "")
                + "and its rollback could not undo all it wrote: a table it wrote into keeps its rows through a rollback, or it"
                + " wrote outside its transaction (history row " + h.lastAttempt().id() + "; 'dbshift trace " + h.lastAttempt().id()
                + "' says which statements); running them again would write that twice: remove it by hand and run 'dbshift repair"
                + " --statement-not-done " + v + "' (the next '" + (down ? "down" : "up") + "' runs them again), or finish it by"
                + " hand and record it with 'dbshift stamp " + (down ? "VERSION' (the version below it)" : v + "'"));
    }

    private static Problem missingDown(MigrationRef m) {
        String expected = m.up().isEmpty() ? "a reversible Java migration"
                : m.up().get(0).name().replaceAll("\\.sql$", ".down.sql");
        String because = m.java() == null ? null : m.java().irreversibleBecause();
        return new Problem("missing_down", m.version() == null ? null : m.version().toString(),
                "version " + m.label() + " has no down script (expected " + expected + ")"
                        + (because == null ? "" : ": " + because));
    }

    private void requireKnown(Version t) {
        if (!byVersion.containsKey(t) && !baselines.containsKey(t) && state.get(t).isEmpty()) {
            TreeSet<Version> known = new TreeSet<>(byVersion.keySet());
            known.addAll(state.versions().keySet());
            String list = known.isEmpty() ? "none" : String.join(", ", known.stream().map(Version::toString).limit(20).toList())
                    + (known.size() > 20 ? ", …" : "");
            throw new DbShiftException(DbShiftException.BAD_INPUT, "unknown version " + t + " (known versions: " + list + ")");
        }
    }

    /** One line per migration known from scripts or history, versions in order, then repeatables. */
    public List<MigrationStatus> status() {
        List<MigrationStatus> out = new ArrayList<>();
        TreeSet<Version> all = new TreeSet<>(byVersion.keySet());
        all.addAll(state.versions().keySet());
        Version current = state.current().orElse(null);
        for (Version v : all) {
            AppliedState.Entry h = state.versions().get(v);
            List<MigrationRef> scripts = h == null ? byVersion.get(v) : found(v, h);
            MigrationRef m = scripts == null ? null : scripts.get(0);
            MigrationStatus.State s;
            if (h != null && h.applied()) {
                if (m == null) {
                    Operation op = h.lastSuccess().operation();
                    s = op == Operation.STAMP ? MigrationStatus.State.STAMPED
                            : op == Operation.BASELINE ? MigrationStatus.State.BASELINE : MigrationStatus.State.SCRIPT_MISSING;
                } else if (checksumChanged(m, h)) {
                    s = MigrationStatus.State.CHECKSUM_CHANGED;
                } else if (h.statementsReverted() > 0) {
                    s = MigrationStatus.State.PARTLY_REVERTED;
                } else {
                    switch (h.lastSuccess().operation()) {
                        case SKIP: s = MigrationStatus.State.SKIPPED; break;
                        case STAMP: s = MigrationStatus.State.STAMPED; break;
                        case BASELINE: s = MigrationStatus.State.BASELINE; break;
                        default: s = MigrationStatus.State.APPLIED;
                    }
                }
            } else if (h != null && h.failed()) {
                s = h.statementsDone() > 0 ? MigrationStatus.State.PARTIAL : MigrationStatus.State.FAILED;
            } else if (h != null && h.rolledBack()) {
                s = MigrationStatus.State.ROLLED_BACK;
            } else if (covered(v)) {
                s = MigrationStatus.State.BELOW_BASELINE;
            } else if (current != null && v.compareTo(current) < 0) {
                s = MigrationStatus.State.OUT_OF_ORDER;
            } else {
                s = MigrationStatus.State.PENDING;
            }
            String description = m != null ? m.description() : h.lastAttempt().description();
            String kind = m != null ? m.kind().code() : h.lastAttempt().kind();
            out.add(new MigrationStatus(v.toString(), description, kind, s, m, h));
        }
        for (List<MigrationRef> list : repeatables.values()) {
            MigrationRef m = list.get(0);
            AppliedState.Entry h = state.repeatables().get(m.description());
            MigrationStatus.State s;
            if (h == null || (!h.applied() && !h.failed())) {
                s = MigrationStatus.State.PENDING;
            } else if (h.failed()) {
                s = h.statementsDone() > 0 ? MigrationStatus.State.PARTIAL : MigrationStatus.State.FAILED;
            } else if (m.checksum() != null && !m.checksum().equals(h.checksum())) {
                s = MigrationStatus.State.OUTDATED;
            } else {
                s = MigrationStatus.State.APPLIED;
            }
            out.add(new MigrationStatus(null, m.description(), MigrationKind.REPEATABLE.code(), s, m, h));
        }
        state.repeatables().forEach((d, h) -> {
            if (!repeatables.containsKey(d) && h.applied()) {
                out.add(new MigrationStatus(null, d, MigrationKind.REPEATABLE.code(), MigrationStatus.State.SCRIPT_MISSING, null, h));
            }
        });
        return out;
    }
}
