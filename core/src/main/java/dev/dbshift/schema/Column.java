package dev.dbshift.schema;

import java.util.Objects;

/**
 * A table column.
 *
 * @param type         canonical type name (see the package documentation), lower case
 * @param defaultValue the default expression as the vendor prints it, or null
 * @param generated    the expression of a generated (computed) column, or null
 * @param identity     values come from the database: identity, AUTO_INCREMENT, AUTOINCREMENT
 * @param collation    only when it differs from the table's or type's default, else null
 */
public record Column(String name, String type, boolean nullable, String defaultValue, Generated generated,
                     boolean identity, String collation) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Same column under another name, for rename detection. */
    boolean sameDefinitionAs(Column other) {
        return type.equals(other.type) && nullable == other.nullable && Objects.equals(defaultValue, other.defaultValue)
                && Objects.equals(generated, other.generated) && identity == other.identity
                && Objects.equals(collation, other.collation);
    }

    /** A generated column's expression, and whether the value is stored or computed on read. */
    public record Generated(String expression, boolean stored) {
        public Generated {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
