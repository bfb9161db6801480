package dev.dbshift.schema;

/**
 * Code the database keeps by name: a function or procedure, or a MySQL/MariaDB event (code the server runs on a
 * schedule, made and dropped like a routine).
 *
 * @param name       with its argument types where the vendor overloads ({@code add(integer, integer)})
 * @param kind       {@code function}, {@code procedure} or {@code event}
 * @param definition the vendor's CREATE statement that recreates it, without schema names or definer; for a
 *                   MySQL/MariaDB routine without its {@code security}
 * @param security   whose rights a MySQL/MariaDB routine runs with where not its definer's ({@code SQL SECURITY
 *                   INVOKER}), the clause its CREATE statement's first line ends with; null otherwise. Apart from the
 *                   definition, as the schema checksum counts it only from version {@code s6}
 */
public record Routine(String name, String kind, String definition, String security) {

    /** A routine without a security clause of its own. */
    public Routine(String name, String kind, String definition) {
        this(name, kind, definition, null);
    }

    /** The statement that makes it: its definition, the security clause at the end of its first line. */
    public String made() {
        if (security == null) {
            return definition;
        }
        int eol = definition.indexOf('\n');
        return eol < 0 ? definition + " " + security : definition.substring(0, eol) + " " + security + definition.substring(eol);
    }
}
