package dev.dbshift.fluent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a {@link FluentMigration}'s {@code up(Schema)} says to change, recorded in order and run only
 * after {@code up} returns: {@code schema.table("users").addColumn("username", text().notNull())}.
 * The builders it hands out ({@link NewTable}, {@link NewIndex}, {@link NewForeignKey}) may be refined
 * by chained calls until then. Made for one call of {@code up} and thrown away.
 */
public final class Schema {
    private final List<Supplier<List<Change>>> recorded = new ArrayList<>();

    Schema() {
    }

    /** A new table: {@code createTable("users").column("id", bigint().identity()).column("email", varchar(200))}. */
    public NewTable createTable(String name) {
        NewTable table = new NewTable(Names.require(name, "table"));
        recorded.add(table::changes);
        return table;
    }

    /** Changes to an existing table. */
    public TableChanges table(String name) {
        return new TableChanges(this, Names.require(name, "table"));
    }

    /** Drops a table; a migration that does has no generated down (its rows are gone). */
    public Schema dropTable(String name) {
        record(new Change.DropTable(Names.require(name, "table")));
        return this;
    }

    void record(Change change) {
        recorded.add(() -> List.of(change));
    }

    void record(Supplier<List<Change>> changes) {
        recorded.add(changes);
    }

    /** The changes recorded, in order, with every builder's last word. */
    List<Change> changes() {
        List<Change> out = new ArrayList<>();
        recorded.forEach(s -> out.addAll(s.get()));
        return out;
    }
}
