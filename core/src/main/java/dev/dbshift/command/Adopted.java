package dev.dbshift.command;

/**
 * What {@code adopt} read and wrote (or, in a dry run, would write).
 *
 * @param tool  the tool whose history was read, e.g. {@code flyway}
 * @param table that tool's history table, as spelled on the target (left as it was)
 */
public record Adopted(String tool, String table, Recorded recorded) {
}
