package dev.dbshift.schema;

/**
 * A view.
 *
 * @param definition   the query as the vendor prints it back (not as written)
 * @param materialized a PostgreSQL materialized view
 */
public record View(String name, String definition, boolean materialized) {
}
