package dev.dbshift.schema;

/**
 * A trigger. Trigger bodies are vendor languages, so the model keeps the vendor's own statement.
 *
 * @param definition the vendor's CREATE TRIGGER statement that recreates it, without schema names or definer
 */
public record Trigger(String name, String table, String definition) {
}
