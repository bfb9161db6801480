package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.Operation;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code stamp}, {@code skip} and {@code repair} append to the history: pure functions of
 * (migrations found, applied state, what was asked), so their rules are tested without a database.
 * The history stays append-only; each function returns rows to add, never rows to change.
 *
 * <ul>
 *   <li>{@code stamp V}: every migration at or below V that is not applied gets a {@code stamp} row;
 *       every applied migration above V gets a successful {@code rollback} row without a script
 *       (the run's command says {@code stamp}), so "applied = latest successful row is not a rollback"
 *       stays the one rule. {@code stamp base} writes only rollback rows; {@code stamp head} stamps all.</li>
 *   <li>{@code skip [V]}: one {@code skip} row for V (default: the lowest pending version).</li>
 *   <li>{@code repair}: one {@code repair} row per applied migration whose script was edited
 *       (recording the new checksum) and per migration whose last try failed (resolving the failure:
 *       the migration is back to pending, or to applied if it was applied before the failed try).</li>
 * </ul>
 */
public final class HistoryEdits {
    private HistoryEdits() {
    }

    public static List<Mark> stamp(List<MigrationRef> sources, AppliedState state, Target target) {
        TreeMap<Version, MigrationRef> byVersion = versions(sources);
        Version limit;
        if (target instanceof Target.Head) {
            limit = byVersion.isEmpty() ? null : byVersion.lastKey();
        } else if (target instanceof Target.Base) {
            limit = null;
        } else if (target instanceof Target.Exact e) {
            limit = e.version();
            if (!byVersion.containsKey(limit) && state.get(limit).isEmpty()) {
                throw unknown(limit, byVersion, state);
            }
        } else {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "stamp " + target
                    + ": stamp takes a version, head or base, not a relative target");
        }
        List<Mark> marks = new ArrayList<>();
        List<Version> above = new ArrayList<>();
        state.versions().forEach((v, h) -> {
            if (h.applied() && (limit == null || v.compareTo(limit) > 0)) {
                above.add(v);
            }
        });
        above.sort(Comparator.reverseOrder());
        for (Version v : above) {
            HistoryRow last = state.get(v).get().lastSuccess();
            marks.add(new Mark(Operation.ROLLBACK, v.toString(), last.description(), last.kind(), null, null,
                    "recorded as not applied (nothing is run)"));
        }
        if (limit != null) {
            for (MigrationRef m : byVersion.headMap(limit, true).values()) {
                if (!state.isApplied(m.version())) {
                    marks.add(mark(Operation.STAMP, m, "recorded as applied (nothing is run)"));
                }
            }
        }
        return marks;
    }

    /** The skip of {@code version}, or of the lowest pending version when it is null. */
    public static Mark skip(List<MigrationRef> sources, AppliedState state, Version version) {
        TreeMap<Version, MigrationRef> byVersion = versions(sources);
        if (version == null) {
            for (MigrationRef m : byVersion.values()) {
                if (!state.isApplied(m.version())) {
                    return mark(Operation.SKIP, m, "recorded as applied without running it");
                }
            }
            throw new DbShiftException(DbShiftException.BAD_INPUT, "skip: no migration is pending");
        }
        MigrationRef m = byVersion.get(version);
        if (m == null) {
            throw unknown(version, byVersion, state);
        }
        if (state.isApplied(version)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "skip " + version + ": " + m.label()
                    + " is already applied");
        }
        return mark(Operation.SKIP, m, "recorded as applied without running it");
    }

    /** The repair rows: edited applied scripts get their new checksum, failed tries are resolved. */
    public static List<Mark> repair(List<MigrationRef> sources, AppliedState state) {
        TreeMap<Version, MigrationRef> byVersion = versions(sources);
        List<Mark> marks = new ArrayList<>();
        state.versions().forEach((v, h) -> {
            MigrationRef m = byVersion.get(v);
            boolean edited = m != null && h.applied() && edited(m.checksum(), h);
            if (edited) {
                marks.add(new Mark(Operation.REPAIR, v.toString(), m.description(), m.kind().code(), m.scriptName(),
                        m.checksum(), "checksum " + h.checksum() + " -> " + m.checksum()
                        + (h.failed() ? "; failed try resolved" : "")));
            } else if (h.failed()) {
                HistoryRow f = h.lastAttempt();
                marks.add(new Mark(Operation.REPAIR, v.toString(), f.description(), f.kind(), f.script(), null,
                        "failed try resolved (history row " + f.id() + "); now " + (h.applied() ? "applied" : "pending")
                                + (f.statementsDone() != null && f.statementsDone() > 0 ? "; its " + f.statementsDone()
                                + " statement(s) that ran are no longer resumed from: the next '"
                                + (f.operation() == Operation.ROLLBACK ? "down' runs its down script" : "up' runs it")
                                + " from the start" : "")));
            }
        });
        state.repeatables().forEach((d, h) -> {
            if (h.failed()) {
                HistoryRow f = h.lastAttempt();
                marks.add(new Mark(Operation.REPAIR, null, d, f.kind(), f.script(), null,
                        "failed try resolved (history row " + f.id() + ")"));
            }
        });
        return marks;
    }

    private static boolean edited(String now, AppliedState.Entry h) {
        Operation op = h.lastSuccess().operation();
        return h.checksum() != null && now != null && !h.checksum().equals(now)
                && op != Operation.STAMP && op != Operation.SKIP;
    }

    private static Mark mark(Operation op, MigrationRef m, String note) {
        return new Mark(op, m.version().toString(), m.description(), m.kind().code(), m.scriptName(), m.checksum(), note);
    }

    /** Versioned migrations by version; a duplicate version stops every bookkeeping command. */
    static TreeMap<Version, MigrationRef> versions(List<MigrationRef> sources) {
        TreeMap<Version, MigrationRef> out = new TreeMap<>();
        Map<Version, List<String>> dup = new TreeMap<>();
        for (MigrationRef m : sources) {
            if (m.version() == null || m.kind() == MigrationKind.REPEATABLE) {
                continue;
            }
            MigrationRef before = out.put(m.version(), m);
            if (before != null) {
                dup.computeIfAbsent(m.version(), k -> new ArrayList<>(List.of(before.scriptName()))).add(m.scriptName());
            }
        }
        if (!dup.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            dup.forEach((v, names) -> problems.add(new Problem("duplicate_version", v.toString(),
                    "version " + v + " is defined more than once: " + String.join(", ", names))));
            throw new ValidationException("nothing was changed, because", problems);
        }
        return out;
    }

    static DbShiftException unknown(Version v, TreeMap<Version, MigrationRef> byVersion, AppliedState state) {
        TreeSet<Version> known = new TreeSet<>(byVersion.keySet());
        known.addAll(state.versions().keySet());
        String list = known.isEmpty() ? "none" : String.join(", ", known.stream().map(Version::toString).limit(20).toList())
                + (known.size() > 20 ? ", …" : "");
        return new DbShiftException(DbShiftException.BAD_INPUT, "unknown version " + v + " (known versions: " + list + ")");
    }
}
