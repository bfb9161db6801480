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

    /** How a person names it: {@code 1.2 (create users)} or {@code R (views)}. */
    public String label() {
        String v = version == null ? "R" : version.toString();
        return description == null || description.isEmpty() ? v : v + " (" + description + ")";
    }
}
