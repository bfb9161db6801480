package dev.dbshift.migration;

import java.util.Locale;

/** What a migration is made of; stored in the history's {@code kind} column in lower case. */
public enum MigrationKind {
    SQL, JAVA, REPEATABLE, INIT, BASELINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant stored as {@code code}. A loop, not {@code valueOf}: the history holds one per row, and
     * {@code Enum.valueOf}'s first call builds its map by reflection, which showed in a cold no-op {@code up}'s profile.
     */
    public static MigrationKind fromCode(String code) {
        for (MigrationKind v : VALUES) {
            if (v.name().equalsIgnoreCase(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown MigrationKind code '" + code + "'");
    }

    private static final MigrationKind[] VALUES = values();
}
