package dev.dbshift.schema;

import java.util.List;

/** @param name null where the vendor does not name it or generated the name */
public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
