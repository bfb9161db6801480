package dev.dbshift.plan;

/**
 * Something that stops a command before it changes anything (or that {@code check} reports).
 *
 * @param code    stable identifier for scripts and {@code --json}: {@code checksum_changed},
 *                {@code duplicate_version}, {@code out_of_order}, {@code script_missing},
 *                {@code missing_down}, {@code pending}, {@code drift}
 * @param version the migration concerned, or null
 * @param message a sentence for a person, naming the files
 */
public record Problem(String code, String version, String message) {
}
