package dev.dbshift.history;

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
 * database where none is applied, nothing changes: S is pending and runs as one migration (and once
 * it ran, T's row records S's checksum, not one the marker lists: S is applied). A
 * database with only some of them applied, T included (all below T applied but not T itself is
 * partial too: S would run the lower ones again), cannot use S: that is a {@code squash_partial}
 * {@link Partial} ({@code check} and {@code up} stop with exit 3), and the rows stay as they are. T's rows
 * match S when they recorded any of the checksums the marker lists for T: a version directory has one
 * per environment.
 */
public final class SquashedHistory {
    /** The history as the planner should see it, and the squashes this database cannot use. */
    public record View(List<HistoryRow> rows, List<Partial> problems) {
    }

    /**
     * A squashed migration whose range this database applied only in part (code {@value #CODE}; the
     * commands report it as a problem).
     */
    public record Partial(String version, String message) {
        public static final String CODE = "squash_partial";

        public String code() {
            return CODE;
        }
    }

    private SquashedHistory() {
    }

    private static List<String> appliedOnes(AppliedState raw, SquashMarker marker) {
        List<String> out = new ArrayList<>();
        for (Version v : marker.replaced().keySet()) {
            if (raw.isApplied(v)) {
                out.add(v.toString());
            }
        }
        return out.isEmpty() ? List.of("none") : out;
    }

    public static View view(List<HistoryRow> rows, Map<MigrationRef, SquashMarker> squashes) {
        if (squashes.isEmpty()) {
            return new View(rows, List.of());
        }
        AppliedState raw = AppliedState.of(rows);
        List<HistoryRow> out = new ArrayList<>(rows);
        List<Partial> problems = new ArrayList<>();
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
            boolean topApplied = raw.isApplied(top);
            // T's row recording a checksum the marker does not list: S itself ran here (a database that started after the squash)
            boolean squashRan = topApplied && raw.get(top).map(x -> !e.getValue().recorded(top, x.checksum())).orElse(false);
            if (others.isEmpty() || applied == 0 && (!topApplied || squashRan)) {
                continue;
            }
            if (applied < others.size() || !topApplied) {
                // S would run again what is there (all lower ones applied, T not), or skip what is missing
                problems.add(new Partial(top.toString(), s.label() + " replaces versions "
                        + String.join(", ", e.getValue().replaced().keySet().stream().map(Version::toString).toList())
                        + ", of which this database has only " + (applied + (topApplied ? 1 : 0)) + " of "
                        + (others.size() + 1) + " applied (" + String.join(", ", appliedOnes(raw, e.getValue())) + ")"
                        + "; running it would repeat what is there: bring the database to a state before or after the"
                        + " whole range with the unsquashed scripts (from version control)"));
                continue;
            }
            List<HistoryRow> next = new ArrayList<>();
            for (HistoryRow r : out) {
                if (r.version() != null && others.contains(Version.parse(r.version()).toString())) {
                    continue;
                }
                if (r.version() != null && Version.parse(r.version()).equals(top) && e.getValue().recorded(top, r.checksum())) {
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
