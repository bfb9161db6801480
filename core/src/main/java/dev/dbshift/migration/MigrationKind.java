package dev.dbshift.migration;

import java.util.Locale;

/** What a migration is made of; stored in the history's {@code kind} column in lower case. */
public enum MigrationKind {
    SQL, JAVA, REPEATABLE, INIT, BASELINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
