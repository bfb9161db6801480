package dev.dbshift.history;

import java.time.Instant;

/**
 * One row of the append-only history: one thing done (or tried) to one migration.
 *
 * @param id                 assigned by the database; 0 before insertion
 * @param version            null for repeatable migrations
 * @param kind               sql, java, repeatable, init or baseline
 * @param script             the script(s) run, e.g. {@code migrations/1.1/all.sql+migrations/1.1/prod.sql}
 * @param checksum           of the up script as it was when this row was written
 * @param schemaChecksum     the schema's checksum after the operation, when known
 * @param statementsDone     how many statements of the script succeeded (for a partly applied
 *                           migration on a database without transactional DDL); null when not counted
 * @param statementsChecksum checksum of the text of those statements, so a resumed run can tell that
 *                           the statements already run were not edited
 */
public record HistoryRow(long id, long runId, String version, String description, String kind, Operation operation,
                         String script, String checksum, String schemaChecksum, String environment,
                         String installedBy, Instant startedAt, Instant finishedAt, long durationMs, boolean success,
                         String errorMessage, String errorTrace, Integer statementsDone, String statementsChecksum) {
}
