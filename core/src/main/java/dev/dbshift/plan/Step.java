package dev.dbshift.plan;

import dev.dbshift.migration.MigrationRef;

/**
 * One thing a plan does to one migration.
 *
 * @param skipStatements     for {@link Action#RESUME}: how many leading statements already ran
 * @param expectedChecksum   for {@link Action#RESUME}: the checksum those statements had when they ran
 */
public record Step(Action action, MigrationRef migration, int skipStatements, String expectedChecksum) {

    public enum Action {
        /** Run the up script. */
        APPLY,
        /** Run the statements of a partly applied migration that did not run yet. */
        RESUME,
        /** Run the down script. */
        REVERT,
        /** Run a repeatable migration again because its checksum changed. */
        REAPPLY
    }

    public static Step of(Action action, MigrationRef migration) {
        return new Step(action, migration, 0, null);
    }
}
