package dev.dbshift.schema;

import java.util.Objects;

/**
 * A rewrite rule on a table (PostgreSQL's {@code CREATE RULE}): what an INSERT, UPDATE or DELETE of it also or instead
 * does. Rule bodies are the vendor's language, so the model keeps the statement as the server prints it back.
 *
 * @param definition the {@code CREATE RULE} statement that makes it again, schema names left out
 * @param firing     when it fires where that is not as made ({@code ALTER TABLE ... DISABLE RULE}, {@code ENABLE REPLICA
 *                   RULE}, {@code ENABLE ALWAYS RULE}): {@link Trigger#DISABLED}, {@link Trigger#REPLICA}, {@link
 *                   Trigger#ALWAYS}, as for a trigger; null: as made
 */
public record Rule(String name, String definition, String firing) {

    public Rule {
        Objects.requireNonNull(name, "name");
    }

    /** A rule that fires as made. */
    public Rule(String name, String definition) {
        this(name, definition, null);
    }
}
