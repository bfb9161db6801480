package dev.dbshift.schema;

import java.util.List;

/** A named enumerated type (PostgreSQL {@code CREATE TYPE ... AS ENUM}); labels in their order. */
public record EnumType(String name, List<String> labels) {
    public EnumType {
        labels = List.copyOf(labels);
    }
}
