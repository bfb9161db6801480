package dev.dbshift.plan;

import dev.dbshift.DbShiftException;
import dev.dbshift.history.AppliedState;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The plan of an offline script ({@code sql FROM:TO}): which migrations a version range covers, in
 * which direction, from the scripts alone (the database may be out of reach). Up ({@code FROM} below
 * {@code TO}): the versions above FROM up to TO, in order, then the repeatable migrations when TO is
 * {@code head}. Down: the versions above TO up to FROM, highest first, each needing a down script.
 */
public final class RangePlanner {
    private RangePlanner() {
    }

    /** A parsed {@code FROM:TO}; null ends mean {@code base} (FROM) or {@code base}/{@code head} (TO, see {@link #toHead}). */
    public record Range(Version from, Version to, boolean toHead) {
        /** {@code FROM:TO} where FROM is base or a version and TO is head, base or a version. */
        public static Range parse(String text) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon < 0) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "range '" + text
                        + "': expected FROM:TO, e.g. base:head, 1.2:1.5 or 1.5:1.2 (down)");
            }
            Version from = end(text, text.substring(0, colon).trim(), false);
            String toText = text.substring(colon + 1).trim();
            boolean head = toText.equalsIgnoreCase("head");
            Version to = head ? null : end(text, toText, true);
            return new Range(from, to, head);
        }

        private static Version end(String range, String s, boolean to) {
            if (s.equalsIgnoreCase("base")) {
                return null;
            }
            if (s.equalsIgnoreCase("head") && !to) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "range '" + range + "': FROM is base or a version");
            }
            String v = s.startsWith("V") || s.startsWith("v") ? s.substring(1) : s;
            if (!Version.isVersion(v)) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "range '" + range + "': '" + s
                        + "' is not base, head or a version");
            }
            return Version.parse(v);
        }

        @Override
        public String toString() {
            return (from == null ? "base" : from.toString()) + ":" + (toHead ? "head" : to == null ? "base" : to.toString());
        }
    }

    public static Plan plan(List<MigrationRef> sources, Range range) {
        TreeMap<Version, MigrationRef> byVersion = HistoryEdits.versions(sources);
        AppliedState none = AppliedState.of(List.of());
        for (Version v : new Version[]{range.from(), range.to()}) {
            if (v != null && !byVersion.containsKey(v)) {
                throw HistoryEdits.unknown(v, byVersion, none);
            }
        }
        Version to = range.toHead() ? (byVersion.isEmpty() ? null : byVersion.lastKey()) : range.to();
        boolean down = range.from() != null && (to == null || to.compareTo(range.from()) < 0);
        List<Step> steps = new ArrayList<>();
        Target target = range.toHead() ? new Target.Head() : to == null ? new Target.Base() : new Target.Exact(to);
        if (!down) {
            for (MigrationRef m : byVersion.values()) {
                Version v = m.version();
                if ((range.from() == null || v.compareTo(range.from()) > 0) && to != null && v.compareTo(to) <= 0) {
                    steps.add(Step.of(Step.Action.APPLY, m));
                }
            }
            if (range.toHead()) {
                sources.stream().filter(m -> m.kind() == MigrationKind.REPEATABLE)
                        .sorted(Comparator.comparing(MigrationRef::description))
                        .forEach(m -> steps.add(Step.of(Step.Action.APPLY, m)));
            }
            return new Plan("sql", target, range.from(), to, steps, List.of());
        }
        List<Problem> problems = new ArrayList<>();
        for (MigrationRef m : byVersion.descendingMap().values()) {
            Version v = m.version();
            if (v.compareTo(range.from()) <= 0 && (to == null || v.compareTo(to) > 0)) {
                if (!m.hasDown() || m.java() != null) {
                    problems.add(new Problem("missing_down", v.toString(), "version " + m.label() + " has no down script"
                            + (m.up().isEmpty() ? "" : " (expected " + m.up().get(0).name().replaceAll("\\.sql$", ".down.sql") + ")")));
                }
                steps.add(Step.of(Step.Action.REVERT, m));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("cannot write the script for " + range, problems);
        }
        return new Plan("sql", target, range.from(), to, steps, List.of());
    }
}
