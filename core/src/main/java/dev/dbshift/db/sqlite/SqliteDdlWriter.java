package dev.dbshift.db.sqlite;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.ForeignKey;
import dev.dbshift.schema.Index;
import dev.dbshift.schema.SchemaChange;
import dev.dbshift.schema.SchemaChange.AddColumn;
import dev.dbshift.schema.SchemaChange.AddForeignKey;
import dev.dbshift.schema.SchemaChange.AddIndex;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.SchemaChange.CreateTable;
import dev.dbshift.schema.SchemaChange.CreateTrigger;
import dev.dbshift.schema.SchemaChange.CreateView;
import dev.dbshift.schema.SchemaChange.DropIndex;
import dev.dbshift.schema.SchemaChange.DropTable;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.StandardDdlWriter;
import dev.dbshift.schema.Table;
import dev.dbshift.schema.Trigger;
import dev.dbshift.schema.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SQLite DDL. SQLite's ALTER TABLE only adds, drops and renames columns, so every other change to
 * a table (a column's type, keys, checks, unnamed unique constraints) rebuilds it the way the
 * SQLite documentation describes: create the new table under a temporary name, copy the rows,
 * drop the old one, rename, recreate its indexes and triggers. Views are dropped around rebuilds
 * because a rename checks every view. Foreign keys and unnamed unique constraints live inside
 * CREATE TABLE.
 *
 * <p>A rebuild drops the old table, and with foreign keys on SQLite's {@code DROP TABLE} first deletes its rows, firing
 * the {@code ON DELETE} actions of the tables that reference it (measured: a {@code CASCADE} emptied the referencing
 * table). So statements with a rebuild come in the documented form: {@code PRAGMA foreign_keys = OFF}, which takes
 * effect only outside a transaction, then the whole change in its own {@code BEGIN ... COMMIT}. Foreign keys are not
 * turned on again after: whoever runs the script decides that (dbshift sets its session back after each migration);
 * a trailing {@code ON} would make the next script of a shell session that had them off cascade its own drops.
 * {@link #forSession} leaves the frame out for a connection whose foreign keys are off. Before the frame's
 * {@code COMMIT}, step 10 of the procedure: {@code PRAGMA foreign_key_check} of the tables the rebuild may have broken
 * keys of ({@link #checked}); dbshift fails a migration whose check finds rows (SqliteDatabase#execute), inside the
 * frame's transaction, so a key added over rows that break it fails as PostgreSQL's and MariaDB's ALTER TABLE do.
 */
public final class SqliteDdlWriter extends StandardDdlWriter {
    private static final String REBUILD_PREFIX = "dbshift_rebuild_";
    /** Rebuilds are framed with the pragma and their own transaction ({@link SqliteDdlWriter}). */
    private final boolean framed;

    public SqliteDdlWriter() {
        this(true);
    }

    private SqliteDdlWriter(boolean framed) {
        this.framed = framed;
    }

    /** Without the frame where the session's foreign keys are off: a rebuild is then safe in the caller's transaction. */
    @Override
    public dev.dbshift.schema.DdlWriter forSession(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
            return rs.next() && rs.getInt(1) == 0 ? new SqliteDdlWriter(false) : this;
        }
    }

    @Override
    protected String type(String canonical) {
        return canonical;
    }

    @Override
    public List<String> write(SchemaDiff diff) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> rebuild = new LinkedHashSet<>();
        // tables this diff creates, whether or not their CREATE is among the steps given (a dump writes them in phases)
        for (Table t : diff.to().tables()) {
            if (diff.from().table(t.name()).isEmpty()) {
                created.add(t.name());
            }
        }
        for (SchemaChange c : diff.changes()) {
            if (c instanceof SchemaChange.OnTable o && !created.contains(o.table()) && needsRebuild(c)) {
                rebuild.add(o.table());
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> rebuilt = new LinkedHashSet<>();
        boolean viewsDropped = false;
        for (SchemaChange c : diff.changes()) {
            if (c instanceof SchemaChange.OnTable o && rebuild.contains(o.table())
                    && !(c instanceof CreateTable) && !(c instanceof DropTable)) {
                if (rebuilt.add(o.table())) {
                    if (!viewsDropped) {
                        for (View v : diff.from().views()) {
                            out.add("DROP VIEW IF EXISTS " + quote(v.name()));
                        }
                        viewsDropped = true;
                    }
                    out.addAll(rebuild(diff.from().table(o.table()).orElseThrow(), diff.to().table(o.table()).orElseThrow(), diff));
                }
                continue;
            }
            if (c instanceof AddIndex a && a.index().name() == null && created.contains(a.table())
                    || c instanceof AddForeignKey f && created.contains(f.table())
                    || c instanceof CreateView && viewsDropped
                    || c instanceof CreateTrigger t && rebuilt.contains(t.trigger().table())) {
                continue;
            }
            out.addAll(write(c));
        }
        if (viewsDropped) {
            for (SchemaChange c : SchemaDiff.between(viewsOnly(List.of()), viewsOnly(diff.to().views())).changes()) {
                out.addAll(write(c));
            }
        }
        if (framed && !rebuilt.isEmpty()) {
            out.add(0, "PRAGMA foreign_keys = OFF");
            out.add(1, "BEGIN");
            for (String t : checked(rebuilt, diff.to())) {
                out.add("PRAGMA foreign_key_check(" + quote(t) + ")");
            }
            out.add("COMMIT");
        }
        return out;
    }

    /**
     * The tables whose foreign keys a rebuild may have broken, for step 10 of SQLite's procedure ({@code PRAGMA
     * foreign_key_check}, which fails a migration dbshift runs when it finds rows): those rebuilt (their rows were copied
     * with the keys off, under keys the change may have added) and those whose keys reference one (the parent's keys
     * may have changed). Only those: an orphan elsewhere, older than the change, is not the change's to refuse.
     */
    private static Set<String> checked(Set<String> rebuilt, dev.dbshift.schema.SchemaModel to) {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : to.tables()) {
            if (rebuilt.contains(t.name()) && !t.foreignKeys().isEmpty()
                    || t.foreignKeys().stream().anyMatch(f -> rebuilt.stream().anyMatch(r -> r.equalsIgnoreCase(f.referencedTable())))) {
                out.add(t.name());
            }
        }
        return out;
    }

    private static dev.dbshift.schema.SchemaModel viewsOnly(List<View> views) {
        return new dev.dbshift.schema.SchemaModel(List.of(), views, List.of(), List.of(), List.of(), List.of());
    }

    private static boolean needsRebuild(SchemaChange c) {
        if (c instanceof AddColumn a) {
            Column col = a.column();
            return col.generated() != null && col.generated().stored() || col.isIdentity()
                    || !col.nullable() && col.defaultValue() == null
                    || a.after().primaryKey() != null && a.after().primaryKey().columns().contains(col.name());
        }
        if (c instanceof AddIndex a) {
            return a.index().name() == null;
        }
        if (c instanceof DropIndex d) {
            return d.index().name() == null;
        }
        if (c instanceof SchemaChange.RenameColumn) {
            return false;
        }
        return c instanceof SchemaChange.OnTable && !(c instanceof CreateTable) && !(c instanceof DropTable);
    }

    private List<String> rebuild(Table from, Table to, SchemaDiff diff) {
        String temporary = REBUILD_PREFIX + to.name();
        List<String> out = new ArrayList<>();
        Table renamed = to.named(temporary);
        out.add(createTable(renamed));
        List<String> copied = to.columns().stream()
                .filter(c -> c.generated() == null)
                .map(Column::name)
                .filter(n -> from.column(n).filter(c -> c.generated() == null).isPresent())
                .collect(Collectors.toList());
        if (!copied.isEmpty()) {
            out.add("INSERT INTO " + quote(temporary) + " (" + columns(copied) + ") SELECT " + columns(copied)
                    + " FROM " + quote(from.name()));
        }
        out.add("DROP TABLE " + quote(from.name()));
        out.add("ALTER TABLE " + quote(temporary) + " RENAME TO " + quote(to.name()));
        for (Index i : to.indexes()) {
            if (i.name() != null) {
                out.add(createIndex(to.name(), i));
            }
        }
        for (Trigger t : diff.to().triggers()) {
            if (t.table().equals(to.name())) {
                out.add(t.definition());
            }
        }
        return out;
    }

    @Override
    public List<String> write(SchemaChange change) {
        if (change instanceof AlterColumn c) {
            return rebuildNeeded(change);
        }
        if (change instanceof AddIndex a && a.index().name() == null || change instanceof DropIndex d && d.index().name() == null
                || change instanceof SchemaChange.ChangePrimaryKey || change instanceof AddForeignKey
                || change instanceof SchemaChange.DropForeignKey || change instanceof SchemaChange.AddCheck
                || change instanceof SchemaChange.DropCheck) {
            return rebuildNeeded(change);
        }
        return super.write(change);
    }

    private List<String> rebuildNeeded(SchemaChange change) {
        throw new UnsupportedOperationException("SQLite changes this by rebuilding the table; write the whole diff "
                + "(DdlWriter.write(SchemaDiff)) instead of the single step: " + change.describe());
    }

    /** SQLite has no constraint to drop: a named unique index is an index (an unnamed one is rebuilt away). */
    @Override
    protected List<String> dropIndex(String table, Index index) {
        return List.of("DROP INDEX " + quote(indexName(table, index)));
    }

    /** SQLite keeps an index expression as written, so it is written as read: without added parentheses. */
    @Override
    protected String indexPart(Index.Part p) {
        return p.expression() != null ? p.expression() + (p.descending() ? " DESC" : "") : super.indexPart(p);
    }

    @Override
    protected boolean primaryKeyInline(Table t) {
        return t.columns().stream().anyMatch(Column::isIdentity);
    }

    /** AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY (the rowid, 64 bits whatever the type says). */
    @Override
    protected String columnDefinition(Column c, Table t) {
        return super.columnDefinition(c.isIdentity() ? new Column(c.name(), "integer", c.nullable(), c.defaultValue(),
                c.generated(), c.identity(), c.collation()) : c, t);
    }

    /**
     * SQLite's catalog gives a default without the parentheses it was written in ({@code DEFAULT (datetime('now'))}
     * reads as {@code datetime('now')}), and takes one bare only when it is a literal: any other expression goes back in
     * its parentheses, which the catalog then drops again.
     */
    @Override
    protected String defaultExpression(String value) {
        return LITERAL_DEFAULT.matcher(value).matches() ? value : "(" + value + ")";
    }

    private static final java.util.regex.Pattern LITERAL_DEFAULT = java.util.regex.Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?0[xX][0-9a-fA-F]+|'([^']|'')*'|[xX]'[0-9a-fA-F]*'"
                    + "|(?i:null|true|false|current_time|current_date|current_timestamp)");

    /** A REAL as SQLite reads it back: an infinity is a literal out of range, {@code 9e999}. */
    @Override
    public String literal(Object value) {
        if (value instanceof Double d && d.isInfinite()) {
            return d > 0 ? "9e999" : "-9e999";
        }
        return super.literal(value);
    }

    @Override
    protected String identity(Column c, Table t) {
        return "PRIMARY KEY AUTOINCREMENT";
    }

    /** {@code STRICT}, {@code WITHOUT ROWID}: a change of either is a rebuild, which makes the table anew with them. */
    @Override
    protected String tableOptions(Table t) {
        if (!t.sqliteOptions()) {
            return "";
        }
        return Table.STRICT.equals(t.persistence()) ? " STRICT" : Table.WITHOUT_ROWID.equals(t.persistence()) ? " WITHOUT ROWID"
                : " WITHOUT ROWID, STRICT";
    }

    @Override
    protected String collation(String name) {
        return name;
    }

    @Override
    protected List<String> extraTableItems(Table t) {
        List<String> items = new ArrayList<>();
        for (Index i : t.indexes()) {
            if (i.name() == null) {
                items.add("UNIQUE (" + columns(i.columnNames()) + ")");
            }
        }
        for (ForeignKey fk : t.foreignKeys()) {
            items.add(foreignKey(fk));
        }
        return items;
    }

    @Override
    protected List<String> alterColumn(AlterColumn change) {
        return rebuildNeeded(change);
    }
}
