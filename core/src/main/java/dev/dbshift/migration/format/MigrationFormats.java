package dev.dbshift.migration.format;

import dev.dbshift.migration.MigrationFormat;

import java.util.List;

/** Every other tool's layout dbshift reads, in detection order (the most specific first). */
public final class MigrationFormats {
    private MigrationFormats() {
    }

    public static List<MigrationFormat> all() {
        return List.of(
                // manifest and folder layouts first: a file of their own says what they are
                new LiquibaseFormat(), new SqitchFormat(), new AtlasFormat(), new PrismaFormat(), new DieselFormat(),
                new SourcegraphFormat(), new FlywayFormat(),
                // markers inside files
                new GooseFormat(), new DbmateFormat(), new SqlMigrateFormat(),
                // names only: golang-migrate (up/down files only) before sqlx (plain {version}_{name}.sql files)
                new GolangMigrateFormat(), new SqlxFormat()
        );
    }
}
