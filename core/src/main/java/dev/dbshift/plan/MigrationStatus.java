package dev.dbshift.plan;

import dev.dbshift.history.AppliedState;
import dev.dbshift.migration.MigrationRef;

/**
 * One line of {@code status}: a migration known from its scripts, the history, or both.
 *
 * @param migration the scripts, or null when they are gone
 * @param history   what the history says, or null when it says nothing
 */
public record MigrationStatus(String version, String description, String kind, State state, MigrationRef migration,
                              AppliedState.Entry history) {

    public enum State {
        APPLIED("applied"),
        SKIPPED("skipped"),
        STAMPED("stamped"),
        BASELINE("baseline"),
        PENDING("pending"),
        OUT_OF_ORDER("pending (out of order)"),
        /** At or below a baseline migration that ran (Flyway's {@code B} scripts): it never runs. */
        BELOW_BASELINE("below baseline"),
        FAILED("failed"),
        PARTIAL("failed (partly applied)"),
        /** Applied, and a down that failed left some of its statements run: the next down goes on after them. */
        PARTLY_REVERTED("applied (partly reverted)"),
        ROLLED_BACK("rolled back"),
        SCRIPT_MISSING("script missing"),
        CHECKSUM_CHANGED("checksum changed"),
        OUTDATED("outdated");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Not applied, and the next {@code up} would apply it (an out-of-order one only when allowed: not here). */
        public boolean toApply() {
            return this == PENDING || this == FAILED || this == PARTIAL || this == ROLLED_BACK || this == OUTDATED;
        }

        public boolean applied() {
            return this == APPLIED || this == PARTLY_REVERTED || this == SKIPPED || this == STAMPED || this == BASELINE
                    || this == SCRIPT_MISSING || this == CHECKSUM_CHANGED || this == OUTDATED;
        }
    }
}
