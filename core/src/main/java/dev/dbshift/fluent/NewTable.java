package dev.dbshift.fluent;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.Table;

import java.util.ArrayList;
import java.util.List;

/** A table being created, refined by chained calls until the migration's {@code up} returns. Reversed by dropping it. */
public final class NewTable {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private List<String> primaryKey;

    NewTable(String name) {
        this.name = name;
    }

    public NewTable column(String columnName, ColumnDefinition definition) {
        Column c = definition.column(Names.require(columnName, "column"));
        if (columns.stream().anyMatch(x -> x.name().equalsIgnoreCase(c.name()))) {
            throw new IllegalArgumentException("createTable(" + name + "): column " + c.name() + " is given twice");
        }
        columns.add(c);
        return this;
    }

    /** The primary key; without one, an identity column is the key (every database wants it to be one). */
    public NewTable primaryKey(String... keyColumns) {
        primaryKey = Names.columns(keyColumns, "a primary key");
        return this;
    }

    List<Change> changes() {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("createTable(" + name + ") has no columns: add them with column(name, type)");
        }
        List<String> key = primaryKey != null ? primaryKey
                : columns.stream().filter(Column::isIdentity).map(Column::name).limit(1).toList();
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException("createTable(" + name + "): the primary key names " + k + ", which is no column");
            }
        }
        // key columns are not null on every database; say so, so the model is what the catalog reads back
        List<Column> defined = columns.stream().map(c -> key.contains(c.name()) && c.nullable()
                ? new Column(c.name(), c.type(), false, c.defaultValue(), null, c.identity(), null) : c).toList();
        return List.of(new Change.CreateTable(new Table(name, defined, key.isEmpty() ? null : new PrimaryKey(null, key),
                List.of(), List.of(), List.of(), null)));
    }
}
