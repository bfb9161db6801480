package dev.dbshift.db.postgres;

import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.Domain;
import dev.dbshift.schema.EnumType;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.View;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.StandardDdlWriter;
import dev.dbshift.schema.Table;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL DDL. Unique indexes are dropped as constraint then index, both {@code IF EXISTS},
 * because the model does not tell a UNIQUE constraint from a unique index and PostgreSQL refuses
 * {@code DROP INDEX} on a constraint's index. Sequences are dropped {@code IF EXISTS}: a serial's
 * sequence goes with its table.
 */
public final class PostgresDdlWriter extends StandardDdlWriter {
    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('([^']+)'::regclass\\)$");

    public PostgresDdlWriter() {
    }

    @Override
    protected String type(String canonical) {
        if (canonical.equals("double")) {
            return "double precision";
        }
        if (canonical.equals("blob")) {
            return "bytea";
        }
        return canonical;
    }

    @Override
    public List<String> write(SchemaChange change) {
        if (change instanceof SchemaChange.AddEnumLabels c) {
            List<String> out = new ArrayList<>();
            for (String label : c.to().labels().subList(c.from().labels().size(), c.to().labels().size())) {
                out.add("ALTER TYPE " + quote(c.to().name()) + " ADD VALUE " + literal(label));
            }
            return out;
        } else if (change instanceof SchemaChange.DropEnum c) {
            return List.of("DROP TYPE " + quote(c.type().name()));
        } else if (change instanceof SchemaChange.DropSequence c) {
            return List.of("DROP SEQUENCE IF EXISTS " + quote(c.sequence().name()));
        } else if (change instanceof SchemaChange.CreateTable c) {
            // a column defaulting to a sequence's nextval is a serial: the sequence belongs to it (pg_dump does the same)
            List<String> out = new ArrayList<>(super.write(change));
            for (Column column : c.definition().columns()) {
                Matcher m = column.defaultValue() == null ? null : NEXTVAL.matcher(column.defaultValue());
                if (m != null && m.matches()) {
                    out.add("ALTER SEQUENCE " + m.group(1) + " OWNED BY " + quote(c.table()) + "." + quote(column.name()));
                }
            }
            return out;
        } else if (change instanceof SchemaChange.ReplaceRoutine c && c.to().definition().startsWith("CREATE OR REPLACE ")) {
            // pg_get_functiondef writes CREATE OR REPLACE: the function keeps its identity, triggers and views keep working
            return List.of(c.to().definition());
        } else if (change instanceof SchemaChange.DropTrigger c) {
            return List.of("DROP TRIGGER " + quote(c.trigger().name()) + " ON " + quote(c.trigger().table()));
        }
        return super.write(change);
    }

    /**
     * New indexes with {@code CREATE INDEX CONCURRENTLY}, dropped ones with {@code DROP INDEX CONCURRENTLY}
     * (an index built so is an index, never a constraint), so writers to the table are not blocked. An exclusion or
     * deferrable unique constraint has no concurrent form: it is added and dropped as a constraint.
     */
    @Override
    public List<String> writeConcurrently(SchemaDiff diff) {
        List<String> out = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            if (change instanceof SchemaChange.AddIndex c && c.index().constraintOnly()
                    || change instanceof SchemaChange.DropIndex d && d.index().constraintOnly()) {
                out.addAll(write(change));
            } else if (change instanceof SchemaChange.AddIndex c && c.index().name() != null) {
                String sql = createIndex(c.table(), c.index());
                int at = sql.indexOf("INDEX ") + "INDEX ".length();
                out.add(sql.substring(0, at) + "CONCURRENTLY " + sql.substring(at));
            } else if (change instanceof SchemaChange.DropIndex c) {
                out.add("DROP INDEX CONCURRENTLY IF EXISTS " + quote(indexName(c.table(), c.index())));
            } else {
                out.addAll(write(change));
            }
        }
        return out;
    }

    /** A view's {@link View#options()} as the {@code WITH (...)} PostgreSQL takes them. */
    @Override
    protected String createView(View v) {
        if (v.options() == null) {
            return super.createView(v);
        }
        List<String> with = new ArrayList<>();
        if (v.checkOption() != null) {
            with.add("check_option=" + v.checkOption());
        }
        if (v.has(View.SECURITY_BARRIER)) {
            with.add("security_barrier=true");
        }
        if (v.has(View.SECURITY_INVOKER)) {
            with.add("security_invoker=true");
        }
        return "CREATE VIEW " + quote(v.name()) + " WITH (" + String.join(", ", with) + ") AS\n" + v.definition();
    }

    /** A partition is made from its parent: no column list, the parent's keys and indexes come with it. */
    @Override
    protected String createTable(Table t) {
        Table.Partitioning p = t.partitioning();
        if (p != null && p.parent() != null) {
            return createTableStart(t) + quote(t.name()) + " PARTITION OF " + quote(p.parent()) + " " + p.bound()
                    + (p.by() == null ? "" : " PARTITION BY " + p.by());
        }
        return super.createTable(t);
    }

    @Override
    protected String createTableStart(Table t) {
        return Table.UNLOGGED.equals(t.persistence()) ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ";
    }

    /** {@code DISABLE TRIGGER}, {@code ENABLE [REPLICA | ALWAYS] TRIGGER}. */
    @Override
    protected List<String> triggerFiring(dev.dbshift.schema.SchemaChange.ChangeTriggerFiring change) {
        String how = change.to() == null ? " ENABLE" : dev.dbshift.schema.Trigger.DISABLED.equals(change.to()) ? " DISABLE"
                : " ENABLE " + change.to().toUpperCase(java.util.Locale.ROOT);
        return List.of(alterTable(change.table()) + how + " TRIGGER " + quote(change.trigger()));
    }

    /** {@code INHERIT} / {@code NO INHERIT}: the child keeps its columns and constraints either way. */
    @Override
    protected List<String> inheritance(dev.dbshift.schema.SchemaChange.ChangeInheritance change) {
        return List.of(alterTable(change.table()) + (change.on() ? " INHERIT " : " NO INHERIT ") + parent(change.parent()));
    }

    /** {@code REPLICA IDENTITY FULL}, {@code NOTHING}, {@code USING INDEX}, or {@code DEFAULT} (the primary key). */
    @Override
    protected List<String> replicaIdentity(dev.dbshift.schema.SchemaChange.ChangeReplicaIdentity change) {
        String to = change.to();
        return List.of(alterTable(change.table()) + " REPLICA IDENTITY " + (to == null ? "DEFAULT"
                : to.startsWith("index ") ? "USING INDEX " + quote(to.substring("index ".length())) : to.toUpperCase(java.util.Locale.ROOT)));
    }

    /** {@code SET UNLOGGED} / {@code SET LOGGED}: each rewrites the table. */
    @Override
    protected List<String> persistence(dev.dbshift.schema.SchemaChange.ChangePersistence change) {
        return List.of(alterTable(change.table()) + (Table.UNLOGGED.equals(change.to()) ? " SET UNLOGGED" : " SET LOGGED"));
    }

    /**
     * {@code CREATE EXTENSION IF NOT EXISTS}, in the session's first schema (the target's), at the version the server
     * installs by default; {@code DROP EXTENSION} once nothing of the schema uses it.
     */
    @Override
    protected List<String> extension(SchemaChange change) {
        return change instanceof SchemaChange.CreateExtension c ? List.of("CREATE EXTENSION IF NOT EXISTS " + quote(c.name()))
                : List.of("DROP EXTENSION " + quote(((SchemaChange.DropExtension) change).name()));
    }

    /**
     * {@code CREATE DOMAIN} with every clause, {@code ALTER DOMAIN} for a default, NOT NULL or a check (a changed check
     * is dropped and added again, so it is checked against the rows there), {@code CREATE TYPE ... AS (...)} and
     * {@code ALTER TYPE} for a composite type's attributes. A domain's base type or collation, and the order of a
     * composite type's attributes, cannot change in place: that fails here rather than write a drop that takes every
     * column of the type with it.
     */
    @Override
    protected List<String> userType(SchemaChange change) {
        if (change instanceof SchemaChange.CreateDomain c) {
            Domain d = c.domain();
            StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(quote(d.name())).append(" AS ").append(type(d.type()));
            if (d.collation() != null) {
                b.append(" COLLATE ").append(quote(d.collation()));
            }
            if (d.defaultValue() != null) {
                b.append(" DEFAULT ").append(d.defaultValue());
            }
            if (!d.nullable()) {
                b.append(" NOT NULL");
            }
            for (Check check : d.checks()) {
                b.append(' ').append(check(check));
            }
            return List.of(b.toString());
        } else if (change instanceof SchemaChange.AlterDomain c) {
            Domain from = c.from();
            Domain to = c.to();
            if (!from.type().equals(to.type()) || !Objects.equals(from.collation(), to.collation())) {
                return unsupported(change);
            }
            String alter = "ALTER DOMAIN " + quote(to.name());
            List<String> out = new ArrayList<>();
            for (Check check : from.checks()) {
                if (!to.checks().contains(check)) {
                    out.add(alter + " DROP CONSTRAINT " + quote(check.name()));
                }
            }
            if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
                out.add(alter + (to.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + to.defaultValue()));
            }
            if (from.nullable() != to.nullable()) {
                out.add(alter + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
            }
            for (Check check : to.checks()) {
                if (!from.checks().contains(check)) {
                    out.add(alter + " ADD " + check(check));
                }
            }
            return out;
        } else if (change instanceof SchemaChange.DropDomain c) {
            return List.of("DROP DOMAIN " + quote(c.domain().name()));
        } else if (change instanceof SchemaChange.CreateCompositeType c) {
            return List.of("CREATE TYPE " + quote(c.type().name()) + " AS (" + c.type().attributes().stream()
                    .map(this::attribute).collect(Collectors.joining(", ")) + ")");
        } else if (change instanceof SchemaChange.AlterCompositeType c) {
            return alterComposite(c);
        } else if (change instanceof SchemaChange.DropCompositeType c) {
            return List.of("DROP TYPE " + quote(c.type().name()));
        }
        return unsupported(change);
    }

    private String attribute(Column a) {
        return quote(a.name()) + " " + type(a.type()) + (a.collation() == null ? "" : " COLLATE " + quote(a.collation()));
    }

    /** Attributes dropped, given another type, then added at the end: the order the rest keep must be the one wanted. */
    private List<String> alterComposite(SchemaChange.AlterCompositeType c) {
        List<String> kept = c.from().attributes().stream().map(Column::name).filter(n -> c.to().attribute(n).isPresent()).toList();
        List<String> wanted = c.to().attributes().stream().map(Column::name).filter(kept::contains).toList();
        if (!kept.equals(wanted) || !c.to().attributes().subList(0, kept.size()).stream().map(Column::name).toList().equals(kept)) {
            return unsupported(c);
        }
        String alter = "ALTER TYPE " + quote(c.to().name());
        List<String> out = new ArrayList<>();
        for (Column a : c.from().attributes()) {
            if (!kept.contains(a.name())) {
                out.add(alter + " DROP ATTRIBUTE " + quote(a.name()));
            }
        }
        for (Column a : c.to().attributes()) {
            Column old = c.from().attribute(a.name()).orElse(null);
            if (old == null) {
                out.add(alter + " ADD ATTRIBUTE " + attribute(a));
            } else if (!old.equals(a)) {
                out.add(alter + " ALTER ATTRIBUTE " + quote(a.name()) + " TYPE " + type(a.type())
                        + (a.collation() == null ? "" : " COLLATE " + quote(a.collation())));
            }
        }
        return out;
    }

    /**
     * {@code ENABLE}/{@code DISABLE} and {@code FORCE}/{@code NO FORCE ROW LEVEL SECURITY} as the target state says;
     * {@code CREATE POLICY} with every clause written out (the defaults too), {@code DROP POLICY}.
     */
    @Override
    protected List<String> rowSecurity(dev.dbshift.schema.SchemaChange change) {
        if (change instanceof dev.dbshift.schema.SchemaChange.ChangeRowSecurity c) {
            String to = c.to() == null ? "" : c.to();
            String table = "ALTER TABLE " + quote(c.table());
            return List.of(table + (to.contains("enabled") ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY",
                    table + (to.contains("forced") ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }
        if (change instanceof dev.dbshift.schema.SchemaChange.AddPolicy a) {
            return List.of(PostgresPolicies.create(a.policy(), quote(a.table()), this::quote));
        }
        dev.dbshift.schema.SchemaChange.DropPolicy d = (dev.dbshift.schema.SchemaChange.DropPolicy) change;
        return List.of("DROP POLICY " + quote(d.policy().name()) + " ON " + quote(d.table()));
    }

    /**
     * {@code INHERITS}: a child made with its parents gets their checks, which the model keeps on the parent alone (a
     * child made first and linked after was refused: "child table is missing constraint"); {@code PARTITION BY}.
     */
    @Override
    protected String tableOptions(Table t) {
        String inherits = t.inherits().isEmpty() ? "" : " INHERITS (" + String.join(", ", t.inherits().stream()
                .map(this::parent).toList()) + ")";
        return inherits + (t.partitioning() != null && t.partitioning().by() != null ? " PARTITION BY " + t.partitioning().by() : "");
    }

    /** A parent as {@link Table#inherits()} names it: another schema's is SQL already. */
    private String parent(String name) {
        return name.startsWith("\"") ? name : quote(name);
    }

    @Override
    protected List<String> createEnum(EnumType type) {
        return List.of("CREATE TYPE " + quote(type.name()) + " AS ENUM ("
                + type.labels().stream().map(this::literal).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    protected String generated(Column.Generated g) {
        return "GENERATED ALWAYS AS (" + g.expression() + ") STORED";
    }

    @Override
    protected String dropPrimaryKey(String table, PrimaryKey pk) {
        return alterTable(table) + " DROP CONSTRAINT " + quote(pk.name() == null ? table + "_pkey" : pk.name());
    }

    @Override
    protected List<String> alterColumn(AlterColumn c) {
        Column from = c.from();
        Column to = c.to();
        String column = alterTable(c.table()) + " ALTER COLUMN " + quote(to.name());
        List<String> out = new ArrayList<>();
        if (!Objects.equals(from.generated(), to.generated())) {
            if (from.generated() != null && to.generated() == null) {
                out.add(column + " DROP EXPRESSION");
            } else {
                out.add(alterTable(c.table()) + " DROP COLUMN " + quote(to.name()));
                out.add(alterTable(c.table()) + " ADD COLUMN " + columnDefinition(to, c.after()));
                return out;
            }
        }
        if (from.isIdentity() && !to.isIdentity()) {
            out.add(column + " DROP IDENTITY");
        } else if (from.isIdentity() && to.isIdentity() && from.identity() != to.identity()) {
            out.add(column + " SET GENERATED " + to.identity().sql().toUpperCase(java.util.Locale.ROOT));
        }
        if (from.isIdentity() && to.isIdentity() && !Objects.equals(from.identityOptions(), to.identityOptions())) {
            out.add(column + " " + IdentityRange.set(to.type(), to.identityOptions()));
        }
        if (!from.type().equals(to.type()) || !Objects.equals(from.collation(), to.collation())) {
            if (from.defaultValue() != null) {
                out.add(column + " DROP DEFAULT");
            }
            out.add(column + " TYPE " + type(to.type())
                    + (to.collation() == null ? "" : " COLLATE " + quote(to.collation()))
                    + " USING " + quote(to.name()) + "::" + type(to.type()));
            if (to.defaultValue() != null) {
                out.add(column + " SET DEFAULT " + to.defaultValue());
            }
        } else if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            out.add(to.defaultValue() == null ? column + " DROP DEFAULT" : column + " SET DEFAULT " + to.defaultValue());
        }
        if (from.nullable() != to.nullable()) {
            out.add(column + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (!from.isIdentity() && to.isIdentity()) {
            out.add(column + " ADD " + identity(to, c.after()));
        }
        return out;
    }

    @Override
    protected String dropRoutine(Routine r) {
        int paren = r.name().indexOf('(');
        String name = paren < 0 ? quote(r.name()) : quote(r.name().substring(0, paren)) + r.name().substring(paren);
        return "DROP " + r.kind().toUpperCase(java.util.Locale.ROOT) + " " + name;
    }

    @Override
    public String literal(Object value) {
        if (value instanceof byte[] bytes) {
            return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
        }
        return super.literal(value);
    }

    /** Line breaks as E'' escapes: PostgreSQL's CHAR is a type, not a function. */
    @Override
    protected String text(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return super.text(value);
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    @Override
    public List<String> continueIdentity(Table table, Column column, long next) {
        if (column.isIdentity()) {
            return List.of(alterTable(table.name()) + " ALTER COLUMN " + quote(column.name()) + " RESTART WITH " + next);
        }
        Matcher m = column.defaultValue() == null ? null : NEXTVAL.matcher(column.defaultValue());
        if (m != null && m.matches()) {
            return List.of("SELECT setval(" + literal(m.group(1)) + ", " + next + ", false)");
        }
        return List.of();
    }

    /** Rows of a dump keep their values even in GENERATED ALWAYS identity columns. */
    @Override
    public String insertInto(Table table, List<String> columns) {
        boolean always = table.columns().stream().anyMatch(c -> c.identity() == Column.Identity.ALWAYS && columns.contains(c.name()));
        return super.insertInto(table, columns) + (always ? " OVERRIDING SYSTEM VALUE" : "");
    }
}
