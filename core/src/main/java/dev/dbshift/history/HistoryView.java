package dev.dbshift.history;

import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.SquashMarker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history as a command reads it, from one read of the log: the rows as stored, the runs that did
 * not finish, the rows the takeover of those runs records (not written yet, so they have no id), and
 * the squash markers of the migrations found. {@link #state()} is the applied state the planner sees:
 * squashed ranges read as their squashed migration, and a run that died mid-migration as the failed
 * try its takeover records, so {@code status} and {@code --dry-run} show what the next {@code up} does.
 */
public final class HistoryView {
    private final List<HistoryRow> rows;
    private final List<RunRow> unfinished;
    private final List<HistoryRow> takeover;
    private final Map<MigrationRef, SquashMarker> squashes;
    private final SquashedHistory.View squashed;

    private HistoryView(List<HistoryRow> rows, List<RunRow> unfinished, List<HistoryRow> takeover,
                        Map<MigrationRef, SquashMarker> squashes) {
        this.rows = List.copyOf(rows);
        this.unfinished = List.copyOf(unfinished);
        this.takeover = List.copyOf(takeover);
        this.squashes = squashes;
        List<HistoryRow> all = new ArrayList<>(rows);
        all.addAll(takeover);
        this.squashed = SquashedHistory.view(all, squashes);
    }

    /** The log as read, and the migrations found (whose squash markers the source read when it listed them). */
    public static HistoryView of(List<HistoryRow> rows, List<RunRow> unfinished, List<MigrationRef> migrations) {
        Map<MigrationRef, SquashMarker> squashes = new LinkedHashMap<>();
        for (MigrationRef m : migrations) {
            if (m.squashed() != null) {
                squashes.put(m, m.squashed());
            }
        }
        return new HistoryView(rows, unfinished, List.of(), squashes);
    }

    /** The same view with the rows a takeover of interrupted runs records (built with {@link HistoryRow#failed}, not yet written). */
    public HistoryView withTakeover(List<HistoryRow> recorded) {
        return new HistoryView(rows, unfinished, recorded, squashes);
    }

    /** The rows as stored, oldest first. */
    public List<HistoryRow> rows() {
        return rows;
    }

    /** The runs without an end: still running, or their process died. */
    public List<RunRow> unfinished() {
        return unfinished;
    }

    /** The applied state the planner sees. */
    public AppliedState state() {
        return AppliedState.of(squashed.rows());
    }

    /** The rows as the planner reads them (squashed ranges as their squashed migration, takeover rows included). */
    public List<HistoryRow> plannedRows() {
        return squashed.rows();
    }

    /** Squashed migrations whose range this database applied only in part. */
    public List<SquashedHistory.Partial> partialSquashes() {
        return squashed.problems();
    }

    /** The latest stored row that recorded the schema's checksum. */
    public Optional<HistoryRow> lastSchemaChecksum() {
        HistoryRow recorded = null;
        for (HistoryRow r : rows) {
            if (r.schemaChecksum() != null) {
                recorded = r;
            }
        }
        return Optional.ofNullable(recorded);
    }
}
