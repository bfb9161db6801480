package dev.dbshift.schema;

/**
 * A check constraint.
 *
 * @param name       null where the vendor generated it or does not keep it
 * @param expression the condition as the vendor prints it, without the {@code CHECK} keyword
 */
public record Check(String name, String expression) {
    String sortKey() {
        return (name == null ? "" : name) + "|" + expression;
    }
}
