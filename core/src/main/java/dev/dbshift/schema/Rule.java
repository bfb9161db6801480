package dev.dbshift.schema;

import java.util.Objects;

/**
 * A rewrite rule on a table (PostgreSQL's {@code CREATE RULE}): what an INSERT, UPDATE or DELETE of it also or instead
 * does. Rule bodies are the vendor's language, so the model keeps the statement as the server prints it back.
 *
 * @param definition the {@code CREATE RULE} statement that makes it again, schema names left out
 */
public record Rule(String name, String definition) {

    public Rule {
        Objects.requireNonNull(name, "name");
    }
}
