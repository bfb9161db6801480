package dev.dbshift.schema;

/**
 * Code the database keeps by name: a function or procedure, or a MySQL/MariaDB event (code the server runs on a
 * schedule, made and dropped like a routine).
 *
 * @param name       with its argument types where the vendor overloads ({@code add(integer, integer)})
 * @param kind       {@code function}, {@code procedure} or {@code event}
 * @param definition the vendor's CREATE statement that recreates it, without schema names or definer
 */
public record Routine(String name, String kind, String definition) {
}
