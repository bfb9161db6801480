package dev.dbshift.plan;

import dev.dbshift.history.AppliedState;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The plan of {@code rebuild VERSION}: run one migration again. A partly applied migration (a
 * failed try on a database without transactional DDL) runs only the statements that did not run,
 * recorded as {@code apply_partial}; an applied one runs its down script then its up script
 * (recorded as {@code rollback} then {@code apply}), and is refused without a down script; one that
 * is not applied (pending, failed with nothing left behind, rolled back) is simply applied.
 */
public final class RebuildPlanner {
    private RebuildPlanner() {
    }

    public static Plan plan(List<MigrationRef> sources, AppliedState state, Version version) {
        TreeMap<Version, MigrationRef> byVersion = HistoryEdits.versions(sources);
        MigrationRef m = byVersion.get(version);
        if (m == null) {
            throw HistoryEdits.unknown(version, byVersion, state);
        }
        AppliedState.Entry h = state.get(version).orElse(null);
        Version current = state.current().orElse(null);
        List<Step> steps = new ArrayList<>();
        if (h != null && h.statementsDone() > 0) {
            if (m.java() != null) {
                throw new ValidationException("cannot rebuild " + m.label() + ", nothing was changed", List.of(Planner.javaPartial(m, h)));
            }
            steps.add(new Step(Step.Action.RESUME, m, h.statementsDone(), h.lastAttempt().statementsChecksum()));
        } else if (h != null && h.applied()) {
            if (!m.hasDown()) {
                String expected = m.up().isEmpty() ? "a reversible Java migration"
                        : m.up().get(0).name().replaceAll("\\.sql$", ".down.sql");
                throw new ValidationException("cannot rebuild " + m.label() + ", nothing was changed", List.of(
                        new Problem("missing_down", version.toString(), "version " + m.label()
                                + " has no down script (expected " + expected + "), so it cannot be run again")));
            }
            if (m.java() != null && h.statementsReverted() > 0) {
                throw new ValidationException("cannot rebuild " + m.label() + ", nothing was changed", List.of(Planner.javaPartial(m, h)));
            }
            steps.add(Planner.revert(m, h));
            steps.add(Step.of(Step.Action.APPLY, m));
        } else {
            steps.add(Step.of(Step.Action.APPLY, m));
        }
        Version to = current == null || version.compareTo(current) > 0 ? version : current;
        return new Plan("rebuild", new Target.Exact(version), current, to, steps, List.of());
    }
}
