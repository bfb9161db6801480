package dev.dbshift.schema;

/** The canonical, vendor-neutral schema model. (Filled in by the schema issue.) */
public interface SchemaModel {
    /** SHA-256 of the canonical form, tagged with its algorithm: {@code s1:<hex>}. */
    String checksum();
}
