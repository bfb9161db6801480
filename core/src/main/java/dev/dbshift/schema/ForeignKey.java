package dev.dbshift.schema;

import java.util.List;

/**
 * A foreign key. Actions are upper case SQL: {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE},
 * {@code SET NULL}, {@code SET DEFAULT}.
 *
 * @param name    null where the vendor does not keep it (SQLite) or generated it (H2)
 * @param options PostgreSQL's words for how it checks, where not the default, in this order: {@code match full},
 *                {@code deferrable}, {@code initially deferred}, {@code not valid} (rows from before it not checked),
 *                {@code not enforced} (a trigger that checks it is disabled: {@code DISABLE TRIGGER ALL}); else null
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                         String onUpdate, String onDelete, String options) {

    /** The words of {@link #options()} for a foreign key whose checking triggers are disabled. */
    public static final String NOT_ENFORCED = "not enforced";

    /** A foreign key checked the vendor's default way. */
    public ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                      String onUpdate, String onDelete) {
        this(name, columns, referencedTable, referencedColumns, onUpdate, onDelete, null);
    }

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onUpdate = onUpdate == null ? "NO ACTION" : onUpdate;
        onDelete = onDelete == null ? "NO ACTION" : onDelete;
    }

    /** The same key over other columns of its table (one renamed), checked as it is. */
    public ForeignKey withColumns(List<String> newColumns) {
        return new ForeignKey(name, newColumns, referencedTable, referencedColumns, onUpdate, onDelete, options);
    }

    String sortKey() {
        return (name == null ? "" : name) + "|" + columns + "|" + referencedTable + referencedColumns;
    }
}
