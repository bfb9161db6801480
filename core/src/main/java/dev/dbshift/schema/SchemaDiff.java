package dev.dbshift.schema;

import dev.dbshift.schema.SchemaChange.AddCheck;
import dev.dbshift.schema.SchemaChange.AddColumn;
import dev.dbshift.schema.SchemaChange.AddEnumLabels;
import dev.dbshift.schema.SchemaChange.AddForeignKey;
import dev.dbshift.schema.SchemaChange.AddIndex;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.SchemaChange.AlterSequence;
import dev.dbshift.schema.SchemaChange.AddPolicy;
import dev.dbshift.schema.SchemaChange.ChangeEngine;
import dev.dbshift.schema.SchemaChange.ChangeRowSecurity;
import dev.dbshift.schema.SchemaChange.CreateRule;
import dev.dbshift.schema.SchemaChange.DropRule;
import dev.dbshift.schema.SchemaChange.DropPolicy;
import dev.dbshift.schema.SchemaChange.ChangePrimaryKey;
import dev.dbshift.schema.SchemaChange.CreateEnum;
import dev.dbshift.schema.SchemaChange.CreateRoutine;
import dev.dbshift.schema.SchemaChange.CreateSequence;
import dev.dbshift.schema.SchemaChange.CreateTable;
import dev.dbshift.schema.SchemaChange.CreateTrigger;
import dev.dbshift.schema.SchemaChange.CreateView;
import dev.dbshift.schema.SchemaChange.DropCheck;
import dev.dbshift.schema.SchemaChange.DropColumn;
import dev.dbshift.schema.SchemaChange.DropEnum;
import dev.dbshift.schema.SchemaChange.DropForeignKey;
import dev.dbshift.schema.SchemaChange.DropIndex;
import dev.dbshift.schema.SchemaChange.DropRoutine;
import dev.dbshift.schema.SchemaChange.DropSequence;
import dev.dbshift.schema.SchemaChange.DropTable;
import dev.dbshift.schema.SchemaChange.DropTrigger;
import dev.dbshift.schema.SchemaChange.DropView;
import dev.dbshift.schema.SchemaChange.ReplaceRoutine;
import dev.dbshift.schema.SchemaChange.Repartition;
import dev.dbshift.schema.SchemaChange.ChangeVersioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The steps that turn schema {@code from} into schema {@code to}, in an order a database can apply
 * them: triggers, views, routines and foreign keys that go or change are dropped first, tables and
 * columns change in the middle, and views, routines and triggers are created last (views in
 * dependency order; triggers each after the one made before it, and where they fire in the order made, every one
 * after a trigger that changes made again too; a PostgreSQL table's parents after every table is made, and a column
 * changed on a parent not changed again on the tables that inherit it). A changed view, trigger, index, check or
 * foreign key is a drop and a create; a changed routine is a {@link SchemaChange.ReplaceRoutine}. Renames are never guessed into a RENAME: a dropped column whose definition matches an
 * added one is reported as drop + add with a warning, and so is a table. The comments on tables and columns that
 * differ are set last ({@link SchemaChange.ChangeComment}). Pure: no I/O.
 *
 * @param changes empty exactly when the two models have the same checksum and the same comments (which no checksum
 *                counts)
 */
public record SchemaDiff(SchemaModel from, SchemaModel to, List<SchemaChange> changes) {

    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Warnings of all steps, in order. */
    public List<String> warnings() {
        return changes.stream().map(SchemaChange::warning).flatMap(Optional::stream).collect(Collectors.toList());
    }

    /** One line per step, warnings marked with {@code !}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (SchemaChange c : changes) {
            b.append(c.describe()).append('\n');
            c.warning().ifPresent(w -> b.append("  ! ").append(w).append('\n'));
        }
        return b.toString();
    }

    /** The diff that undoes this one. */
    public SchemaDiff reverse() {
        return between(to, from);
    }

