package dev.dbshift.schema;

import java.util.List;

/**
 * A foreign key. Actions are upper case SQL: {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE},
 * {@code SET NULL}, {@code SET DEFAULT}.
 *
 * @param name null where the vendor does not keep it (SQLite) or generated it (H2)
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                         String onUpdate, String onDelete) {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onUpdate = onUpdate == null ? "NO ACTION" : onUpdate;
        onDelete = onDelete == null ? "NO ACTION" : onDelete;
    }

    String sortKey() {
        return (name == null ? "" : name) + "|" + columns + "|" + referencedTable + referencedColumns;
    }
}
