package dev.dbshift.history.foreign;

import java.time.Instant;

/**
 * One migration another tool's history says is applied, as {@code adopt} matches it to a migration found.
 *
 * @param foreignId   the tool's own name for it, in the form of {@link dev.dbshift.migration.MigrationRef#foreignId()}
 * @param version     the tool's version when it is one dbshift can parse (matched by version when no
 *                    migration carries {@code foreignId}); null when the tool has none
 * @param repeatable  for a repeatable migration (Flyway {@code R}): its description; else null
 * @param andBelow    the tool records only its latest version (golang-migrate) or a baseline (Flyway
 *                    {@code BASELINE}): every migration at or below {@code version} counts as applied
 * @param marker      a baseline the tool recorded without a script: recorded even when no file has its version
 * @param appliedAt   when the tool applied it, or null when it did not record it
 * @param installedBy who applied it, or null
 * @param note        what the tool recorded that dbshift keeps for a person (its checksum, rank, type)
 * @param checksum    the tool's own checksum of the script, where {@link ForeignHistory#sameScript} can compare
 *                    it with the file (Flyway's CRC32); else null
 */
public record ForeignRow(String foreignId, String version, String repeatable, boolean andBelow, boolean marker,
                         Instant appliedAt, String installedBy, String note, String checksum) {

    /** A versioned migration the tool applied. */
    public static ForeignRow applied(String foreignId, String version, Instant appliedAt, String installedBy, String note) {
        return new ForeignRow(foreignId, version, null, false, false, appliedAt, installedBy, note, null);
    }
}
