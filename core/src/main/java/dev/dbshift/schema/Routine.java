package dev.dbshift.schema;

/**
 * A function or procedure.
 *
 * @param name       with its argument types where the vendor overloads ({@code add(integer, integer)})
 * @param kind       {@code function} or {@code procedure}
 * @param definition the vendor's CREATE statement that recreates it, without schema names or definer
 */
public record Routine(String name, String kind, String definition) {
}
