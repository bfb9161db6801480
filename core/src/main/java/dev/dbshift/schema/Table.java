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
 * @param partitioning how the table is partitioned or is a partition (PostgreSQL's declarative partitioning, MySQL's
 *                    and MariaDB's partitioning clause), else null
 * @param engine      the storage engine, lower case, where the vendor has one per table and it is not its default
 *                    (MySQL/MariaDB: {@code myisam}, {@code aria}, {@code memory}; InnoDB is null), else null
 * @param rowSecurity PostgreSQL's row security: {@code enabled}, {@code enabled forced}, {@code forced} (forced
 *                    without being on: no effect until it is), or null when neither
 * @param policies    its row security policies (PostgreSQL), sorted by name
 * @param rules       its rewrite rules (PostgreSQL), sorted by name
 * @param persistence how the table keeps its rows where it is not the vendor's default: PostgreSQL's {@link #UNLOGGED}
 *                    (not written ahead: emptied after a crash, not replicated), MariaDB's {@link #SYSTEM_VERSIONED}
 *                    (every row's past versions kept), SQLite's {@link #STRICT} (a value of another type than its
 *                    column's is refused), {@link #WITHOUT_ROWID} (the rows are kept in the primary key's order, no
 *                    rowid) or both ({@link #STRICT_WITHOUT_ROWID}); else null
 * @param replicaIdentity what PostgreSQL's logical replication sends of a changed or deleted row where it is not the
 *                    primary key: {@code full} (the whole row), {@code nothing} (an UPDATE or DELETE of the table fails
 *                    once it is published), {@code index <name>}; else null
 * @param inherits    the tables a PostgreSQL table inherits from ({@code INHERITS}, {@code ALTER TABLE ... INHERIT}: a
 *                    query of the parent reads the child's rows too), in PostgreSQL's order, named as in the schema
 *                    (another schema's as SQL, each name double-quoted: {@code "audit"."base"}); not a partition's parent
 *                    ({@link #partitioning()}); empty for none
 */
public record Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes,
                    List<ForeignKey> foreignKeys, List<Check> checks, String collation, Partitioning partitioning,
                    String engine, String rowSecurity, List<Policy> policies, List<Rule> rules, String persistence,
                    String replicaIdentity, List<String> inherits) {

    /** {@link #persistence()}: PostgreSQL's {@code UNLOGGED} table. */
    public static final String UNLOGGED = "unlogged";
    /** {@link #persistence()}: MariaDB's {@code WITH SYSTEM VERSIONING}. */
    public static final String SYSTEM_VERSIONED = "system versioned";
    /** {@link #persistence()}: SQLite's {@code STRICT}, {@code WITHOUT ROWID}, and both. */
    public static final String STRICT = "strict";
    public static final String WITHOUT_ROWID = "without rowid";
    public static final String STRICT_WITHOUT_ROWID = "strict, without rowid";


    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        indexes = Named.sorted(indexes, Index::sortKey);
        foreignKeys = Named.sorted(foreignKeys, ForeignKey::sortKey);
        checks = Named.sorted(checks, Check::sortKey);
        policies = Named.sorted(policies, Policy::name);
        rules = Named.sorted(rules, Rule::name);
        inherits = inherits == null ? List.of() : List.copyOf(inherits);
    }

    /** A table that inherits from none. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys,
                 List<Check> checks, String collation, Partitioning partitioning, String engine, String rowSecurity,
                 List<Policy> policies, List<Rule> rules, String persistence, String replicaIdentity) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine, rowSecurity, policies,
                rules, persistence, replicaIdentity, List.of());
    }

    /** A table whose replica identity is its primary key (every vendor's only kind but PostgreSQL's). */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys,
                 List<Check> checks, String collation, Partitioning partitioning, String engine, String rowSecurity,
                 List<Policy> policies, List<Rule> rules, String persistence) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine, rowSecurity, policies,
                rules, persistence, null);
    }

    /** A table that keeps its rows the vendor's default way. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys,
                 List<Check> checks, String collation, Partitioning partitioning, String engine, String rowSecurity,
                 List<Policy> policies, List<Rule> rules) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine, rowSecurity, policies,
                rules, null);
    }

    /** A table without rules. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys,
                 List<Check> checks, String collation, Partitioning partitioning, String engine, String rowSecurity,
                 List<Policy> policies) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine, rowSecurity, policies,
                List.of());
    }

    /** A table without row security or policies. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes,
                 List<ForeignKey> foreignKeys, List<Check> checks, String collation, Partitioning partitioning, String engine) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine, null, List.of(), List.of());
    }

    /** A table in its vendor's default storage engine. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes,
                 List<ForeignKey> foreignKeys, List<Check> checks, String collation, Partitioning partitioning) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, null);
    }

    /** A table that is not partitioned and no partition. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<Index> indexes,
                 List<ForeignKey> foreignKeys, List<Check> checks, String collation) {
        this(name, columns, primaryKey, indexes, foreignKeys, checks, collation, null);
    }

    /**
     * How a table is partitioned. PostgreSQL's partitions are tables of their own ({@code by}, {@code parent},
     * {@code bound}): a partition's keys, indexes and checks that come from its parent are the parent's, not the
     * partition's: the database makes them when the partition is attached. MySQL's and MariaDB's are not: the table
     * holds the whole clause ({@code layout}), its partitions in it.
     *
     * @param by     the partition key of a partitioned table ({@code RANGE (created_at)}), or null (PostgreSQL)
     * @param parent the table this one is a partition of, or null (PostgreSQL)
     * @param bound  this partition's bound ({@code FOR VALUES FROM (...) TO (...)}, {@code DEFAULT}), or null (PostgreSQL)
     * @param layout the table's partitioning clause as MySQL or MariaDB prints it, from {@code PARTITION BY} to the last
     *               partition ({@code PARTITION BY RANGE (`id`) (PARTITION `p0` VALUES LESS THAN (100) ENGINE = InnoDB,
     *               ...)}), which {@code ALTER TABLE ... } followed by it makes again; else null
     */
    public record Partitioning(String by, String parent, String bound, String layout) {

        /** PostgreSQL's declarative partitioning. */
        public Partitioning(String by, String parent, String bound) {
            this(by, parent, bound, null);
        }

        /** A MySQL or MariaDB table partitioned by {@code layout}. */
        public static Partitioning layout(String layout) {
            return new Partitioning(null, null, null, Objects.requireNonNull(layout, "layout"));
        }

        /** True when this is PostgreSQL's kind: the table is partitioned into tables of its own, or is one of them. */
        public boolean declarative() {
            return by != null || parent != null || bound != null;
        }
    }

    /**
     * True when {@code a} and {@code b} are the same declarative partitioning (PostgreSQL), or neither is one: only a
     * change of that makes the table again; a MySQL table's {@code layout} changes with an {@code ALTER TABLE}.
     */
    static boolean sameDeclarative(Partitioning a, Partitioning b) {
        boolean da = a != null && a.declarative();
        boolean db = b != null && b.declarative();
        return da == db && (!da || Objects.equals(a.by(), b.by()) && Objects.equals(a.parent(), b.parent()) && Objects.equals(a.bound(), b.bound()));
    }

    /** True when {@link #persistence()} is SQLite's {@code STRICT}, {@code WITHOUT ROWID} or both (counted from {@code s5}). */
    public boolean sqliteOptions() {
        return STRICT.equals(persistence) || WITHOUT_ROWID.equals(persistence) || STRICT_WITHOUT_ROWID.equals(persistence);
    }

    /** MariaDB's {@code WITH SYSTEM VERSIONING}: the table keeps every row's past versions. */
    public boolean systemVersioned() {
        return SYSTEM_VERSIONED.equals(persistence);
    }

    /** MySQL's partitioning clause of this table ({@link Partitioning#layout}), or null. */
    public String partitionLayout() {
        return partitioning == null ? null : partitioning.layout();
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Table withColumns(List<Column> newColumns) {
        return withKeys(newColumns, primaryKey, indexes, foreignKeys);
    }

    /** The same table with these columns and keys, everything else as it is. */
    public Table withKeys(List<Column> newColumns, PrimaryKey newPrimaryKey, List<Index> newIndexes, List<ForeignKey> newForeignKeys) {
        return new Table(name, newColumns, newPrimaryKey, newIndexes, newForeignKeys, checks, collation, partitioning, engine,
                rowSecurity, policies, rules, persistence, replicaIdentity, inherits);
    }

    /** The same table with these checks, everything else as it is. */
    public Table withChecks(List<Check> newChecks) {
        return new Table(name, columns, primaryKey, indexes, foreignKeys, newChecks, collation, partitioning, engine,
                rowSecurity, policies, rules, persistence, replicaIdentity, inherits);
    }

    /** The same table under another name. */
    public Table named(String newName) {
        return new Table(newName, columns, primaryKey, indexes, foreignKeys, checks, collation, partitioning, engine,
                rowSecurity, policies, rules, persistence, replicaIdentity, inherits);
    }
}
