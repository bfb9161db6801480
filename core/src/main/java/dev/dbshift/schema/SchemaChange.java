package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between two schemas, as a step that turns the first into the second. Each step
 * reads as a line of text ({@link #describe()}), may carry a warning (data it would lose), and
 * becomes DDL for a vendor through a {@link DdlWriter}. Table-scoped steps carry the table as it is
 * after the whole diff, for vendors that change tables by rebuilding them (SQLite).
 */
public sealed interface SchemaChange {

    String describe();

    /** The words for a type, NOT NULL and default that change, as a column's and a domain's description say them. */
    private static void typeNullAndDefault(StringBuilder b, String fromType, String toType, boolean fromNullable,
                                           boolean toNullable, String fromDefault, String toDefault) {
        if (!fromType.equals(toType)) {
            b.append(" type ").append(fromType).append(" -> ").append(toType);
        }
        if (fromNullable != toNullable) {
            b.append(toNullable ? " drop not null" : " set not null");
        }
        if (!Objects.equals(fromDefault, toDefault)) {
            b.append(" default ").append(fromDefault).append(" -> ").append(toDefault);
        }
    }

    /** What applying this step would lose, or empty. */
    default Optional<String> warning() {
        return Optional.empty();
    }

    /** A step inside one table. */
    sealed interface OnTable extends SchemaChange {
        String table();
    }

    /**
     * A comment set on a table ({@code column} null) or one of its columns, or taken off ({@code comment} null), after
     * what makes them ({@link SchemaModel#comments()}). {@code definition} is the column as it ends, which MySQL's
     * {@code MODIFY COLUMN} needs whole to set its comment.
     */
    record ChangeComment(String table, String column, String comment, Column definition) implements OnTable {
        public String describe() {
            String on = column == null ? table : table + "." + column;
            return comment == null ? "drop comment on " + on : "comment on " + on + ": " + comment;
        }
    }

    /** A PostgreSQL extension installed in the schema ({@link SchemaModel#extensions()}). */
    record CreateExtension(String name) implements SchemaChange {
        public String describe() {
            return "create extension " + name;
        }
    }

    record DropExtension(String name) implements SchemaChange {
        public String describe() {
            return "drop extension " + name;
        }
    }

    record CreateEnum(EnumType type) implements SchemaChange {
        public String describe() {
            return "create enum type " + type.name() + " " + type.labels();
        }
    }

    record AddEnumLabels(EnumType from, EnumType to) implements SchemaChange {
        public String describe() {
            return "add labels to enum type " + to.name() + ": " + to.labels().subList(from.labels().size(), to.labels().size());
        }
    }

    record DropEnum(EnumType type) implements SchemaChange {
        public String describe() {
            return "drop enum type " + type.name();
        }
    }

    record CreateDomain(Domain domain) implements SchemaChange {
        public String describe() {
            return "create domain " + domain.name();
        }
    }

    /** A domain whose default, NOT NULL or checks change (its base type and collation cannot change in place). */
    record AlterDomain(Domain from, Domain to) implements SchemaChange {
        public String describe() {
            StringBuilder b = new StringBuilder("alter domain " + to.name() + ":");
            typeNullAndDefault(b, from.type(), to.type(), from.nullable(), to.nullable(), from.defaultValue(), to.defaultValue());
            if (!Objects.equals(from.collation(), to.collation())) {
                b.append(" collation ").append(from.collation()).append(" -> ").append(to.collation());
            }
            for (Check c : from.checks()) {
                if (!to.checks().contains(c)) {
                    b.append(" drop check ").append(c.name());
                }
            }
            for (Check c : to.checks()) {
                if (!from.checks().contains(c)) {
                    b.append(" add check ").append(c.name()).append(' ').append(c.expression());
                }
            }
            return b.toString();
        }
    }

    record DropDomain(Domain domain) implements SchemaChange {
        public String describe() {
            return "drop domain " + domain.name();
        }
    }

    record CreateCompositeType(CompositeType type) implements SchemaChange {
        public String describe() {
            return "create composite type " + type.name();
        }
    }

    /** A composite type whose attributes change: added at the end, dropped, or given another type. */
    record AlterCompositeType(CompositeType from, CompositeType to) implements SchemaChange {
        public String describe() {
            StringBuilder b = new StringBuilder("alter composite type " + to.name() + ":");
            for (Column a : from.attributes()) {
                if (to.attribute(a.name()).isEmpty()) {
                    b.append(" drop ").append(a.name());
                }
            }
            for (Column a : to.attributes()) {
                Column old = from.attribute(a.name()).orElse(null);
                if (old == null) {
                    b.append(" add ").append(a.name()).append(' ').append(a.type());
                } else if (!old.equals(a)) {
                    b.append(" alter ").append(a.name()).append(' ').append(old.type()).append(" -> ").append(a.type());
                }
            }
            return b.toString();
        }
    }

    record DropCompositeType(CompositeType type) implements SchemaChange {
        public String describe() {
            return "drop composite type " + type.name();
        }
    }

    record CreateSequence(Sequence sequence) implements SchemaChange {
        public String describe() {
            return "create sequence " + sequence.name();
        }
    }

    record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
        public String describe() {
            return "alter sequence " + to.name() + ": " + from + " -> " + to;
        }
    }

    record DropSequence(Sequence sequence) implements SchemaChange {
        public String describe() {
            return "drop sequence " + sequence.name();
        }
    }

    record CreateTable(Table definition) implements OnTable {
        public String table() {
            return definition.name();
        }

        public String describe() {
            return "create table " + definition.name() + " (" + definition.columns().size() + " columns)";
        }
    }

    record DropTable(Table definition, String looksRenamedTo) implements OnTable {
        public String table() {
            return definition.name();
        }

        public String describe() {
            return "drop table " + definition.name();
        }

        public Optional<String> warning() {
            return Optional.of(looksRenamedTo != null
                    ? "table " + definition.name() + " looks renamed to " + looksRenamedTo
                    + ": drop + create loses its rows; write a RENAME by hand if that is what happened"
                    : "dropping table " + definition.name() + " loses its rows");
        }
    }

    record AddColumn(String table, Column column, Table after) implements OnTable {
        public String describe() {
            return "add column " + table + "." + column.name() + " " + column.type() + (column.nullable() ? "" : " not null");
        }
    }

    record DropColumn(String table, Column column, String looksRenamedTo, Table after) implements OnTable {
        public String describe() {
            return "drop column " + table + "." + column.name();
        }

        public Optional<String> warning() {
            return Optional.of(looksRenamedTo != null
                    ? "column " + table + "." + column.name() + " looks renamed to " + looksRenamedTo
                    + ": drop + add loses its data; write a RENAME COLUMN by hand if that is what happened"
                    : "dropping column " + table + "." + column.name() + " loses its data");
        }
    }

    /**
     * A column renamed in place, keeping its data. {@link SchemaDiff} never produces it (a diff cannot
     * tell a rename from a drop and an add); it comes from a change that says so (the fluent API).
     */
    record RenameColumn(String table, String from, String to, Table after) implements OnTable {
        public String describe() {
            return "rename column " + table + "." + from + " to " + to;
        }
    }

    record AlterColumn(String table, Column from, Column to, Table after) implements OnTable {
        public String describe() {
            StringBuilder b = new StringBuilder("alter column " + table + "." + to.name() + ":");
            typeNullAndDefault(b, from.type(), to.type(), from.nullable(), to.nullable(), from.defaultValue(), to.defaultValue());
            if (!Objects.equals(from.generated(), to.generated())) {
                b.append(" generated ").append(from.generated()).append(" -> ").append(to.generated());
            }
            if (from.identity() != to.identity()) {
                b.append(to.identity() == null ? " drop identity" : " identity " + to.identity().sql());
            }
            if (to.identity() != null && !Objects.equals(from.identityOptions(), to.identityOptions())) {
                b.append(" identity sequence ").append(from.identityOptions() == null ? "default" : from.identityOptions())
                        .append(" -> ").append(to.identityOptions() == null ? "default" : to.identityOptions());
            }
            if (!Objects.equals(from.collation(), to.collation())) {
                b.append(" collation ").append(from.collation()).append(" -> ").append(to.collation());
            }
            if (from.invisible() != to.invisible()) {
                b.append(to.invisible() ? " invisible" : " visible");
            }
            if (from.unversioned() != to.unversioned()) {
                b.append(to.unversioned() ? " without system versioning" : " with system versioning");
            }
            return b.toString();
        }

        public Optional<String> warning() {
            return from.type().equals(to.type()) ? Optional.empty()
                    : Optional.of("changing the type of " + table + "." + to.name() + " from " + from.type() + " to "
                    + to.type() + " may fail or lose data");
        }
    }

    /** A table moved to another storage engine ({@link Table#engine()}: null is the vendor's default, InnoDB on MySQL). */
    record ChangeEngine(String table, String from, String to) implements OnTable {
        public String describe() {
            return "change engine of " + table + ": " + (from == null ? "default" : from) + " -> " + (to == null ? "default" : to);
        }
    }

    /**
     * An index the optimizer starts or stops using, and nothing else about it changes: MariaDB's {@code IGNORED},
     * MySQL's {@code INVISIBLE}, instant where dropping and building it again would rewrite it.
     */
    record ChangeIndexUse(String table, Index index) implements OnTable {
        public String describe() {
            return (index.ignored() ? "ignore index " : "use index ") + index.name() + " on " + table;
        }
    }

    /**
     * A MySQL or MariaDB table partitioned anew ({@code to}: the whole clause, {@link Table.Partitioning#layout}) or
     * no more ({@code to} null). Both copy the table; no row is lost, and a row no partition of {@code to} takes fails
     * the statement.
     */
    record Repartition(String table, String from, String to) implements OnTable {
        public String describe() {
            return to == null ? "remove partitioning of " + table
                    : (from == null ? "partition " : "repartition ") + table + ": " + to.replaceAll("\\s+", " ");
        }
    }

    /**
     * MariaDB's system versioning of a table turned on or off ({@link Table#systemVersioned()}), with the columns that
     * hold each row version's period where the table names them ({@code GENERATED ALWAYS AS ROW START}/{@code ROW END}):
     * they come and go with it, in the same statement.
     */
    record ChangeVersioning(String table, boolean on, List<Column> period) implements OnTable {
        public ChangeVersioning {
            period = List.copyOf(period);
        }

        /** The columns of {@code t} that hold a row version's start and end, where it names them; else none. */
        static List<Column> period(Table t) {
            return t.columns().stream().filter(Column::periodOfRow).toList();
        }

        public String describe() {
            return on ? "add system versioning to " + table : "drop system versioning of " + table;
        }

        @Override
        public Optional<String> warning() {
            return on ? Optional.empty() : Optional.of("drops every past version of the rows of " + table);
        }
    }

    /**
     * A PostgreSQL table made unlogged ({@code to}: {@link Table#UNLOGGED}: its writes skip the write-ahead log, so a
     * crash empties it and no standby gets its rows) or logged again ({@code to} null). Either rewrites the table.
     */
    record ChangePersistence(String table, String from, String to) implements OnTable {
        public String describe() {
            return "make " + table + " " + (to != null ? to : Table.UNLOGGED.equals(from) ? "logged" : "not " + from);
        }
    }

    /**
     * A PostgreSQL table made to inherit from {@code parent} ({@code on}: a query of the parent then reads its rows too)
     * or no longer ({@link Table#inherits()}).
     */
    record ChangeInheritance(String table, String parent, boolean on) implements OnTable {
        public String describe() {
            return (on ? "make " + table + " inherit from " : "make " + table + " no longer inherit from ") + parent;
        }
    }

    /** What PostgreSQL's logical replication sends of a changed row ({@link Table#replicaIdentity()}; null: the key). */
    record ChangeReplicaIdentity(String table, String from, String to) implements OnTable {
        public String describe() {
            return "replica identity of " + table + ": " + (from == null ? "default" : from) + " -> " + (to == null ? "default" : to);
        }
    }

    /**
     * A PostgreSQL trigger disabled, enabled again, or made to fire only, or also, in a replica's session ({@link
     * Trigger#firing()}; null: as made).
     */
    record ChangeTriggerFiring(String table, String trigger, String from, String to) implements OnTable {
        public String describe() {
            return (Trigger.DISABLED.equals(to) ? "disable" : "enable") + " trigger " + trigger + " on " + table
                    + (Trigger.REPLICA.equals(to) ? " in replica sessions only" : Trigger.ALWAYS.equals(to) ? " in replica sessions too" : "");
        }
    }

    /** A table's row security turned on, off or forced ({@link Table#rowSecurity()}: null is off). */
    record ChangeRowSecurity(String table, String from, String to) implements OnTable {
        public String describe() {
            return "change row security of " + table + ": " + (from == null ? "off" : from) + " -> " + (to == null ? "off" : to);
        }
    }

    record AddPolicy(String table, Policy policy) implements OnTable {
        public String describe() {
            return "add policy " + policy.name() + " on " + table;
        }
    }

    record DropPolicy(String table, Policy policy) implements OnTable {
        public String describe() {
            return "drop policy " + policy.name() + " on " + table;
        }
    }

    record CreateRule(String table, Rule rule) implements OnTable {
        public String describe() {
            return "create rule " + rule.name() + " on " + table + (rule.firing() == null ? "" : " (" + rule.firing() + ")");
        }
    }

    record DropRule(String table, Rule rule) implements OnTable {
        public String describe() {
            return "drop rule " + rule.name() + " on " + table + (rule.firing() == null ? "" : " (" + rule.firing() + ")");
        }
    }

    record ChangePrimaryKey(String table, PrimaryKey from, PrimaryKey to, Table after) implements OnTable {
        public String describe() {
            return to == null ? "drop primary key of " + table
                    : from == null ? "add primary key " + table + " " + to.columns() + (to.options() == null ? "" : " " + to.options())
                    : "change primary key of " + table + ": " + from.columns() + " -> " + to.columns();
        }
    }

    record AddIndex(String table, Index index) implements OnTable {
        public String describe() {
            return "add " + kind(index) + " " + (index.name() == null ? "" : index.name() + " ")
                    + "on " + table + " " + index.parts() + (index.exclusion() == null ? "" : " with " + index.exclusion())
                    + (index.predicate() == null ? "" : " where " + index.predicate())
                    + (index.options() == null ? "" : " " + index.options());
        }
    }

    record DropIndex(String table, Index index, Table after) implements OnTable {
        public String describe() {
            return "drop " + kind(index) + " " + (index.name() == null ? index.parts().toString() : index.name()) + " on " + table
                    + (index.options() == null ? "" : " (" + index.options() + ")");
        }
    }

    /** {@code index}, {@code unique index}, or the constraint only {@code ALTER TABLE ... ADD CONSTRAINT} makes. */
    private static String kind(Index index) {
        return index.exclusion() != null ? "exclusion constraint" : index.constraintOnly() ? "unique constraint"
                : index.unique() ? "unique index" : "index";
    }

    record AddForeignKey(String table, ForeignKey foreignKey, Table after) implements OnTable {
        public String describe() {
            return "add foreign key " + (foreignKey.name() == null ? "" : foreignKey.name() + " ") + table
                    + foreignKey.columns() + " -> " + foreignKey.referencedTable() + foreignKey.referencedColumns()
                    + " on delete " + foreignKey.onDelete().toLowerCase(java.util.Locale.ROOT) + " on update "
                    + foreignKey.onUpdate().toLowerCase(java.util.Locale.ROOT)
                    + (foreignKey.options() == null ? "" : " " + foreignKey.options());
        }
    }

    record DropForeignKey(String table, ForeignKey foreignKey, Table after) implements OnTable {
        public String describe() {
            return "drop foreign key " + (foreignKey.name() == null ? foreignKey.columns().toString() : foreignKey.name())
                    + " on " + table + (foreignKey.options() == null ? "" : " (" + foreignKey.options() + ")");
        }
    }

    record AddCheck(String table, Check check, Table after) implements OnTable {
        public String describe() {
            return "add check " + (check.name() == null ? "" : check.name() + " ") + "on " + table + ": " + check.expression();
        }
    }

    record DropCheck(String table, Check check, Table after) implements OnTable {
        public String describe() {
            return "drop check " + (check.name() == null ? check.expression() : check.name()) + " on " + table;
        }
    }

    record CreateView(View view) implements SchemaChange {
        public String describe() {
            return "create " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    record DropView(View view) implements SchemaChange {
        public String describe() {
            return "drop " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    record CreateRoutine(Routine routine) implements SchemaChange {
        public String describe() {
            return "create " + routine.kind() + " " + routine.name();
        }
    }

    record DropRoutine(Routine routine) implements SchemaChange {
        public String describe() {
            return "drop " + routine.kind() + " " + routine.name();
        }
    }

    /** A routine whose definition changes: replaced in place where the vendor can, so what uses it need not go. */
    record ReplaceRoutine(Routine from, Routine to) implements SchemaChange {
        public String describe() {
            return "replace " + to.kind() + " " + to.name();
        }
    }

    record CreateTrigger(Trigger trigger) implements SchemaChange {
        public String describe() {
            return "create trigger " + trigger.name() + " on " + trigger.table();
        }
    }

    record DropTrigger(Trigger trigger) implements SchemaChange {
        public String describe() {
            return "drop trigger " + trigger.name() + " on " + trigger.table();
        }
    }
}
