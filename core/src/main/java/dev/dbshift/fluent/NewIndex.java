package dev.dbshift.fluent;

import dev.dbshift.schema.Index;

import java.util.List;

/** An index being added, refined by chained calls until the migration's {@code up} returns. */
public final class NewIndex {
    private final String table;
    private final List<String> columns;
    private String name;
    private boolean unique;
    private boolean concurrently;

    NewIndex(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    public NewIndex named(String indexName) {
        name = Names.require(indexName, "index");
        return this;
    }

    public NewIndex unique() {
        unique = true;
        return this;
    }

    /**
     * Built without blocking writes to the table where the database can: PostgreSQL's {@code CREATE INDEX
     * CONCURRENTLY} (its down: {@code DROP INDEX CONCURRENTLY}), which cannot run in a transaction, so the
     * migration runs in autocommit and must hold no other change. Elsewhere a plain index.
     */
    public NewIndex concurrently() {
        concurrently = true;
        return this;
    }

    Change change() {
        String n = name != null ? name : Names.derived(table, columns, unique ? "key" : "idx");
        return new Change.AddIndex(table, new Index(n, unique, columns.stream().map(Index.Part::column).toList(), null, null),
                concurrently);
    }
}
