package dev.dbshift.db.h2;

import dev.dbshift.schema.Column;
import dev.dbshift.schema.Routine;
import dev.dbshift.schema.SchemaChange.AlterColumn;
import dev.dbshift.schema.StandardDdlWriter;
import dev.dbshift.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * H2 2.x DDL. A unique index may be a UNIQUE constraint in H2 (the model does not tell them
 * apart), so it is dropped as both, {@code IF EXISTS}.
 */
public final class H2DdlWriter extends StandardDdlWriter {

    public H2DdlWriter() {
    }

    @Override
    protected String type(String canonical) {
        switch (canonical) {
            case "text": return "CLOB";
            case "blob": return "BLOB";
            case "double": return "DOUBLE PRECISION";
            case "timestamptz": return "TIMESTAMP WITH TIME ZONE";
            case "timetz": return "TIME WITH TIME ZONE";
            default:
                if (canonical.startsWith("timestamptz(")) {
                    return "TIMESTAMP" + canonical.substring("timestamptz".length()) + " WITH TIME ZONE";
                }
                if (canonical.startsWith("timetz(")) {
                    return "TIME" + canonical.substring("timetz".length()) + " WITH TIME ZONE";
                }
                return canonical;
        }
    }

    @Override
    protected String generated(Column.Generated g) {
        return "GENERATED ALWAYS AS (" + g.expression() + ")";
    }

    @Override
    protected List<String> alterColumn(AlterColumn c) {
        Column from = c.from();
        Column to = c.to();
        String column = alterTable(c.table()) + " ALTER COLUMN " + quote(to.name());
        if (!Objects.equals(from.generated(), to.generated()) || from.isIdentity() != to.isIdentity()
                || !Objects.equals(from.collation(), to.collation())) {
            return List.of(alterTable(c.table()) + " DROP COLUMN " + quote(to.name()),
                    alterTable(c.table()) + " ADD COLUMN " + columnDefinition(to, c.after()));
        }
        List<String> out = new ArrayList<>();
        if (!from.type().equals(to.type())) {
            out.add(column + " SET DATA TYPE " + type(to.type()));
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            out.add(to.defaultValue() == null ? column + " DROP DEFAULT" : column + " SET DEFAULT " + to.defaultValue());
        }
        if (from.nullable() != to.nullable()) {
            out.add(column + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (from.invisible() != to.invisible()) {
            out.add(column + (to.invisible() ? " SET INVISIBLE" : " SET VISIBLE"));
        }
        return out;
    }

    @Override
    protected String dropRoutine(Routine r) {
        return "DROP ALIAS " + quote(r.name());
    }

    @Override
    public List<String> continueIdentity(Table table, Column column, long next) {
        return column.isIdentity()
                ? List.of(alterTable(table.name()) + " ALTER COLUMN " + quote(column.name()) + " RESTART WITH " + next)
                : List.of();
    }

    /** Rows of a dump keep their values even in GENERATED ALWAYS identity columns. */
    @Override
    public String insertInto(Table table, List<String> columns) {
        boolean always = table.columns().stream().anyMatch(c -> c.identity() == Column.Identity.ALWAYS && columns.contains(c.name()));
        return super.insertInto(table, columns) + (always ? " OVERRIDING SYSTEM VALUE" : "");
    }

    /** {@code ARRAY['a', 'b']}: H2 reads its own text of an array ({@code [a, b]}) back as one element. */
    @Override
    protected String array(dev.dbshift.schema.JdbcSchemaDump.ArrayValue array) {
        return "ARRAY[" + array.elements().stream().map(this::literal).collect(java.util.stream.Collectors.joining(", ")) + "]";
    }
}
