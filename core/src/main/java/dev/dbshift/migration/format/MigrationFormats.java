package dev.dbshift.migration.format;

import dev.dbshift.migration.MigrationFormat;

import java.util.List;

/** Every other tool's layout dbshift reads, in detection order (the most specific first). */
public final class MigrationFormats {
    private MigrationFormats() {
    }

    public static List<MigrationFormat> all() {
        return List.of(
                // one line per format; keep the most specific (markers inside files, manifest files) first
                new LiquibaseFormat(),
                new FlywayFormat()
        );
    }
}
