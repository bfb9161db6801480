package dev.dbshift.fluent;

import dev.dbshift.DbShiftException;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One change a fluent migration makes, as a value: what it does to the schema model ({@link #apply}),
 * the {@link SchemaChange} a vendor's writer turns into DDL, and its reverse where the change knows it
 * (Alembic's operations that know their inverse). Pure: no I/O.
 */
sealed interface Change {

    String describe();

    /** The change that undoes this one; empty when it cannot be known (what a drop loses is gone). */
    Optional<Change> reverse();

    /** This change on {@code before}: the model after it and the step a writer writes. */
    Applied apply(SchemaModel before);

    /** True when its index is built or dropped without blocking writers (PostgreSQL's CONCURRENTLY). */
    default boolean concurrently() {
        return false;
    }

    /** A change applied to a model. */
    record Applied(SchemaChange step, SchemaModel after) {
    }

    record CreateTable(Table definition) implements Change {
        public String describe() {
            return "create table " + definition.name();
        }

        public Optional<Change> reverse() {
            return Optional.of(new DropTable(definition.name()));
        }

        public Applied apply(SchemaModel before) {
            if (before.table(definition.name()).isPresent()) {
                throw refused(this, "table " + definition.name() + " already exists");
            }
            List<Table> tables = new ArrayList<>(before.tables());
            tables.add(definition);
            return new Applied(new SchemaChange.CreateTable(definition), withTables(before, tables));
        }
    }

    record DropTable(String table) implements Change {
        public String describe() {
            return "drop table " + table;
        }

        public Optional<Change> reverse() {
            return Optional.empty();
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            List<Table> tables = new ArrayList<>(before.tables());
            tables.remove(t);
            return new Applied(new SchemaChange.DropTable(t, null), withTables(before, tables));
        }
    }

    record AddColumn(String table, Column column) implements Change {
        public String describe() {
            return "add column " + table + "." + column.name();
        }

        public Optional<Change> reverse() {
            return Optional.of(new DropColumn(table, column.name()));
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            if (t.column(column.name()).isPresent()) {
                throw refused(this, "column " + table + "." + column.name() + " already exists");
            }
            List<Column> columns = new ArrayList<>(t.columns());
            columns.add(column);
            Table after = t.withColumns(columns);
            return new Applied(new SchemaChange.AddColumn(t.name(), column, after), replace(before, after));
        }
    }

    record DropColumn(String table, String column) implements Change {
        public String describe() {
            return "drop column " + table + "." + column;
        }

        public Optional<Change> reverse() {
            return Optional.empty();
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            Column c = columnIn(this, t, column);
            List<Column> columns = new ArrayList<>(t.columns());
            columns.remove(c);
            // what the databases drop with the column: its indexes and foreign keys
            Table after = t.withKeys(columns, t.primaryKey(),
                    t.indexes().stream().filter(i -> !i.columnNames().contains(c.name())).toList(),
                    t.foreignKeys().stream().filter(f -> !f.columns().contains(c.name())).toList());
            return new Applied(new SchemaChange.DropColumn(t.name(), c, null, after), replace(before, after));
        }
    }

    record RenameColumn(String table, String from, String to) implements Change {
        public String describe() {
            return "rename column " + table + "." + from + " to " + to;
        }

        public Optional<Change> reverse() {
            return Optional.of(new RenameColumn(table, to, from));
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            Column c = columnIn(this, t, from);
            if (t.column(to).isPresent()) {
                throw refused(this, "column " + table + "." + to + " already exists");
            }
            UnaryOperator<String> rename = n -> n.equals(c.name()) ? to : n;
            Table after = t.withKeys(
                    t.columns().stream().map(x -> x == c ? x.withName(to) : x).toList(),
                    t.primaryKey() == null ? null : t.primaryKey().withColumns(t.primaryKey().columns().stream().map(rename).toList()),
                    t.indexes().stream().map(i -> i.withParts(i.parts().stream()
                            .map(p -> p.column() == null ? p : p.withColumn(rename.apply(p.column()))).toList())
                            .withInclude(i.include().stream().map(rename).toList())).toList(),
                    t.foreignKeys().stream().map(f -> f.withColumns(f.columns().stream().map(rename).toList())).toList());
            return new Applied(new SchemaChange.RenameColumn(t.name(), c.name(), to, after), replace(before, after));
        }
    }

    record AddIndex(String table, Index index, boolean concurrently) implements Change {
        public String describe() {
            return "add " + (index.unique() ? "unique " : "") + "index " + index.name() + " on " + table + index.columnNames()
                    + (concurrently ? " concurrently" : "");
        }

        public Optional<Change> reverse() {
            return Optional.of(new DropIndex(table, index.name(), concurrently));
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            Index index = new Index(this.index.name(), this.index.unique(), this.index.parts().stream()
                    .map(p -> Index.Part.column(columnIn(this, t, p.column()).name())).toList(), null, null);
            if (t.indexes().stream().anyMatch(i -> index.name().equalsIgnoreCase(i.name()))) {
                throw refused(this, "index " + index.name() + " already exists on " + table);
            }
            List<Index> indexes = new ArrayList<>(t.indexes());
            indexes.add(index);
            Table after = t.withKeys(t.columns(), t.primaryKey(), indexes, t.foreignKeys());
            return new Applied(new SchemaChange.AddIndex(t.name(), index), replace(before, after));
        }
    }

    record DropIndex(String table, String name, boolean concurrently) implements Change {
        public String describe() {
            return "drop index " + name + " on " + table + (concurrently ? " concurrently" : "");
        }

        public Optional<Change> reverse() {
            return Optional.empty();
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            Index index = t.indexes().stream().filter(i -> name.equalsIgnoreCase(i.name())).findFirst()
                    .orElseThrow(() -> refused(this, "table " + table + " has no index " + name));
            List<Index> indexes = new ArrayList<>(t.indexes());
            indexes.remove(index);
            Table after = t.withKeys(t.columns(), t.primaryKey(), indexes, t.foreignKeys());
            return new Applied(new SchemaChange.DropIndex(t.name(), index, after), replace(before, after));
        }
    }

    record AddForeignKey(String table, ForeignKey foreignKey) implements Change {
        public String describe() {
            return "add foreign key " + foreignKey.name() + " " + table + foreignKey.columns() + " -> "
                    + foreignKey.referencedTable() + foreignKey.referencedColumns();
        }

        public Optional<Change> reverse() {
            return Optional.of(new DropForeignKey(table, foreignKey));
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            Table referenced = tableIn(this, before, foreignKey.referencedTable());
            // the names as the catalog spells them
            ForeignKey foreignKey = new ForeignKey(this.foreignKey.name(),
                    this.foreignKey.columns().stream().map(c -> columnIn(this, t, c).name()).toList(), referenced.name(),
                    this.foreignKey.referencedColumns().stream().map(c -> columnIn(this, referenced, c).name()).toList(),
                    this.foreignKey.onUpdate(), this.foreignKey.onDelete());
            List<ForeignKey> keys = new ArrayList<>(t.foreignKeys());
            keys.add(foreignKey);
            Table after = t.withKeys(t.columns(), t.primaryKey(), t.indexes(), keys);
            return new Applied(new SchemaChange.AddForeignKey(t.name(), foreignKey, after), replace(before, after));
        }
    }

    /**
     * Drops the foreign key named as {@code like} is; where the catalog keeps no name (SQLite), the one
     * over the same columns to the same table.
     */
    record DropForeignKey(String table, ForeignKey like) implements Change {
        public String describe() {
            return "drop foreign key " + like.name() + " on " + table;
        }

        public Optional<Change> reverse() {
            return Optional.empty();
        }

        public Applied apply(SchemaModel before) {
            Table t = tableIn(this, before, table);
            ForeignKey found = t.foreignKeys().stream().filter(f -> like.name().equalsIgnoreCase(f.name())
                            || f.name() == null && f.columns().equals(like.columns())
                            && f.referencedTable().equalsIgnoreCase(like.referencedTable()))
                    .findFirst().orElseThrow(() -> refused(this, "table " + table + " has no foreign key " + like.name()));
            List<ForeignKey> keys = new ArrayList<>(t.foreignKeys());
            keys.remove(found);
            Table after = t.withKeys(t.columns(), t.primaryKey(), t.indexes(), keys);
            // the catalog's own name, so the writer drops what is there
            ForeignKey named = found.name() != null ? found : like;
            return new Applied(new SchemaChange.DropForeignKey(t.name(), named, after), replace(before, after));
        }
    }

    private static Table tableIn(Change change, SchemaModel model, String name) {
        // as written first; else as the catalog spells it (H2 upper-cases unquoted names)
        return model.table(name).or(() -> model.tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst())
                .orElseThrow(() -> refused(change, "there is no table " + name));
    }

    private static Column columnIn(Change change, Table table, String name) {
        return table.column(name).or(() -> table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst())
                .orElseThrow(() -> refused(change, "table " + table.name() + " has no column " + name));
    }

    private static DbShiftException refused(Change change, String why) {
        return new DbShiftException(DbShiftException.BAD_INPUT, "cannot " + change.describe() + ": " + why);
    }

    private static SchemaModel replace(SchemaModel model, Table table) {
        List<Table> tables = new ArrayList<>(model.tables());
        tables.replaceAll(t -> t.name().equals(table.name()) ? table : t);
        return withTables(model, tables);
    }

    private static SchemaModel withTables(SchemaModel model, List<Table> tables) {
        return new SchemaModel(tables, model.views(), model.sequences(), model.triggers(), model.routines(), model.enumTypes(),
                model.domains(), model.compositeTypes(), model.extensions(), model.extensionObjects(), model.comments());
    }
}
