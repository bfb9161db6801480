package dev.dbshift.check;

import dev.dbshift.plan.Problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes a failed build left unusable ({@code invalid_index}): on PostgreSQL, a CREATE INDEX or REINDEX CONCURRENTLY
 * that failed leaves its index invalid, unused by queries yet kept up to date by every write, and in the way of the
 * statement run again. No migration records it and the schema checksum reads it as the index it was to be, so only
 * the catalog tells.
 */
public final class InvalidIndexes implements ProblemSource {

    @Override
    public List<Problem> problems(CheckInput input) {
        List<Problem> out = new ArrayList<>();
        try {
            for (String line : input.database().invalidIndexes(input.connection(), input.schema())) {
                out.add(new Problem("invalid_index", null, line));
            }
        } catch (SQLException e) {
            out.add(new Problem("invalid_index", null, "the indexes of schema " + input.schema() + " could not be read: "
                    + e.getMessage()));
        }
        return out;
    }
}
