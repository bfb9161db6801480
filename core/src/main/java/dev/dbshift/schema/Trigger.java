package dev.dbshift.schema;

/**
 * A trigger. Trigger bodies are vendor languages, so the model keeps the vendor's own statement.
 *
 * @param definition the vendor's CREATE TRIGGER statement that recreates it, without schema names or definer
 * @param firing     when it fires where that is not as made (PostgreSQL's {@code ALTER TABLE ... DISABLE/ENABLE REPLICA/
 *                   ENABLE ALWAYS TRIGGER}): {@link #DISABLED}, {@link #REPLICA} (only in a replica's session), {@link
 *                   #ALWAYS} (in a replica's session too); null: as made
 */
public record Trigger(String name, String table, String definition, String firing) {
    public static final String DISABLED = "disabled";
    public static final String REPLICA = "replica";
    public static final String ALWAYS = "always";

    /** A trigger that fires as made. */
    public Trigger(String name, String table, String definition) {
        this(name, table, definition, null);
    }

    /** True when {@code other} is this trigger, perhaps firing otherwise. */
    boolean sameAs(Trigger other) {
        return other != null && name.equals(other.name) && table.equals(other.table) && definition.equals(other.definition);
    }
}
