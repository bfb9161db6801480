package dev.dbshift.migration;

import java.util.List;

/**
 * One migration as found by a {@link MigrationSource}: what it is and where its scripts are, not
 * their contents (only their checksum).
 *
 * @param version     null for repeatable and init scripts
 * @param description words from the file name, underscores as spaces
 * @param kind        sql, java, repeatable or init
 * @param up          the up scripts in the order they run (a version directory: all.sql, then the
 *                    environment's file); empty for Java
 * @param down        the down scripts in the order they run; empty when there is none
 * @param checksum    of the up scripts ({@link Checksums}); may be null for Java migrations
 * @param java        the Java migration, for kind java
 * @param squashed    what it replaced, when {@code squash} wrote it ({@link SquashMarker}, read from its
 *                    first up script's leading comments while the source checksums it); null otherwise
 * @param foreignId   how the tool whose format the migration is read from names it, as {@code tool:id}
 *                    (e.g. {@code liquibase:db/changelog.sql::3::alice}, {@code sqitch:add_users},
 *                    {@code goose:20240101120000}); {@code adopt} matches that tool's history rows by it.
 *                    Null for dbshift's own layout
 */
public record MigrationRef(Version version, String description, MigrationKind kind, List<ScriptRef> up,
                           List<ScriptRef> down, String checksum, JavaMigration java, SquashMarker squashed,
                           String foreignId) {
    public MigrationRef {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** A migration in dbshift's own layout. */
    public MigrationRef(Version version, String description, MigrationKind kind, List<ScriptRef> up,
                        List<ScriptRef> down, String checksum, JavaMigration java, SquashMarker squashed) {
        this(version, description, kind, up, down, checksum, java, squashed, null);
    }

    /** A migration that replaces none (not written by {@code squash}). */
    public MigrationRef(Version version, String description, MigrationKind kind, List<ScriptRef> up,
                        List<ScriptRef> down, String checksum, JavaMigration java) {
        this(version, description, kind, up, down, checksum, java, null, null);
    }

    public boolean hasDown() {
        return java != null ? java.reversible() : !down.isEmpty();
    }

    /** The names of the up scripts joined by {@code +}, as the history's {@code script} column stores them. */
    public String scriptName() {
        if (java != null) {
            return java.getClass().getName();
        }
        return String.join("+", up.stream().map(ScriptRef::name).toList());
    }

    public String downScriptName() {
        if (java != null) {
            return java.getClass().getName();
        }
        return String.join("+", down.stream().map(ScriptRef::name).toList());
    }

    /**
     * What a progress mark in the runs table, and {@code repair --statement-done|--statement-not-done}, name a migration by:
     * its version ({@code 1.2}), or for a repeatable one {@link #REPEATABLE_KEY} and its description ({@code R:views}),
     * which no version can be (versions are dotted numbers); null for an init script, which has no marks.
     */
    public String key() {
        return version != null ? version.toString() : kind == MigrationKind.REPEATABLE ? key(null, description) : null;
    }

    /** What a repeatable migration's {@link #key()} begins with. */
    public static final String REPEATABLE_KEY = "R:";

    /** The {@link #key()} of a history row's migration: its version, or a repeatable's by its description. */
    public static String key(String version, String description) {
        return version != null ? version : REPEATABLE_KEY + (description == null ? "" : description);
    }

    /** Whether {@code key} names a repeatable migration ({@link #key()}). */
    public static boolean repeatableKey(String key) {
        return key != null && key.startsWith(REPEATABLE_KEY);
    }

    /**
     * How a message names the migration {@code key} names: {@code version 1.2}, or {@code repeatable migration views}
     * ({@link #key()}).
     */
    public static String named(String key) {
        return repeatableKey(key) ? "repeatable migration " + key.substring(REPEATABLE_KEY.length()) : "version " + key;
    }

    /**
     * {@code key} as a command line takes it ({@code repair --statement-done KEY}): in double quotes when a shell would
     * split or expand it (a repeatable's description has spaces), as messages put whole commands in single quotes.
     */
    public static String argument(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '/')) {
                StringBuilder out = new StringBuilder("\"");
                for (int j = 0; j < key.length(); j++) {
                    char d = key.charAt(j);
                    if (d == '"' || d == '$' || d == '`' || d == '\\') {
                        out.append('\\');
                    }
                    out.append(d);
                }
                return out.append('"').toString();
            }
        }
        return key;
    }

    /** How a person names it: {@code 1.2 (create users)} or {@code R (views)}. */
    public String label() {
        String v = version == null ? "R" : version.toString();
        return description == null || description.isEmpty() ? v : v + " (" + description + ")";
    }
}
