package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A base table.
 *
 * @param columns     in the table's own order
 * @param primaryKey  null when the table has none
 * @param collation   the table's default collation where the vendor has one per table (MySQL), else null
 */
public record Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes,
                    List<ForeignKey> foreignKeys, List<Check> checks, String collation) {

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        indexes = Named.sorted(indexes, Index::sortKey);
        foreignKeys = Named.sorted(foreignKeys, ForeignKey::sortKey);
        checks = Named.sorted(checks, Check::sortKey);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Table withColumns(List<Column> newColumns) {
        return new Table(name, newColumns, primaryKey, indexes, foreignKeys, checks, collation);
    }
}
