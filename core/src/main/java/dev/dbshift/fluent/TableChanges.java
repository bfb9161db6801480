package dev.dbshift.fluent;

/** Changes to one existing table, recorded on the {@link Schema} in the order they are called. */
public final class TableChanges {
    private final Schema schema;
    private final String table;

    TableChanges(Schema schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    /** Reversed by dropping the column. */
    public TableChanges addColumn(String name, ColumnDefinition definition) {
        schema.record(new Change.AddColumn(table, definition.column(Names.require(name, "column"))));
        return this;
    }

    /** Has no generated reverse: the column's data is gone. */
    public TableChanges dropColumn(String name) {
        schema.record(new Change.DropColumn(table, Names.require(name, "column")));
        return this;
    }

    /** Reversed by renaming it back. */
    public TableChanges renameColumn(String from, String to) {
        schema.record(new Change.RenameColumn(table, Names.require(from, "column"), Names.require(to, "column")));
        return this;
    }

    /** An index over {@code columns}, named {@code <table>_<columns>_idx} unless {@link NewIndex#named}; reversed by dropping it. */
    public NewIndex addIndex(String... columns) {
        NewIndex index = new NewIndex(table, Names.columns(columns, "an index"));
        schema.record(() -> java.util.List.of(index.change()));
        return index;
    }

    /** Has no generated reverse. */
    public TableChanges dropIndex(String name) {
        schema.record(new Change.DropIndex(table, Names.require(name, "index"), false));
        return this;
    }

    /**
     * A foreign key from {@code columns}; name it with {@link NewForeignKey#named}, say what it references with
     * {@link NewForeignKey#references}. The columns get an index of their own first (MariaDB makes one anyway,
     * and the other databases need it so a delete in the referenced table does not scan this one), unless
     * {@link NewForeignKey#withoutIndex}. Reversed by dropping both.
     */
    public NewForeignKey addForeignKey(String... columns) {
        NewForeignKey key = new NewForeignKey(table, Names.columns(columns, "a foreign key"));
        schema.record(key::changes);
        return key;
    }

    /** Has no generated reverse. */
    public TableChanges dropForeignKey(String name) {
        schema.record(new Change.DropForeignKey(table, new dev.dbshift.schema.ForeignKey(Names.require(name, "foreign key"),
                java.util.List.of(), "", java.util.List.of(), null, null)));
        return this;
    }
}
