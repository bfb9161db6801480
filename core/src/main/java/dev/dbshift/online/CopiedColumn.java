package dev.dbshift.online;

/** One copied column: the source column read and the shadow column it fills. */
public record CopiedColumn(String source, String shadow) {
}
