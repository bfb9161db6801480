package dev.dbshift.schema;

import java.util.List;

/**
 * A view.
 *
 * @param definition   the query as the vendor prints it back (not as written)
 * @param materialized a PostgreSQL materialized view
 * @param indexes      a materialized view's indexes; empty for a plain view
 */
public record View(String name, String definition, boolean materialized, List<Index> indexes) {

    public View {
        indexes = Named.sorted(indexes, Index::sortKey);
    }

    /** A view without indexes. */
    public View(String name, String definition, boolean materialized) {
        this(name, definition, materialized, List.of());
    }
}
