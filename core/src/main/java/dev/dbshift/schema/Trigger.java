package dev.dbshift.schema;

/**
 * A trigger. Trigger bodies are vendor languages, so the model keeps the vendor's own statement.
 *
 * @param definition the vendor's CREATE TRIGGER statement that recreates it, without schema names or definer
 * @param firing     when it fires where that is not as made (PostgreSQL's {@code ALTER TABLE ... DISABLE/ENABLE REPLICA/
 *                   ENABLE ALWAYS TRIGGER}): {@link #DISABLED}, {@link #REPLICA} (only in a replica's session), {@link
 *                   #ALWAYS} (in a replica's session too); null: as made
 * @param follows    the trigger of the same table, timing and event made before this one, where the order they were
 *                   made in is the order they fire in (MySQL/MariaDB: first made fires first, {@code ACTION_ORDER}, as
 *                   {@code FOLLOWS} and {@code PRECEDES} put them; SQLite: last made fires first); null for the first
 *                   made, and where the vendor fires them by name (PostgreSQL) or this reader reads no order (H2)
 */
public record Trigger(String name, String table, String definition, String firing, String follows) {
    public static final String DISABLED = "disabled";
    public static final String REPLICA = "replica";
    public static final String ALWAYS = "always";

    /** A trigger that fires as made, first or alone of its table, timing and event. */
    public Trigger(String name, String table, String definition) {
        this(name, table, definition, null);
    }

    /** A trigger first or alone of its table, timing and event. */
    public Trigger(String name, String table, String definition, String firing) {
        this(name, table, definition, firing, null);
    }

    /** True when {@code other} is this trigger, in the same place among its table's, perhaps firing otherwise. */
    boolean sameAs(Trigger other) {
        return other != null && name.equals(other.name) && table.equals(other.table) && definition.equals(other.definition)
                && java.util.Objects.equals(follows, other.follows);
    }
}
