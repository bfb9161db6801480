package dev.dbshift.migration;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another tool's migration layout, read as it is (no renaming): golang-migrate, goose, dbmate, Flyway,
 * Liquibase formatted SQL, Prisma, Sqitch... One implementation per tool, in
 * {@code dev.dbshift.migration.format}; {@link FileMigrationSource} picks one per location, from the
 * {@code format} setting or by {@link #detect}ion, and falls back to dbshift's own layout.
 *
 * <p>A format only reads names and text: it reports migrations (with versions dbshift can order, the scripts
 * or {@link Section}s of files that are their up and down, and the tool's own name for each as
 * {@link MigrationRef#foreignId()}) and problems naming the file. Everything after that (checksums,
 * transactions, progress marks, resume, placeholders, lint) is the same code as for dbshift's layout.
 */
public interface MigrationFormat {
    /** The name the {@code format} setting uses, e.g. {@code golang-migrate}. */
    String name();

    /**
     * Whether {@code folder}, a location's root folder listed once for every format, is in this format. Reads
     * names and at most the head of a few files; must be false for a folder in dbshift's own layout.
     */
    boolean detect(FolderListing folder) throws IOException;

    /** Reads the migrations under the folder into {@code sink}; a file it cannot read is a problem naming it. */
    void read(FormatFolder folder, FormatSink sink) throws IOException;

    /** A location's root folder, as a format reads it. */
    interface FormatFolder {
        Path dir();

        /** How {@code p}, inside the folder, is named in lists, messages and the history's script column. */
        String display(Path p);

        /** The current environment, or null. */
        String environment();

        /** The whole text of a file in the folder, decoded strictly in the project's encoding. */
        String text(Path file) throws IOException;
    }

    /** Where a format puts what it found. */
    interface FormatSink {
        /** A versioned migration; {@code down} may be empty; {@code foreignId} as {@link MigrationRef#foreignId()}. */
        void versioned(Version version, String description, java.util.List<ScriptRef> up, java.util.List<ScriptRef> down,
                       String foreignId);

        /** A migration that runs again whenever its checksum changes. */
        void repeatable(ScriptRef script, String description, String foreignId);

        /**
         * A baseline migration (Flyway's {@code B<version>__x.sql}): on an empty history the latest one at or
         * below the target runs instead of the versioned migrations up to its version, which then count as
         * covered by it ({@link dev.dbshift.plan.Planner}).
         */
        default void baseline(Version version, String description, java.util.List<ScriptRef> up, String foreignId) {
            problem(up.get(0).name() + ": a baseline migration, which this source does not read");
        }

        /**
         * A script run at a point of {@code up} rather than recorded as a migration: {@code beforeMigrate},
         * {@code beforeEachMigrate}, {@code afterEachMigrate}, {@code afterMigrate} (Flyway's callbacks).
         */
        default void callback(String event, ScriptRef script) {
            problem(script.name() + ": a callback script, which this source does not read");
        }

        /** A reason a file cannot be read as a migration; all are reported together. */
        void problem(String problem);
    }
}
