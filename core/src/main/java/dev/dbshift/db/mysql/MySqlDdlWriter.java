package dev.dbshift.db.mysql;

import dev.dbshift.schema.Check;
import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.PrimaryKey;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.Sequence;
import dev.dbshift.schema.StandardDdlWriter;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL DDL. A column changes with {@code MODIFY COLUMN} and its whole new definition,
 * the only form both servers take for every attribute. The table's default collation is written
 * with it, so a dump restores on a server with another default.
 */
public final class MySqlDdlWriter extends StandardDdlWriter {

    public MySqlDdlWriter() {
    }

    /**
     * The prefix that lets one statement alter a MariaDB system-versioned table: without it MariaDB refuses a change to
     * such a table's columns (error 4119); with it the history rows are kept and altered with the table, and nothing
     * after the statement in the session runs so ({@code SET SESSION} would have changed the rest of a migration).
     */
    static final String KEEP_HISTORY = "SET STATEMENT system_versioning_alter_history = KEEP FOR ";

    /**
     * Each {@code ALTER TABLE}, and each index made or dropped, of a table that is system-versioned when it runs
     * (versioned in the diff's first model, or made so by an earlier step) takes {@link #KEEP_HISTORY}: MariaDB refuses
     * a unique index made or dropped on such a table without it as it does an {@code ALTER TABLE} (error 4119), so a
     * baseline or the dump of one failed there.
     */
    @Override
    public List<String> write(SchemaDiff diff) {
        Set<String> versioned = new HashSet<>();
        for (Table t : diff.from().tables()) {
            if (t.systemVersioned()) {
                versioned.add(t.name());
            }
        }
        List<String> out = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            String alter = change instanceof SchemaChange.OnTable o && versioned.contains(o.table()) ? alterTable(o.table()) : null;
            boolean index = change instanceof SchemaChange.AddIndex || change instanceof SchemaChange.DropIndex;
            for (String sql : write(change)) {
                out.add(alter != null && (index || sql.startsWith(alter)) ? KEEP_HISTORY + sql : sql);
            }
            if (change instanceof SchemaChange.CreateTable c && c.definition().systemVersioned()) {
                versioned.add(c.table());
            } else if (change instanceof SchemaChange.DropTable d) {
                versioned.remove(d.table());
            } else if (change instanceof SchemaChange.ChangeVersioning v) {
                if (v.on()) {
                    versioned.add(v.table());
                } else {
                    versioned.remove(v.table());
                }
            }
        }
        return out;
    }

    @Override
    public String quote(String identifier) {
        return MySqlIdentifiers.quote(identifier);
    }

    @Override
    protected String type(String canonical) {
        String t = canonical;
        if (t.equals("boolean")) {
            return "tinyint(1)";
        }
        if (t.startsWith("integer")) {
            return "int" + t.substring("integer".length());
        }
        if (t.startsWith("numeric")) {
            return "decimal" + t.substring("numeric".length());
        }
        if (t.equals("real")) {
            return "float";
        }
        if (t.startsWith("timestamptz")) {
            return "timestamp" + t.substring("timestamptz".length());
        }
        if (t.startsWith("timestamp")) {
            return "datetime" + t.substring("timestamp".length());
        }
        return t;
    }

    @Override
    protected String columnDefinition(Column c, Table t) {
        StringBuilder b = new StringBuilder(quote(c.name())).append(' ').append(type(c.type()));
        if (c.collation() != null) {
            b.append(" COLLATE ").append(c.collation());
        }
        if (c.periodOfRow()) {
            b.append(" GENERATED ALWAYS AS ").append(c.generated().expression());
        } else if (c.generated() != null) {
            b.append(" AS (").append(c.generated().expression()).append(c.generated().stored() ? ") STORED" : ") VIRTUAL");
        } else {
            b.append(c.nullable() ? " NULL" : " NOT NULL");
            if (c.defaultValue() != null) {
                b.append(" DEFAULT ").append(c.defaultValue());
            }
            if (c.isIdentity()) {
                b.append(" AUTO_INCREMENT");
            }
        }
        if (c.invisible()) {
            b.append(" INVISIBLE");
        }
        if (c.unversioned()) {
            b.append(" WITHOUT SYSTEM VERSIONING");
        }
        return b.toString();
    }

    /** MariaDB spells it NOCYCLE. */
    @Override
    protected String sequenceOptions(Sequence s, boolean create) {
        String options = super.sequenceOptions(s, create);
        return options.endsWith(" NO CYCLE") ? options.substring(0, options.length() - " NO CYCLE".length()) + " NOCYCLE" : options;
    }

    @Override
    protected String tableOptions(Table t) {
        return (t.engine() == null ? "" : " ENGINE=" + t.engine()) + (t.collation() == null ? "" : " DEFAULT COLLATE=" + t.collation())
                + (t.systemVersioned() ? " WITH SYSTEM VERSIONING" : "") + (t.partitionLayout() == null ? "" : "\n" + t.partitionLayout());
    }

    /** The period of a system-versioned table's row versions, where it names its columns. */
    @Override
    protected List<String> extraTableItems(Table t) {
        List<Column> period = t.columns().stream().filter(Column::periodOfRow).toList();
        return period.size() == 2 ? List.of(period(period)) : List.of();
    }

    private String period(List<Column> startAndEnd) {
        Column start = startAndEnd.get(0).generated().expression().equals(Column.ROW_START) ? startAndEnd.get(0) : startAndEnd.get(1);
        Column end = start == startAndEnd.get(0) ? startAndEnd.get(1) : startAndEnd.get(0);
        return "PERIOD FOR SYSTEM_TIME (" + quote(start.name()) + ", " + quote(end.name()) + ")";
    }

    /**
     * A view's {@link View#algorithm()} and {@link View#options()} as MySQL and MariaDB write them: {@code ALGORITHM=...},
     * {@code SQL SECURITY INVOKER}, {@code WITH ... CHECK OPTION}.
     */
    @Override
    protected String createView(View v) {
        if (v.options() == null && v.algorithm() == null) {
            return super.createView(v);
        }
        return "CREATE " + (v.algorithm() == null ? "" : "ALGORITHM=" + v.algorithm().toUpperCase(Locale.ROOT) + " ")
                + (v.has(View.SECURITY_INVOKER) ? "SQL SECURITY INVOKER " : "") + "VIEW " + quote(v.name()) + " AS\n"
                + v.definition() + (v.checkOption() == null ? "" : "\nWITH " + v.checkOption().toUpperCase(Locale.ROOT) + " CHECK OPTION");
    }

    /**
     * {@code ADD}/{@code DROP SYSTEM VERSIONING}, with the period's columns where the table names them; MariaDB takes
     * them off only with {@code system_versioning_alter_history} at {@code KEEP}, which the statement sets for itself.
     */
    @Override
    protected List<String> versioning(dev.dbshift.schema.SchemaChange.ChangeVersioning change) {
        List<Column> period = change.period();
        if (change.on()) {
            StringBuilder b = new StringBuilder(alterTable(change.table()));
            for (Column c : period) {
                b.append(" ADD COLUMN ").append(columnDefinition(c, null)).append(',');
            }
            if (period.size() == 2) {
                b.append(" ADD ").append(period(period)).append(',');
            }
            return List.of(b.append(" ADD SYSTEM VERSIONING").toString());
        }
        if (period.isEmpty()) {
            return List.of(alterTable(change.table()) + " DROP SYSTEM VERSIONING");
        }
        return List.of(KEEP_HISTORY + alterTable(change.table()) + " DROP SYSTEM VERSIONING"
                + period.stream().map(c -> ", DROP COLUMN " + quote(c.name())).collect(Collectors.joining()));
    }

    /** {@code ALTER TABLE ... PARTITION BY} the whole clause, or {@code REMOVE PARTITIONING}: each copies the rows, none is lost. */
    @Override
    protected List<String> repartition(dev.dbshift.schema.SchemaChange.Repartition change) {
        return List.of(alterTable(change.table()) + (change.to() == null ? " REMOVE PARTITIONING" : "\n" + change.to()));
    }

    /** {@code ALTER TABLE ... ENGINE=}: the model's null is InnoDB, the default. */
    @Override
    protected List<String> changeEngine(dev.dbshift.schema.SchemaChange.ChangeEngine change) {
        return List.of("ALTER TABLE " + quote(change.table()) + " ENGINE=" + (change.to() == null ? "InnoDB" : change.to()));
    }

    @Override
    protected String primaryKey(PrimaryKey pk) {
        return "PRIMARY KEY (" + (pk.period() == null ? columns(pk.columns())
                : withoutOverlaps(pk.columns().stream().map(this::quote).collect(Collectors.toList()), pk.period())) + ")";
    }

    /**
     * A key's parts {@code WITHOUT OVERLAPS} of a period ({@link Index#period()}): read with the period's two columns
     * last, where the statement names the period.
     */
    private String withoutOverlaps(List<String> parts, String period) {
        List<String> out = new ArrayList<>(parts.subList(0, Math.max(0, parts.size() - 2)));
        out.add(quote(period) + " WITHOUT OVERLAPS");
        return String.join(", ", out);
    }

    @Override
    protected String createIndex(String table, Index index) {
        String kind = index.method() == null || index.method().equals("hash") ? (index.unique() ? "UNIQUE " : "")
                : index.method().toUpperCase(Locale.ROOT) + " ";
        // MariaDB reads a spatial key's part back as a 32-byte prefix (STATISTICS.SUB_PART), which it refuses to make
        java.util.function.Function<Index.Part, String> part = "spatial".equals(index.method())
                ? p -> indexPart(new Index.Part(p.column(), p.expression(), p.descending(), null)) : this::indexPart;
        List<String> parts = index.parts().stream().map(part).collect(Collectors.toList());
        return "CREATE " + kind + "INDEX " + quote(indexName(table, index)) + " ON " + quote(table)
                + " (" + (index.period() == null ? String.join(", ", parts) : withoutOverlaps(parts, index.period())) + ")"
                + ("hash".equals(index.method()) ? " USING HASH" : "") + (index.ignored() ? " " + IGNORED : "");
    }

    /** A MariaDB application-time period ({@link Check#period()}): {@code PERIOD FOR p (s, e)} from its check {@code `s` < `e`}. */
    @Override
    protected String check(Check c) {
        java.util.regex.Matcher period = c.period() ? PERIOD_COLUMNS.matcher(c.expression()) : null;
        if (period == null || !period.matches()) {
            return super.check(c);
        }
        return "PERIOD FOR " + quote(c.name()) + " (" + period.group(1) + ", " + period.group(2) + ")";
    }

    private static final java.util.regex.Pattern PERIOD_COLUMNS = java.util.regex.Pattern.compile("(" + MySqlIdentifiers.QUOTED
            + ") < (" + MySqlIdentifiers.QUOTED + ")");

    /**
     * A table's {@code COMMENT =} (empty to take it off), or the column's whole definition again with its {@code COMMENT}:
     * MySQL sets a column's comment no other way.
     */
    @Override
    protected String comment(SchemaChange.ChangeComment c) {
        String text = literal(c.comment() == null ? "" : c.comment());
        return c.column() == null ? alterTable(c.table()) + " COMMENT = " + text
                : alterTable(c.table()) + " MODIFY COLUMN " + columnDefinition(c.definition(), (Table) null) + " COMMENT " + text;
    }

    @Override
    protected String dropCheck(SchemaChange.DropCheck c) {
        return c.check().period() ? alterTable(c.table()) + " DROP PERIOD FOR " + quote(c.check().name()) : super.dropCheck(c);
    }

    /**
     * MariaDB's word (10.6+) for an index the optimizer does not use; MySQL 8 says {@code INVISIBLE}, which MariaDB
     * refuses, and no executable comment reads as one word on both (MariaDB runs MySQL's {@code /*!80000}).
     */
    private static final String IGNORED = "IGNORED";

    @Override
    protected List<String> changeIndexUse(dev.dbshift.schema.SchemaChange.ChangeIndexUse change) {
        return List.of(alterTable(change.table()) + " ALTER INDEX " + quote(requireName(change.index().name(), change))
                + (change.index().ignored() ? " " : " NOT ") + IGNORED);
    }

    @Override
    protected List<String> dropIndex(String table, Index index) {
        return List.of("DROP INDEX " + quote(indexName(table, index)) + " ON " + quote(table));
    }

    @Override
    protected String dropForeignKey(String table, ForeignKey fk) {
        return alterTable(table) + " DROP FOREIGN KEY " + quote(fk.name());
    }

    @Override
    protected List<String> alterColumn(AlterColumn c) {
        return List.of(alterTable(c.table()) + " MODIFY COLUMN " + columnDefinition(c.to(), c.after()));
    }

    @Override
    protected String dropRoutine(Routine r) {
        return "DROP " + r.kind().toUpperCase(Locale.ROOT) + " " + quote(r.name());
    }

    /** Statements with a semicolon inside (compound trigger and routine bodies) go between {@code DELIMITER $$} lines. */
    @Override
    public String script(List<String> statements) {
        StringBuilder b = new StringBuilder();
        for (String s : statements) {
            if (s.contains(";")) {
                b.append("DELIMITER $$\n").append(s).append("\n$$\nDELIMITER ;\n\n");
            } else {
                b.append(s).append("\n;\n\n");
            }
        }
        return b.toString();
    }

    @Override
    public String literal(Object value) {
        if (value instanceof String || value instanceof java.sql.Timestamp || value instanceof java.time.temporal.Temporal
                || value instanceof java.util.Date) {
            // backslash escapes are on by default in MySQL and MariaDB; || is OR there
            return "'" + value.toString().replace("\\", "\\\\").replace("'", "''").replace("\n", "\\n").replace("\r", "\\r") + "'";
        }
        return super.literal(value);
    }
}
