package dev.dbshift.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects the parts of many tables while a reader walks bulk catalog queries (all columns of the
 * schema, then all indexes, ...), then builds the immutable {@link Table}s. Local to one read.
 */
public final class TableBuilder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private PrimaryKey primaryKey;
    private String collation;
    private Table.Partitioning partitioning;
    private String engine;
    private String persistence;
    private String replicaIdentity;
    private List<String> inherits = List.of();
    private String rowSecurity;
    private final List<Policy> policies = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    public TableBuilder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public TableBuilder column(Column c) {
        columns.add(c);
        return this;
    }

    public List<Column> columns() {
        return columns;
    }

    public TableBuilder primaryKey(PrimaryKey pk) {
        primaryKey = pk;
        return this;
    }

    public TableBuilder index(Index i) {
        indexes.add(i);
        return this;
    }

    public TableBuilder foreignKey(ForeignKey f) {
        foreignKeys.add(f);
        return this;
    }

    public TableBuilder check(Check c) {
        checks.add(c);
        return this;
    }

    public TableBuilder collation(String c) {
        collation = c;
        return this;
    }

    public TableBuilder partitioning(Table.Partitioning p) {
        partitioning = p;
        return this;
    }

    /** What logical replication sends of a changed row where not the primary key ({@link Table#replicaIdentity()}). */
    public TableBuilder replicaIdentity(String r) {
        replicaIdentity = r;
        return this;
    }

    /** How the table keeps its rows where not the vendor's default ({@link Table#persistence()}). */
    public TableBuilder persistence(String p) {
        persistence = p;
        return this;
    }

    /** The storage engine when it is not the vendor's default ({@link Table#engine()}). */
    public TableBuilder engine(String e) {
        engine = e;
        return this;
    }

    /** PostgreSQL's row security ({@link Table#rowSecurity()}). */
    public TableBuilder rowSecurity(String r) {
        rowSecurity = r;
        return this;
    }

    public TableBuilder policy(Policy p) {
        policies.add(p);
        return this;
    }

    /** The tables it inherits from ({@link Table#inherits()}), in order. */
    public TableBuilder inherits(List<String> parents) {
        inherits = parents;
        return this;
    }

    public TableBuilder rule(Rule r) {
        rules.add(r);
        return this;
    }

    public Table build() {
        return new Table(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine,
                rowSecurity, policies, rules, persistence, replicaIdentity, inherits);
    }

    /** Table builders by name, in the order first seen. */
    public static final class ByName {
        private final Map<String, TableBuilder> tables = new LinkedHashMap<>();

        public void add(String table) {
            tables.computeIfAbsent(table, TableBuilder::new);
        }

        /** The builder for a known table, or null when the table is excluded or unknown. */
        public TableBuilder get(String table) {
            return tables.get(table);
        }

        public boolean contains(String table) {
            return tables.containsKey(table);
        }

        public List<Table> build() {
            List<Table> out = new ArrayList<>();
            tables.values().forEach(b -> out.add(b.build()));
            return out;
        }

        public <T> List<T> map(Function<TableBuilder, T> f) {
            List<T> out = new ArrayList<>();
            tables.values().forEach(b -> out.add(f.apply(b)));
            return out;
        }
    }
}
