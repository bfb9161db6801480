package dev.dbshift.history;

import java.util.Locale;

/** What a history row did to a migration; stored in lower case in the {@code operation} column. */
public enum Operation {
    /** Ran the up script. */
    APPLY,
    /** Ran the rest of a partly applied migration (MySQL, where DDL commits statement by statement). */
    APPLY_PARTIAL,
    /** Recorded as applied without running it. */
    SKIP,
    /** Recorded as applied because the database was built by other means. */
    STAMP,
    /** Ran the down script, or recorded the migration as no longer applied. */
    ROLLBACK,
    /** The baseline migration of a database that adopted dbshift. */
    BASELINE,
    /** Recorded a new checksum of an applied script, or marked failures as resolved. */
    REPAIR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant stored as {@code code}. A loop, not {@code valueOf}: the history holds one per row, and
     * {@code Enum.valueOf}'s first call builds its map by reflection, which showed in a cold no-op {@code up}'s profile.
     */
    public static Operation fromCode(String code) {
        for (Operation v : VALUES) {
            if (v.name().equalsIgnoreCase(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Operation code '" + code + "'");
    }

    private static final Operation[] VALUES = values();

    /** True when a successful row of this operation leaves the migration applied. */
    public boolean leavesApplied() {
        return this != ROLLBACK;
    }
}
