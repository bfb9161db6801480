package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;

/**
 * A domain (PostgreSQL {@code CREATE DOMAIN}): a type with its own constraints, which every column of that type is
 * held to. Changing a domain's check changes what those columns accept without touching a table.
 *
 * @param type         the canonical base type
 * @param nullable     false for {@code NOT NULL}
 * @param defaultValue the default expression as the vendor prints it, or null
 * @param collation    only when it differs from the base type's default, else null
 * @param checks       sorted by name
 */
public record Domain(String name, String type, boolean nullable, String defaultValue, String collation, List<Check> checks) {

    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        checks = Named.sorted(checks, Check::sortKey);
    }
}
