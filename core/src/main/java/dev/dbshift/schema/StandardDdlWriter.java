package dev.dbshift.schema;

import dev.dbshift.schema.SchemaChange.AddCheck;
import dev.dbshift.schema.SchemaChange.AddColumn;
import dev.dbshift.schema.SchemaChange.AddEnumLabels;
import dev.dbshift.schema.SchemaChange.AddForeignKey;
import dev.dbshift.schema.SchemaChange.AddIndex;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.SchemaChange.AlterSequence;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DDL as the SQL standard writes it, which each vendor's writer adjusts where it differs (types,
 * quoting, how to alter a column, how to drop an index or a key). Statements only: no vendor is
 * asked anything at write time, so a diff can be written for a database that is not reachable.
 */
public abstract class StandardDdlWriter implements DdlWriter {

    /** The vendor's spelling of a canonical type. */
    protected abstract String type(String canonical);

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public List<String> write(SchemaDiff diff) {
        List<String> out = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            out.addAll(write(change));
        }
        return out;
    }

    @Override
    public List<String> write(SchemaChange change) {
        if (change instanceof CreateTable c) {
            return List.of(createTable(c.definition()));
        } else if (change instanceof DropTable c) {
            return List.of("DROP TABLE " + quote(c.table()));
        } else if (change instanceof AddColumn c) {
            return List.of(alterTable(c.table()) + " ADD COLUMN " + columnDefinition(c.column(), c.after()));
        } else if (change instanceof DropColumn c) {
            return List.of(alterTable(c.table()) + " DROP COLUMN " + quote(c.column().name()));
        } else if (change instanceof AlterColumn c) {
            return alterColumn(c);
        } else if (change instanceof SchemaChange.RenameColumn c) {
            return List.of(renameColumn(c.table(), c.from(), c.to()));
        } else if (change instanceof SchemaChange.ChangeEngine c) {
            return changeEngine(c);
        } else if (change instanceof SchemaChange.ChangeIndexUse c) {
            return changeIndexUse(c);
        } else if (change instanceof SchemaChange.Repartition c) {
            return repartition(c);
        } else if (change instanceof SchemaChange.ChangeVersioning c) {
            return versioning(c);
        } else if (change instanceof SchemaChange.ChangePersistence c) {
            return persistence(c);
        } else if (change instanceof SchemaChange.ChangeReplicaIdentity c) {
            return replicaIdentity(c);
        } else if (change instanceof SchemaChange.ChangeInheritance c) {
            return inheritance(c);
        } else if (change instanceof SchemaChange.ChangeTriggerFiring c) {
            return triggerFiring(c);
        } else if (change instanceof SchemaChange.ChangeRowSecurity || change instanceof SchemaChange.AddPolicy
                || change instanceof SchemaChange.DropPolicy) {
            return rowSecurity(change);
        } else if (change instanceof SchemaChange.CreateRule c) {
            return c.rule().firing() == null ? List.of(c.rule().definition())
                    : List.of(c.rule().definition(), ruleFiring(c.table(), c.rule()));
        } else if (change instanceof SchemaChange.DropRule c) {
            return List.of("DROP RULE " + quote(c.rule().name()) + " ON " + quote(c.table()));
        } else if (change instanceof ChangePrimaryKey c) {
            return c.to() == null ? List.of(dropPrimaryKey(c.table(), c.from()))
                    : List.of(alterTable(c.table()) + " ADD " + primaryKey(c.to()));
        } else if (change instanceof AddIndex c) {
            return List.of(createIndex(c.table(), c.index()));
        } else if (change instanceof DropIndex c) {
            return dropIndex(c.table(), c.index());
        } else if (change instanceof AddForeignKey c) {
            return List.of(alterTable(c.table()) + " ADD " + foreignKey(c.foreignKey()));
        } else if (change instanceof DropForeignKey c) {
            return List.of(dropForeignKey(c.table(), c.foreignKey()));
        } else if (change instanceof AddCheck c) {
            return List.of(alterTable(c.table()) + " ADD " + check(c.check()));
        } else if (change instanceof DropCheck c) {
            return List.of(dropCheck(c));
        } else if (change instanceof CreateView c) {
            List<String> out = new ArrayList<>(List.of(createView(c.view())));
            for (Index i : c.view().indexes()) {
                out.add(createIndex(c.view().name(), i));
            }
            return out;
        } else if (change instanceof DropView c) {
            return List.of("DROP " + (c.view().materialized() ? "MATERIALIZED " : "") + "VIEW " + quote(c.view().name()));
        } else if (change instanceof CreateSequence c) {
            return List.of(createSequence(c.sequence()));
        } else if (change instanceof AlterSequence c) {
            return List.of(alterSequence(c.to()));
        } else if (change instanceof DropSequence c) {
            return List.of("DROP SEQUENCE " + quote(c.sequence().name()));
        } else if (change instanceof CreateRoutine c) {
            return List.of(c.routine().made());
        } else if (change instanceof DropRoutine c) {
            return List.of(dropRoutine(c.routine()));
        } else if (change instanceof SchemaChange.ReplaceRoutine c) {
            return List.of(dropRoutine(c.from()), c.to().made());
        } else if (change instanceof CreateTrigger c) {
            return List.of(c.trigger().definition());
        } else if (change instanceof DropTrigger c) {
            return List.of("DROP TRIGGER " + quote(c.trigger().name()));
        } else if (change instanceof SchemaChange.CreateDomain || change instanceof SchemaChange.AlterDomain
                || change instanceof SchemaChange.DropDomain || change instanceof SchemaChange.CreateCompositeType
                || change instanceof SchemaChange.AlterCompositeType || change instanceof SchemaChange.DropCompositeType) {
            return userType(change);
        } else if (change instanceof SchemaChange.ChangeComment c) {
            return List.of(comment(c));
        } else if (change instanceof SchemaChange.CreateExtension || change instanceof SchemaChange.DropExtension) {
            return extension(change);
        } else if (change instanceof CreateEnum c) {
            return createEnum(c.type());
        } else if (change instanceof AddEnumLabels c) {
            return unsupported(change);
        } else if (change instanceof DropEnum c) {
            return unsupported(change);
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    /** Row security and its policies: only where the vendor has them (PostgreSQL). */
    protected List<String> rowSecurity(SchemaChange change) {
        return unsupported(change);
    }

    /** A table's storage engine: only where the vendor has one per table. */
    protected List<String> changeEngine(SchemaChange.ChangeEngine change) {
        return unsupported(change);
    }

    /** An index the optimizer starts or stops using: only where the vendor can keep one it does not use. */
    protected List<String> changeIndexUse(SchemaChange.ChangeIndexUse change) {
        return unsupported(change);
    }

    /** A table's partitioning clause: only where the vendor keeps one per table (MySQL, MariaDB). */
    protected List<String> repartition(SchemaChange.Repartition change) {
        return unsupported(change);
    }

    /** A trigger disabled or enabled: only where the vendor can keep a trigger that does not fire (PostgreSQL). */
    protected List<String> triggerFiring(SchemaChange.ChangeTriggerFiring change) {
        return unsupported(change);
    }

    /** A table made to inherit from another, or no longer: only where the vendor has table inheritance (PostgreSQL). */
    protected List<String> inheritance(SchemaChange.ChangeInheritance change) {
        return unsupported(change);
    }

    /** What logical replication sends of a changed row: only where the vendor says (PostgreSQL). */
    protected List<String> replicaIdentity(SchemaChange.ChangeReplicaIdentity change) {
        return unsupported(change);
    }

    /** A table made unlogged or logged: only where the vendor has unlogged tables (PostgreSQL). */
    protected List<String> persistence(SchemaChange.ChangePersistence change) {
        return unsupported(change);
    }

    /** System versioning of a table: only where the vendor has it (MariaDB). */
    protected List<String> versioning(SchemaChange.ChangeVersioning change) {
        return unsupported(change);
    }

    /** Domains and composite types: only where the vendor has them (PostgreSQL). */
    protected List<String> userType(SchemaChange change) {
        return unsupported(change);
    }

    /** {@code COMMENT ON TABLE} or {@code COLUMN} ... {@code IS} the comment, or {@code NULL} to take it off. */
    protected String comment(SchemaChange.ChangeComment c) {
        return "COMMENT ON " + (c.column() == null ? "TABLE " + quote(c.table()) : "COLUMN " + quote(c.table()) + "." + quote(c.column()))
                + " IS " + (c.comment() == null ? "NULL" : literal(c.comment()));
    }

    /** An extension made or dropped: only where the vendor has them (PostgreSQL). */
    protected List<String> extension(SchemaChange change) {
        return unsupported(change);
    }

    protected List<String> createEnum(EnumType type) {
        return unsupported(new CreateEnum(type));
    }

    /** A step this vendor has no DDL for: fail loudly rather than write something that does not do it. */
    protected List<String> unsupported(SchemaChange change) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write: " + change.describe());
    }

    protected String requireName(String name, SchemaChange change) {
        if (name == null) {
            throw new UnsupportedOperationException("cannot write DDL for an unnamed object (" + change.describe()
                    + "): the database named it; drop it by its real name");
        }
        return name;
    }

    protected String alterTable(String table) {
        return "ALTER TABLE " + quote(table);
    }

    protected String createTable(Table t) {
        List<String> items = new ArrayList<>();
        for (Column c : t.columns()) {
            items.add(columnDefinition(c, t));
        }
        if (t.primaryKey() != null && !primaryKeyInline(t)) {
            items.add(primaryKey(t.primaryKey()));
        }
        for (Check c : t.checks()) {
            items.add(check(c));
        }
        items.addAll(extraTableItems(t));
        return createTableStart(t) + quote(t.name()) + " (\n  " + String.join(",\n  ", items) + "\n)" + tableOptions(t);
    }

    /** The words before the table's name: {@code CREATE TABLE }, and the vendor's kind of table where it has others. */
    protected String createTableStart(Table t) {
        return "CREATE TABLE ";
    }

    /** True when the primary key is written in a column definition (SQLite AUTOINCREMENT). */
    protected boolean primaryKeyInline(Table t) {
        return false;
    }

    protected List<String> extraTableItems(Table t) {
        return List.of();
    }

    protected String tableOptions(Table t) {
        return "";
    }

    protected String columnDefinition(Column c, Table t) {
        StringBuilder b = new StringBuilder(quote(c.name())).append(' ').append(type(c.type()));
        if (c.invisible()) {
            b.append(" INVISIBLE");
        }
        if (c.collation() != null) {
            b.append(" COLLATE ").append(collation(c.collation()));
        }
        if (c.generated() != null) {
            b.append(' ').append(generated(c.generated()));
        } else if (c.defaultValue() != null) {
            b.append(" DEFAULT ").append(defaultExpression(c.defaultValue()));
        }
        if (c.isIdentity()) {
            b.append(' ').append(identity(c, t));
        }
        if (!c.nullable()) {
            b.append(" NOT NULL");
        }
        return b.toString();
    }

    /** A column default as its {@code DEFAULT} clause takes it: as read from the catalog where that is valid there. */
    protected String defaultExpression(String value) {
        return value;
    }

    protected String collation(String name) {
        return quote(name);
    }

    protected String generated(Column.Generated g) {
        return "GENERATED ALWAYS AS (" + g.expression() + ")" + (g.stored() ? " STORED" : "");
    }

    protected String identity(Column c, Table t) {
        return "GENERATED " + c.identity().sql().toUpperCase(java.util.Locale.ROOT) + " AS IDENTITY"
                + (c.identityOptions() == null ? "" : " (" + identityOptions(c.identityOptions()) + ")");
    }

    /** {@link Column#identityOptions()} as SQL: {@code start 1000 increment 10} is {@code START WITH 1000 INCREMENT BY 10}. */
    protected static String identityOptions(String words) {
        return words.replace("start ", "START WITH ").replace("increment ", "INCREMENT BY ").replace("minvalue ", "MINVALUE ")
                .replace("maxvalue ", "MAXVALUE ").replace("cycle", "CYCLE");
    }

    protected String primaryKey(PrimaryKey pk) {
        return (pk.name() == null ? "" : "CONSTRAINT " + quote(pk.name()) + " ") + "PRIMARY KEY (" + columns(pk.columns()) + ")"
                + deferral(pk.options());
    }

    /** When a key or constraint is checked ({@link PrimaryKey#options()}, {@link Index#deferral()}) as SQL. */
    private static String deferral(String options) {
        return options == null ? "" : " " + options.toUpperCase(java.util.Locale.ROOT);
    }

    protected String dropPrimaryKey(String table, PrimaryKey pk) {
        return alterTable(table) + " DROP PRIMARY KEY";
    }

    protected String check(Check c) {
        return (c.name() == null ? "" : "CONSTRAINT " + quote(c.name()) + " ") + "CHECK (" + c.expression() + ")";
    }

    protected String dropCheck(DropCheck c) {
        return alterTable(c.table()) + " DROP CONSTRAINT " + quote(requireName(c.check().name(), c));
    }

    protected String foreignKey(ForeignKey fk) {
        return (fk.name() == null ? "" : "CONSTRAINT " + quote(fk.name()) + " ")
                + "FOREIGN KEY (" + columns(fk.columns()) + ") REFERENCES " + quote(fk.referencedTable())
                + " (" + columns(fk.referencedColumns()) + ")" + (fk.options() != null && fk.options().startsWith(MATCH_FULL)
                ? " MATCH FULL" : "") + " ON DELETE " + fk.onDelete() + " ON UPDATE " + fk.onUpdate() + foreignKeyOptions(fk);
    }

    private static final String MATCH_FULL = "match full";

    /**
     * {@link ForeignKey#options()} as SQL. A key whose checking is disabled has no DDL before PostgreSQL 18: refused,
     * rather than written as a key that checks.
     */
    protected String foreignKeyOptions(ForeignKey fk) {
        if (fk.options() == null) {
            return "";
        }
        if (fk.options().contains(ForeignKey.NOT_ENFORCED)) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write foreign key " + fk.name()
                    + " with its checking triggers disabled; make it, then ALTER TABLE ... DISABLE TRIGGER the ones it has");
        }
        String rest = fk.options().startsWith(MATCH_FULL) ? fk.options().substring(MATCH_FULL.length()).strip() : fk.options();
        return rest.isEmpty() ? "" : " " + rest.toUpperCase(java.util.Locale.ROOT);
    }

    protected String dropForeignKey(String table, ForeignKey fk) {
        return alterTable(table) + " DROP CONSTRAINT " + quote(requireName(fk.name(), new SchemaChange.DropForeignKey(table, fk, null)));
    }

    /** {@code DISABLE RULE}, {@code ENABLE REPLICA RULE} or {@code ENABLE ALWAYS RULE}: a rule made again fires as made first. */
    protected String ruleFiring(String table, Rule rule) {
        return alterTable(table) + (Trigger.DISABLED.equals(rule.firing()) ? " DISABLE"
                : " ENABLE " + rule.firing().toUpperCase(java.util.Locale.ROOT)) + " RULE " + quote(rule.name());
    }

    protected String indexName(String table, Index index) {
        return index.name() != null ? index.name()
                : table + "_" + String.join("_", index.columnNames()) + (index.unique() ? "_key" : "_idx");
    }

    protected String createIndex(String table, Index index) {
        if (index.constraintOnly()) {
            return alterTable(table) + " ADD CONSTRAINT " + quote(indexName(table, index)) + " " + constraint(index);
        }
        if (index.name() == null && index.unique() && index.predicate() == null && index.method() == null && index.options() == null
                && index.include().isEmpty() && index.parts().stream().allMatch(p -> p.column() != null && !p.descending()
                && p.prefixLength() == null && p.opclass() == null && p.collation() == null && p.nulls() == null)) {
            // a unique constraint the database named itself: let it name it again
            return alterTable(table) + " ADD UNIQUE (" + columns(index.columnNames()) + ")";
        }
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(indexName(table, index)) + " ON " + quote(table)
                + (index.method() == null ? "" : " USING " + index.method())
                + " (" + index.parts().stream().map(this::indexPart).collect(Collectors.joining(", ")) + ")"
                + include(index)
                + (index.nullsNotDistinct() ? " NULLS NOT DISTINCT" : "")
                + (index.predicate() == null ? "" : " WHERE " + index.predicate());
    }

    /**
     * What follows {@code ADD CONSTRAINT name} for an index only a constraint makes: an exclusion constraint (its parts
     * each with its operator, its {@code WHERE} in parentheses, as PostgreSQL takes it), or a deferrable unique one.
     */
    protected String constraint(Index index) {
        if (index.exclusion() == null) {
            return "UNIQUE" + (index.nullsNotDistinct() ? " NULLS NOT DISTINCT" : "") + " (" + columns(index.columnNames()) + ")"
                    + include(index) + deferral(index.deferral());
        }
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < index.parts().size(); i++) {
            elements.add(indexPart(index.parts().get(i)) + " WITH " + index.exclusion().get(i));
        }
        return "EXCLUDE" + (index.method() == null ? "" : " USING " + index.method()) + " (" + String.join(", ", elements) + ")"
                + include(index)
                + (index.predicate() == null ? "" : " WHERE (" + index.predicate() + ")") + deferral(index.deferral());
    }

    /** {@code INCLUDE (a, b)}, or nothing. */
    private String include(Index index) {
        return index.include().isEmpty() ? "" : " INCLUDE (" + columns(index.include()) + ")";
    }

    protected String indexPart(Index.Part p) {
        return (p.column() != null ? quote(p.column()) : "(" + p.expression() + ")")
                + (p.prefixLength() != null ? "(" + p.prefixLength() + ")" : "")
                + (p.collation() != null ? " COLLATE " + collation(p.collation()) : "")
                + (p.opclass() != null ? " " + p.opclass() : "")
                + (p.descending() ? " DESC" : "")
                + (p.nulls() != null ? " NULLS " + p.nulls().toUpperCase(java.util.Locale.ROOT) : "");
    }

    /**
     * A unique index may stand as a unique constraint ({@link #createIndex} writes an unnamed one as
     * {@code ADD UNIQUE}), which only dropping the constraint removes; the index left otherwise goes next.
     */
    protected List<String> dropIndex(String table, Index index) {
        String name = quote(indexName(table, index));
        if (index.constraintOnly()) {
            return List.of(alterTable(table) + " DROP CONSTRAINT " + name);
        }
        return index.unique()
                ? List.of(alterTable(table) + " DROP CONSTRAINT IF EXISTS " + name, "DROP INDEX IF EXISTS " + name)
                : List.of("DROP INDEX " + name);
    }

    protected abstract List<String> alterColumn(AlterColumn change);

    /** The SQL standard's and every supported vendor's spelling (MariaDB 10.5+, SQLite 3.25+, H2 2.x). */
    protected String renameColumn(String table, String from, String to) {
        return alterTable(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
    }

    protected String createView(View v) {
        return "CREATE " + (v.materialized() ? "MATERIALIZED " : "") + "VIEW " + quote(v.name()) + " AS\n" + v.definition();
    }

    protected String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + quote(s.name()) + sequenceOptions(s, true);
    }

    protected String alterSequence(Sequence s) {
        return "ALTER SEQUENCE " + quote(s.name()) + sequenceOptions(s, false);
    }

    protected String sequenceOptions(Sequence s, boolean create) {
        return (create && s.type() != null ? " AS " + type(s.type()) : "")
                + (create ? " START WITH " : " RESTART WITH ") + s.start()
                + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    protected String dropRoutine(Routine r) {
        return "DROP " + r.kind().toUpperCase(java.util.Locale.ROOT) + " " + quote(r.name());
    }

    protected String columns(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    @Override
    public String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof JdbcSchemaDump.ArrayValue array) {
            return array(array);
        }
        return text(value.toString());
    }

    /** An array as the driver's text (the elements where there is none: a nested array), which the database parses back. */
    protected String array(JdbcSchemaDump.ArrayValue array) {
        return array.text() != null ? text(array.text())
                : "ARRAY[" + array.elements().stream().map(this::literal).collect(Collectors.joining(", ")) + "]";
    }

    /**
     * A string literal. Line breaks are spliced in with {@code CHAR(10)}/{@code CHAR(13)} so no line
     * of a dump is ever just a statement delimiter inside a value.
     */
    protected String text(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder b = new StringBuilder("('");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\n' || ch == '\r') {
                b.append("' || CHAR(").append((int) ch).append(") || '");
            } else if (ch == '\'') {
                b.append("''");
            } else {
                b.append(ch);
            }
        }
        return b.append("')").toString();
    }
}
