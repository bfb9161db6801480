package dev.dbshift.config;

import java.util.Locale;

/**
 * Which history rows record the schema's checksum after them ({@code schema_checksum} setting).
 * Reading the schema costs one catalog round of queries (tens of milliseconds, growing with the
 * schema), so recording it after every migration of a long run costs more than the run itself;
 * drift detection needs only the latest.
 */
public enum SchemaChecksums {
    /** After every migration: a history that shows the schema's story step by step. */
    EACH,
    /** After the last step of each run, and after a failed step (the default). */
    LAST,
    /** Never: no drift detection. */
    OFF;

    public static SchemaChecksums parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected each, last or off, not '" + s + "'");
        }
    }
}
