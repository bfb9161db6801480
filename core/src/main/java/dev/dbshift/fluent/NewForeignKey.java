package dev.dbshift.fluent;

import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A foreign key being added, refined by chained calls until the migration's {@code up} returns. */
public final class NewForeignKey {
    private static final Set<String> ACTIONS = Set.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");

    private final String table;
    private final List<String> columns;
    private String name;
    private String referencedTable;
    private List<String> referencedColumns;
    private String onDelete;
    private String onUpdate;
    private boolean index = true;

    NewForeignKey(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    public NewForeignKey references(String otherTable, String... otherColumns) {
        referencedTable = Names.require(otherTable, "referenced table");
        referencedColumns = Names.columns(otherColumns, "the referenced side of a foreign key");
        return this;
    }

    public NewForeignKey named(String keyName) {
        name = Names.require(keyName, "foreign key");
        return this;
    }

    /** {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, {@code RESTRICT} or {@code NO ACTION} (the default). */
    public NewForeignKey onDelete(String action) {
        onDelete = action(action);
        return this;
    }

    public NewForeignKey onUpdate(String action) {
        onUpdate = action(action);
        return this;
    }

    /** No index of its own on the referencing columns (one that starts with them exists already). */
    public NewForeignKey withoutIndex() {
        index = false;
        return this;
    }

    List<Change> changes() {
        if (referencedTable == null) {
            throw new IllegalArgumentException("the foreign key on " + table + columns + " references nothing: call references(table, columns...)");
        }
        if (referencedColumns.size() != columns.size()) {
            throw new IllegalArgumentException("the foreign key on " + table + columns + " references " + referencedTable
                    + referencedColumns + ": the column counts differ");
        }
        List<Change> out = new ArrayList<>();
        if (index) {
            out.add(new Change.AddIndex(table, new Index(Names.derived(table, columns, "idx"), false,
                    columns.stream().map(Index.Part::column).toList(), null, null), false));
        }
        out.add(new Change.AddForeignKey(table, new ForeignKey(name != null ? name : Names.derived(table, columns, "fkey"),
                columns, referencedTable, referencedColumns, onUpdate, onDelete)));
        return out;
    }

    private static String action(String action) {
        String a = action == null ? "" : action.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (!ACTIONS.contains(a)) {
            throw new IllegalArgumentException("foreign key action '" + action + "': expected one of " + ACTIONS);
        }
        return a;
    }
}
