package dev.dbshift.plan;

import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.SquashMarker;
import dev.dbshift.migration.Version;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the history reads once migrations were squashed (pure; the log itself is never changed).
 *
 * <p>A squashed migration S takes the highest version T of the range it replaced and lists every
 * replaced version with its old checksum ({@link SquashMarker}). On a database where every replaced
 * version below T is applied, their rows are hidden (S covers them) and T's rows that recorded T's
 * old checksum read as recording S's checksum: S is applied, not pending, and not "edited". On a
 * database where none is applied, nothing changes: S is pending and runs as one migration. A
 * database with only some of them applied cannot use S (it would run again what is there): that is
 * a {@code squash_partial} problem, and the rows stay as they are.
 */
public final class SquashedHistory {
    /** The history as the planner should see it, and the databases the squash cannot serve. */
    public record View(List<HistoryRow> rows, List<Problem> problems) {
    }

    private SquashedHistory() {
    }

    public static View view(List<HistoryRow> rows, Map<MigrationRef, SquashMarker> squashes) {
        if (squashes.isEmpty()) {
            return new View(rows, List.of());
        }
        AppliedState raw = AppliedState.of(rows);
        List<HistoryRow> out = new ArrayList<>(rows);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<MigrationRef, SquashMarker> e : squashes.entrySet()) {
            MigrationRef s = e.getKey();
            Version top = s.version();
            Set<String> others = new HashSet<>();
            int applied = 0;
            for (Version v : e.getValue().replaced().keySet()) {
                if (!v.equals(top)) {
                    others.add(v.toString());
                    applied += raw.isApplied(v) ? 1 : 0;
                }
            }
            if (others.isEmpty() || applied == 0) {
                continue;
            }
            if (applied < others.size()) {
                problems.add(new Problem("squash_partial", top.toString(), s.label() + " replaces versions "
                        + String.join(", ", e.getValue().replaced().keySet().stream().map(Version::toString).toList())
                        + ", of which this database has only " + applied + " of the lower " + others.size()
                        + " applied; bring it to a state before or after the whole range with the unsquashed scripts"));
                continue;
            }
            String old = e.getValue().replaced().get(top);
            List<HistoryRow> next = new ArrayList<>();
            for (HistoryRow r : out) {
                if (r.version() != null && others.contains(Version.parse(r.version()).toString())) {
                    continue;
                }
                if (r.version() != null && Version.parse(r.version()).equals(top) && old != null && old.equals(r.checksum())) {
                    r = new HistoryRow(r.id(), r.runId(), r.version(), r.description(), r.kind(), r.operation(), r.script(),
                            s.checksum(), r.schemaChecksum(), r.environment(), r.installedBy(), r.startedAt(), r.finishedAt(),
                            r.durationMs(), r.success(), r.errorMessage(), r.errorTrace(), r.statementsDone(), r.statementsChecksum());
                }
                next.add(r);
            }
            out = next;
        }
        return new View(out, problems);
    }
}
