package dev.dbshift.schema;

import java.util.Objects;

/**
 * A rewrite rule on a table (PostgreSQL's {@code CREATE RULE}): what an INSERT, UPDATE or DELETE of it also or instead
 * does. Rule bodies are the vendor's language, so the model keeps the statement as the server prints it back.
 *
 * <p>Two rules are equal by name, definition and firing: {@code printed} is what checksum versions before {@code s5}
 * counted, which named the schema the rule was read in, and a rule is the same rule in another schema.
 *
 * @param definition the {@code CREATE RULE} statement that makes it again, schema names left out
 * @param firing     when it fires where that is not as made ({@code ALTER TABLE ... DISABLE RULE}, {@code ENABLE REPLICA
 *                   RULE}, {@code ENABLE ALWAYS RULE}): {@link Trigger#DISABLED}, {@link Trigger#REPLICA}, {@link
 *                   Trigger#ALWAYS}, as for a trigger; null: as made
 * @param printed    the statement as the server printed it where that differs from {@code definition}
 *                   (PostgreSQL's {@code pg_get_ruledef} qualifies the rule's table with its schema), counted by the
 *                   checksum versions before {@code s5}; null: the same
 */
public record Rule(String name, String definition, String firing, String printed) {

    public Rule {
        Objects.requireNonNull(name, "name");
        if (printed != null && printed.equals(definition)) {
            printed = null;
        }
    }

    /** A rule whose statement is as the server prints it. */
    public Rule(String name, String definition, String firing) {
        this(name, definition, firing, null);
    }

    /** A rule that fires as made. */
    public Rule(String name, String definition) {
        this(name, definition, null);
    }

    /** The statement checksum versions before {@code s5} counted. */
    public String printedDefinition() {
        return printed == null ? definition : printed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && name.equals(r.name) && Objects.equals(definition, r.definition)
                && Objects.equals(firing, r.firing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, definition, firing);
    }
}
