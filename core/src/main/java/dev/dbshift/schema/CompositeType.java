package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;

/**
 * A composite type (PostgreSQL {@code CREATE TYPE ... AS (...)}) made on its own, not a table's row type.
 *
 * @param attributes in their order, which a row constructor of the type follows (so, unlike a table's columns, the
 *                   order counts); each has a name, a canonical type and a collation where it is not the default
 */
public record CompositeType(String name, List<Column> attributes) {

    public CompositeType {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
    }

    /** The attribute of that name, if the type has one. */
    public java.util.Optional<Column> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }
}
