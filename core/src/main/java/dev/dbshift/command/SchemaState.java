package dev.dbshift.command;

/**
 * The live schema's checksum next to the latest one the history recorded.
 *
 * @param live          the live schema's checksum; null where the database has no schema reader
 * @param recorded      the checksum recorded by the latest history row that has one; null when none has
 * @param recordedAfter which migration that row belongs to, for messages
 */
public record SchemaState(String live, String recorded, String recordedAfter) {
    /** True when the history recorded a schema and the live one differs from it. */
    public boolean drift() {
        return live != null && recorded != null && !live.equals(recorded);
    }
}