    public static SchemaDiff between(SchemaModel fromModel, SchemaModel toModel) {
        // what an extension made, CREATE EXTENSION makes and DROP EXTENSION drops
        SchemaModel from = fromModel.ownObjects();
        SchemaModel to = toModel.ownObjects();
        Steps s = new Steps();
        Map<String, Table> fromTables = byName(from.tables(), Table::name);
        Map<String, Table> toTables = byName(to.tables(), Table::name);

        // 1. what goes or changes, dependents first
        Map<String, Trigger> toTriggers = byName(to.triggers(), t -> t.table() + "." + t.name());
        Map<String, Trigger> fromTriggers = byName(from.triggers(), t -> t.table() + "." + t.name());
        List<Trigger> triggersInOrder = new ArrayList<>();
        Set<String> triggersMade = triggersMade(to.triggers(), toTriggers, fromTriggers, triggersInOrder);
        for (Trigger t : from.triggers()) {
            if (triggersMade.contains(t.table() + "." + t.name()) || !toTriggers.containsKey(t.table() + "." + t.name())) {
                s.early.add(new DropTrigger(t));
            }
        }
        // a view over a column that changes or goes blocks the change (PostgreSQL, H2): it is dropped and created again
        List<String> touched = from.tables().stream().filter(f -> columnsChangeOrGo(f, toTables.get(f.name()))
                        || !Table.sameDeclarative(f.partitioning(), toTables.get(f.name()).partitioning()))
                .map(Table::name).collect(Collectors.toList());
        Map<String, View> toViews = byName(to.views(), View::name);
        List<View> droppedViews = from.views().stream()
                .filter(v -> !v.equals(toViews.get(v.name())) || touched.stream().anyMatch(t -> mentions(v.definition(), t)))
                .collect(Collectors.toList());
        // and so does a view over a view that goes: the closure of them is dropped and created again
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : from.views()) {
                if (!droppedViews.contains(v) && droppedViews.stream().anyMatch(d -> mentions(v.definition(), d.name()))) {
                    droppedViews.add(v);
                    grew = true;
                }
            }
        }
        for (View v : reversed(inDependencyOrder(droppedViews))) {
            s.early.add(new DropView(v));
        }
        // a routine that goes is dropped early; one that changes is replaced late (triggers and views may use it)
        Map<String, Routine> toRoutines = byName(to.routines(), Routine::name);
        for (Routine r : from.routines()) {
            if (!toRoutines.containsKey(r.name())) {
                s.early.add(new DropRoutine(r));
            }
        }
        for (Table f : from.tables()) {
            Table t = toTables.get(f.name());
            if (t != null) {
                for (ForeignKey fk : f.foreignKeys()) {
                    if (!t.foreignKeys().contains(fk)) {
                        s.early.add(new DropForeignKey(f.name(), fk, t));
                    }
                }
            }
        }
        // 2. tables; a table whose declarative partitioning (PostgreSQL) changes is dropped and created again (no ALTER
        // does that); a MySQL table's partitioning changes with an ALTER TABLE (tableChanges)
        List<Table> droppedTables = from.tables().stream().filter(f -> !toTables.containsKey(f.name())
                || !Table.sameDeclarative(f.partitioning(), toTables.get(f.name()).partitioning())).collect(Collectors.toList());
        List<Table> createdTables = inPartitionOrder(to.tables().stream().filter(t -> !fromTables.containsKey(t.name())
                || !Table.sameDeclarative(t.partitioning(), fromTables.get(t.name()).partitioning())).collect(Collectors.toList()));
        for (Table f : from.tables()) {
            Table t = toTables.get(f.name());
            if (t != null && Table.sameDeclarative(f.partitioning(), t.partitioning())) {
                tableChanges(f, t, s);
                inheritance(f.name(), f.inherits(), t.inherits(), s);
            }
        }
        // foreign keys between dropped tables must go before the tables do
        for (Table f : droppedTables) {
            for (ForeignKey fk : f.foreignKeys()) {
                if (!fk.referencedTable().equals(f.name()) && droppedTables.stream().anyMatch(d -> d.name().equals(fk.referencedTable()))) {
                    s.early.add(new DropForeignKey(f.name(), fk, null));
                }
            }
        }
        for (Table f : reversed(inPartitionOrder(droppedTables))) {
            String renamed = createdTables.stream().filter(t -> sameColumns(f, t)).map(Table::name).findFirst().orElse(null);
            s.dropTables.add(new DropTable(f, renamed));
        }
        Map<String, EnumType> fromEnums = byName(from.enumTypes(), EnumType::name);
        Map<String, EnumType> toEnums = byName(to.enumTypes(), EnumType::name);
        for (EnumType e : to.enumTypes()) {
            EnumType f = fromEnums.get(e.name());
            if (f == null) {
                s.create.add(new CreateEnum(e));
            } else if (!f.equals(e)) {
                if (e.labels().size() > f.labels().size() && e.labels().subList(0, f.labels().size()).equals(f.labels())) {
                    s.create.add(new AddEnumLabels(f, e));
                } else {
                    s.late.add(new DropEnum(f));
                    s.late.add(new CreateEnum(e));
                }
            }
        }
        types(from, to, s);
        Map<String, Sequence> fromSequences = byName(from.sequences(), Sequence::name);
        Map<String, Sequence> toSequences = byName(to.sequences(), Sequence::name);
        for (Sequence q : to.sequences()) {
            Sequence f = fromSequences.get(q.name());
            if (f == null) {
                s.create.add(new CreateSequence(q));
            } else if (!f.equals(q)) {
                s.create.add(new AlterSequence(f, q));
            }
        }
        for (Table t : createdTables) {
            s.create.add(new CreateTable(t)); // with its parents: made with them, it gets their checks
            for (Index i : t.indexes()) {
                s.create.add(new AddIndex(t.name(), i));
            }
            if (t.replicaIdentity() != null) {
                s.create.add(new SchemaChange.ChangeReplicaIdentity(t.name(), null, t.replicaIdentity()));
            }
            if (t.rowSecurity() != null) {
                s.create.add(new ChangeRowSecurity(t.name(), null, t.rowSecurity()));
            }
            for (Policy p : t.policies()) {
                s.policies.add(new AddPolicy(t.name(), p));
            }
            for (Rule r : t.rules()) {
                s.policies.add(new CreateRule(t.name(), r));
            }
            for (ForeignKey fk : t.foreignKeys()) {
                s.foreignKeys.add(new AddForeignKey(t.name(), fk, t));
            }
        }
        for (Sequence f : from.sequences()) {
            if (!toSequences.containsKey(f.name())) {
                s.late.add(new DropSequence(f));
            }
        }
        for (EnumType f : from.enumTypes()) {
            if (!toEnums.containsKey(f.name())) {
                s.late.add(new DropEnum(f));
            }
        }
        // 3. what comes or changes, dependencies first
        Map<String, Routine> fromRoutines = byName(from.routines(), Routine::name);
        for (Routine r : to.routines()) {
            Routine old = fromRoutines.get(r.name());
            if (old == null) {
                s.last.add(new CreateRoutine(r));
            } else if (!old.equals(r)) {
                s.last.add(new ReplaceRoutine(old, r));
            }
        }
        Map<String, View> fromViews = byName(from.views(), View::name);
        List<View> createdViews = to.views().stream()
                .filter(v -> !v.equals(fromViews.get(v.name())) || droppedViews.stream().anyMatch(d -> d.name().equals(v.name())))
                .collect(Collectors.toList());
        for (View v : inDependencyOrder(createdViews)) {
            s.last.add(new CreateView(v));
        }
        for (Trigger t : triggersInOrder) {
            Trigger was = fromTriggers.get(t.table() + "." + t.name());
            boolean made = triggersMade.contains(t.table() + "." + t.name());
            if (made) {
                s.last.add(new CreateTrigger(t));
            }
            // PostgreSQL: a trigger disabled, or firing otherwise, is altered in place; one made again fires as made first
            String firing = made ? null : was.firing();
            if (!java.util.Objects.equals(firing, t.firing())) {
                s.last.add(new SchemaChange.ChangeTriggerFiring(t.table(), t.name(), firing, t.firing()));
            }
        }
        // an extension before the types and tables that use what it makes, and dropped after them
        List<SchemaChange> extensions = new ArrayList<>();
        for (String e : to.extensions()) {
            if (!from.extensions().contains(e)) {
                extensions.add(new SchemaChange.CreateExtension(e));
            }
        }
        s.create.addAll(0, extensions);
        for (String e : from.extensions()) {
            if (!to.extensions().contains(e)) {
                s.late.add(new SchemaChange.DropExtension(e));
            }
        }
        comments(from, to, fromTables, createdTables, s);
        leaveOutInherited(from, to, s);
        return new SchemaDiff(fromModel, toModel, s.all());
    }

    /**
     * The comments on tables and columns that differ, set last: on a table made (as the dump does), and on a column
     * altered even where its comment stays, as MySQL's {@code MODIFY COLUMN} takes it off.
     */
    private static void comments(SchemaModel from, SchemaModel to, Map<String, Table> fromTables, List<Table> createdTables,
                                 Steps s) {
        if (from.comments().isEmpty() && to.comments().isEmpty()) {
            return;
        }
        Set<String> made = createdTables.stream().map(Table::name).collect(Collectors.toSet());
        for (Table t : to.tables()) {
            Table f = made.contains(t.name()) ? null : fromTables.get(t.name());
            String want = to.comment(t.name(), null);
            if (!Objects.equals(want, f == null ? null : from.comment(t.name(), null))) {
                s.policies.add(new SchemaChange.ChangeComment(t.name(), null, want, null));
            }
            for (Column c : t.columns()) {
                Column old = f == null ? null : f.column(c.name()).orElse(null);
                want = to.comment(t.name(), c.name());
                boolean altered = old != null && !old.equals(c);
                if (!Objects.equals(want, old == null ? null : from.comment(t.name(), c.name())) || altered && want != null) {
                    s.policies.add(new SchemaChange.ChangeComment(t.name(), c.name(), want, c));
                }
            }
        }
    }

    /**
     * PostgreSQL makes a column added to, changed on or dropped from a table on the tables that inherit from it too: the
     * same change read on such a child is left out, as made again there it fails (the column is there already, or gone).
     * Only for a child linked to that parent before and after. Checks need none of this: the model keeps an inherited
     * check on the parent alone (the reader reads a table's own), so a parent's check change reads as no change of the
     * child's.
     */
    private static void leaveOutInherited(SchemaModel from, SchemaModel to, Steps s) {
        Map<String, Table> fromTables = byName(from.tables(), Table::name);
        Map<String, List<String>> parents = new HashMap<>();
        for (Table t : to.tables()) {
            Table f = fromTables.get(t.name());
            if (f != null && !t.inherits().isEmpty()) {
                parents.put(t.name(), t.inherits().stream().filter(f.inherits()::contains).toList());
            }
        }
        if (parents.isEmpty()) {
            return;
        }
        Set<String> made = new HashSet<>();
        for (List<SchemaChange> step : s.lists()) {
            for (SchemaChange c : step) {
                String what = inheritable(c);
                if (what != null) {
                    made.add(((SchemaChange.OnTable) c).table() + "\u0000" + what);
                }
            }
        }
        for (List<SchemaChange> step : s.lists()) {
            step.removeIf(c -> {
                String what = inheritable(c);
                return what != null && parents.getOrDefault(((SchemaChange.OnTable) c).table(), List.of()).stream()
                        .anyMatch(p -> made.contains(p + "\u0000" + what));
            });
        }
    }

    /** What a change of a column is, apart from its table, where children inherit it; else null. */
    private static String inheritable(SchemaChange c) {
        if (c instanceof AddColumn a) {
            return "add column " + a.column();
        } else if (c instanceof DropColumn d) {
            return "drop column " + d.column().name();
        } else if (c instanceof AlterColumn a) {
            return "alter column " + a.from() + " " + a.to();
        }
        return null;
    }

    /**
     * A PostgreSQL table's parents from the first that differs ({@link Table#inherits()}: a table given a parent again
     * lists it last): taken off before tables go (a parent with children cannot), given again once every table is made
     * and its columns changed, in order. A table made is made with its parents, after them ({@link #inPartitionOrder}).
     */
    private static void inheritance(String table, List<String> from, List<String> to, Steps s) {
        int same = 0;
        while (same < from.size() && same < to.size() && from.get(same).equals(to.get(same))) {
            same++;
        }
        for (String parent : from.subList(same, from.size())) {
            s.early.add(new SchemaChange.ChangeInheritance(table, parent, false));
        }
        for (String parent : to.subList(same, to.size())) {
            s.foreignKeys.add(new SchemaChange.ChangeInheritance(table, parent, true));
        }
    }

    /**
     * The triggers of {@code to} to make (by table and name): each that is new or changes and, where triggers fire in the
     * order they were made (MySQL/MariaDB, SQLite: {@link Trigger#follows()}), every one after it in its chain, as one
     * made alone would be the last made of those already there. {@code inOrder} gets {@code to}'s triggers with each after the one it
     * follows, the order they are made in.
     */
    private static Set<String> triggersMade(List<Trigger> to, Map<String, Trigger> toTriggers, Map<String, Trigger> fromTriggers,
            List<Trigger> inOrder) {
        Map<String, Trigger> next = new HashMap<>();
        for (Trigger t : to) {
            if (t.follows() != null) {
                next.put(t.table() + "." + t.follows(), t);
            }
        }
        Set<String> made = new HashSet<>();
        Set<Trigger> placed = new HashSet<>();
        for (Trigger head : to) {
            if (head.follows() != null && toTriggers.containsKey(head.table() + "." + head.follows())) {
                continue;
            }
            boolean changed = false;
            for (Trigger t = head; t != null && placed.add(t); t = next.get(t.table() + "." + t.name())) {
                String key = t.table() + "." + t.name();
                changed |= !t.sameAs(fromTriggers.get(key));
                if (changed) {
                    made.add(key);
                }
                inOrder.add(t);
            }
        }
        for (Trigger t : to) {
            // none here from a reader; a chain that loops has no head
            if (placed.add(t)) {
                inOrder.add(t);
                made.add(t.table() + "." + t.name());
            }
        }
        return made;
    }

    /**
     * Domains and composite types are made before the tables whose columns use them (a domain before a composite type,
     * whose attributes may be of it) and dropped after those columns and tables went; one that changes is altered in
     * place after the columns changed, so a check added to a domain is checked against the rows the diff leaves.
     */
    private static void types(SchemaModel from, SchemaModel to, Steps s) {
        Map<String, Domain> fromDomains = byName(from.domains(), Domain::name);
        Map<String, Domain> toDomains = byName(to.domains(), Domain::name);
        for (Domain d : to.domains()) {
            Domain f = fromDomains.get(d.name());
            if (f == null) {
                s.create.add(new SchemaChange.CreateDomain(d));
            } else if (!f.equals(d)) {
                s.late.add(new SchemaChange.AlterDomain(f, d));
            }
        }
        Map<String, CompositeType> fromComposites = byName(from.compositeTypes(), CompositeType::name);
        Map<String, CompositeType> toComposites = byName(to.compositeTypes(), CompositeType::name);
        for (CompositeType c : to.compositeTypes()) {
            CompositeType f = fromComposites.get(c.name());
            if (f == null) {
                s.create.add(new SchemaChange.CreateCompositeType(c));
            } else if (!f.equals(c)) {
                s.late.add(new SchemaChange.AlterCompositeType(f, c));
            }
        }
        for (CompositeType c : from.compositeTypes()) {
            if (!toComposites.containsKey(c.name())) {
                s.late.add(new SchemaChange.DropCompositeType(c));
            }
        }
        for (Domain d : from.domains()) {
            if (!toDomains.containsKey(d.name())) {
                s.late.add(new SchemaChange.DropDomain(d));
            }
        }
    }

    private static void tableChanges(Table f, Table t, Steps s) {
        String name = t.name();
        // MySQL: a table partitioned no more loses its partitioning before its keys change (every unique key of a
        // partitioned table holds the partitioning columns), one partitioned anew gets it after they have changed
        boolean repartitioned = !Objects.equals(f.partitionLayout(), t.partitionLayout());
        if (repartitioned && t.partitionLayout() == null) {
            s.early.add(new Repartition(name, f.partitionLayout(), null));
        }
        // MariaDB: system versioning turned off goes before the columns change, taking its period columns with it;
        // turned on, it comes after them, bringing its period columns (one ALTER TABLE: neither is a column alone)
        boolean versioning = f.systemVersioned() != t.systemVersioned();
        List<Column> period = !versioning ? List.of() : ChangeVersioning.period(t.systemVersioned() ? t : f);
        if (versioning && !t.systemVersioned()) {
            s.early.add(new ChangeVersioning(name, false, period));
        }
        if (!versioning && !Objects.equals(f.persistence(), t.persistence())) {
            s.columns.add(new SchemaChange.ChangePersistence(name, f.persistence(), t.persistence()));
        }
        if (!Objects.equals(f.engine(), t.engine())) {
            s.columns.add(new ChangeEngine(name, f.engine(), t.engine()));
        }
        // a policy may name columns that change: the ones that go or change are dropped first, made again last
        for (Policy p : f.policies()) {
            if (!t.policies().contains(p)) {
                s.early.add(0, new DropPolicy(name, p));
            }
        }
        for (Policy p : t.policies()) {
            if (!f.policies().contains(p)) {
                s.policies.add(new AddPolicy(name, p));
            }
        }
        // rules too: their bodies may name columns that change and tables or routines made later
        for (Rule r : f.rules()) {
            if (!t.rules().contains(r)) {
                s.early.add(0, new DropRule(name, r));
            }
        }
        for (Rule r : t.rules()) {
            if (!f.rules().contains(r)) {
                s.policies.add(new CreateRule(name, r));
            }
        }
        if (!Objects.equals(f.rowSecurity(), t.rowSecurity())) {
            s.columns.add(new ChangeRowSecurity(name, f.rowSecurity(), t.rowSecurity()));
        }
        Map<String, Column> fromColumns = byName(f.columns(), Column::name);
        Map<String, Column> toColumns = byName(t.columns(), Column::name);
        List<Column> added = t.columns().stream().filter(c -> !fromColumns.containsKey(c.name())).collect(Collectors.toList());
        for (Index i : f.indexes()) {
            if (!kept(i, t.indexes()) || droppedOrAltered(i.columnNames(), fromColumns, toColumns)) {
                s.early.add(new DropIndex(name, i, t));
            }
        }
        boolean pkChanged = !Objects.equals(f.primaryKey(), t.primaryKey());
        // a key WITHOUT OVERLAPS of a period goes before the period (MariaDB keeps a period among the checks)
        boolean fromPeriod = pkChanged && f.primaryKey() != null && f.primaryKey().period() != null;
        if (fromPeriod) {
            s.early.add(new ChangePrimaryKey(name, f.primaryKey(), null, t));
        }
        for (Check c : f.checks()) {
            if (!t.checks().contains(c)) {
                s.early.add(new DropCheck(name, c, t));
            }
        }
        if (pkChanged && f.primaryKey() != null && !fromPeriod) {
            s.early.add(new ChangePrimaryKey(name, f.primaryKey(), null, t));
        }
        // a partition's columns are its parent's: they change with the parent
        boolean partition = t.partitioning() != null && t.partitioning().parent() != null;
        for (Column c : partition ? List.<Column>of() : t.columns()) {
            Column old = fromColumns.get(c.name());
            if (old == null && period.contains(c)) {
                continue;
            }
            if (old == null) {
                s.columns.add(new AddColumn(name, c, t));
            } else if (!old.equals(c)) {
                s.columns.add(new AlterColumn(name, old, c, t));
            }
        }
        for (Column c : partition ? List.<Column>of() : f.columns()) {
            if (!toColumns.containsKey(c.name()) && !period.contains(c)) {
                String renamed = added.stream().filter(a -> a.sameDefinitionAs(c)).map(Column::name).findFirst().orElse(null);
                s.columns.add(new DropColumn(name, c, renamed, t));
            }
        }
        // a key WITHOUT OVERLAPS of a period is made once the period is (MariaDB keeps a period among the checks)
        boolean ofPeriod = pkChanged && t.primaryKey() != null && t.primaryKey().period() != null;
        if (pkChanged && t.primaryKey() != null && !ofPeriod) {
            s.columns.add(new ChangePrimaryKey(name, null, t.primaryKey(), t));
        }
        for (Check c : t.checks()) {
            if (!f.checks().contains(c)) {
                s.columns.add(new AddCheck(name, c, t));
            }
        }
        if (ofPeriod) {
            s.columns.add(new ChangePrimaryKey(name, null, t.primaryKey(), t));
        }
        for (Index i : t.indexes()) {
            if (!kept(i, f.indexes()) || droppedOrAltered(i.columnNames(), fromColumns, toColumns)) {
                s.columns.add(new AddIndex(name, i));
            } else if (!f.indexes().contains(i)) {
                s.columns.add(new SchemaChange.ChangeIndexUse(name, i));
            }
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (!f.foreignKeys().contains(fk)) {
                s.foreignKeys.add(new AddForeignKey(name, fk, t));
            }
        }
        if (versioning && t.systemVersioned()) {
            s.columns.add(new ChangeVersioning(name, true, period));
        }
        if (repartitioned && t.partitionLayout() != null) {
            s.columns.add(new Repartition(name, f.partitionLayout(), t.partitionLayout()));
        }
        // after the indexes: one may be the identity
        if (!Objects.equals(f.replicaIdentity(), t.replicaIdentity())) {
            s.columns.add(new SchemaChange.ChangeReplicaIdentity(name, f.replicaIdentity(), t.replicaIdentity()));
        }
    }

    /** True when {@code others} has {@code index}, perhaps with the optimizer using it where it does not or the reverse. */
    private static boolean kept(Index index, List<Index> others) {
        return others.contains(index) || index.name() != null && others.contains(index.ignored(!index.ignored()));
    }

    /** An index over a column whose type changes is rebuilt around the change (MySQL refuses some type changes under an index). */
    private static boolean droppedOrAltered(List<String> columns, Map<String, Column> from, Map<String, Column> to) {
        for (String c : columns) {
            Column a = from.get(c);
            Column b = to.get(c);
            if (a != null && b != null && !a.type().equals(b.type())) {
                return true;
            }
        }
        return false;
    }

    /** Partitioned tables before their partitions, and parents before the tables that inherit from them; otherwise the order given. */
    private static List<Table> inPartitionOrder(List<Table> tables) {
        List<Table> out = new ArrayList<>();
        List<Table> left = new ArrayList<>(tables);
        while (!left.isEmpty()) {
            Table next = left.stream().filter(t -> (t.partitioning() == null || t.partitioning().parent() == null
                            || left.stream().noneMatch(o -> o.name().equals(t.partitioning().parent())))
                            && left.stream().noneMatch(o -> t.inherits().contains(o.name())))
                    .findFirst().orElse(left.get(0));
            out.add(next);
            left.remove(next);
        }
        return out;
    }

    private static boolean columnsChangeOrGo(Table from, Table to) {
        if (to == null) {
            return true;
        }
        for (Column c : from.columns()) {
            if (!to.column(c.name()).filter(c::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameColumns(Table a, Table b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            Column x = a.columns().get(i);
            Column y = b.columns().get(i);
            if (!x.name().equals(y.name()) || !x.sameDefinitionAs(y)) {
                return false;
            }
        }
        return true;
    }

    /** Views that use other views come after them; a view's query naming another view is a use. */
    static List<View> inDependencyOrder(List<View> views) {
        List<View> out = new ArrayList<>();
        List<View> left = new ArrayList<>(views);
        while (!left.isEmpty()) {
            View next = left.stream().filter(v -> left.stream().noneMatch(o -> o != v && mentions(v.definition(), o.name())))
                    .findFirst().orElse(left.get(0));
            out.add(next);
            left.remove(next);
        }
        return out;
    }

    private static boolean mentions(String sql, String name) {
        return Pattern.compile("(?i)(^|[^A-Za-z0-9_$])[\"`\\[]?" + Pattern.quote(name) + "[\"`\\]]?($|[^A-Za-z0-9_$])")
                .matcher(sql).find();
    }

    private static <T> List<T> reversed(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    /** Steps collected by phase, then concatenated. */
    private static final class Steps {
        final List<SchemaChange> early = new ArrayList<>();
        final List<SchemaChange> dropTables = new ArrayList<>();
        final List<SchemaChange> create = new ArrayList<>();
        final List<SchemaChange> columns = new ArrayList<>();
        final List<SchemaChange> foreignKeys = new ArrayList<>();
        final List<SchemaChange> late = new ArrayList<>();
        final List<SchemaChange> last = new ArrayList<>();
        /** Policies and rules come after everything: their expressions may call routines made in {@link #last}. */
        final List<SchemaChange> policies = new ArrayList<>();

        /** The steps' lists, in the order their changes run. */
        List<List<SchemaChange>> lists() {
            return List.of(early, dropTables, create, columns, foreignKeys, late, last, policies);
        }

        List<SchemaChange> all() {
            List<SchemaChange> out = new ArrayList<>();
            lists().forEach(out::addAll);
            return out;
        }
    }
}
