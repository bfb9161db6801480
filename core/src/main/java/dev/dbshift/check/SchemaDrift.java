package dev.dbshift.check;

import dev.dbshift.history.HistoryRow;
import dev.dbshift.plan.Problem;
import dev.dbshift.schema.LiveChecksum;

import java.util.List;

/**
 * Schema drift ({@code drift}): the live schema's checksum differs from the one the latest history
 * row with a schema checksum recorded, so someone changed the schema outside the migrations.
 * Nothing is reported where the database has no schema reader or the history recorded none. A checksum a newer
 * dbshift recorded, in a canonical form this one does not know, is {@code drift-unknown}: not compared, and said so.
 */
public final class SchemaDrift implements ProblemSource {
    private final LiveChecksum live;

    /** @param live the live schema's checksum, or null when it cannot be read */
    public SchemaDrift(LiveChecksum live) {
        this.live = live;
    }

    @Override
    public List<Problem> problems(CheckInput input) {
        HistoryRow recorded = null;
        for (HistoryRow r : input.rows()) {
            if (r.schemaChecksum() != null) {
                recorded = r;
            }
        }
        if (live == null || recorded == null) {
            return List.of();
        }
        String at = recorded.step();
        if (LiveChecksum.newer(recorded.schemaChecksum())) {
            // neither drift nor a match: this dbshift cannot say, and says so
            return List.of(new Problem("drift-unknown", recorded.version(), LiveChecksum.notCompared(
                    recorded.schemaChecksum(), at + " (history row " + recorded.id() + ")")));
        }
        if (live.as(recorded.schemaChecksum()).equals(recorded.schemaChecksum())) {
            return List.of();
        }
        return List.of(new Problem("drift", recorded.version(), "schema drift: the live schema (" + live.as(recorded.schemaChecksum())
                + ") is not the one recorded after " + at + " (history row " + recorded.id() + ", "
                + recorded.schemaChecksum() + "); 'dbshift diff --live' shows what changed"));
    }
}
