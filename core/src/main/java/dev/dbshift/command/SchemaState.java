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
        return live != null && recorded != null && !newer() && !live.equals(recorded);
    }

    /**
     * True when the recorded checksum is in a canonical form newer than this dbshift knows: not compared, so neither
     * drift nor a match.
     */
    public boolean newer() {
        return dev.dbshift.schema.LiveChecksum.newer(recorded);
    }

    /** What to say when {@link #newer()}: why it was not compared, and the way to compare it. */
    public String notCompared() {
        return dev.dbshift.schema.LiveChecksum.notCompared(recorded, recordedAfter);
    }

}
