package dev.dbshift.plan;

import dev.dbshift.history.Operation;

/**
 * One history row a bookkeeping command ({@code stamp}, {@code skip}, {@code repair}) writes
 * without running any script.
 *
 * @param version     the migration's version, or null for a repeatable
 * @param description the migration's description (a repeatable's key)
 * @param script      the script name the row records, or null when there is none (a stamp down)
 * @param checksum    the checksum the row records: what the script must hash to from now on, or null
 * @param note        for a person: what the row changes (e.g. the old and new checksum)
 */
public record Mark(Operation operation, String version, String description, String kind, String script,
                   String checksum, String note) {
}
