package dev.dbshift.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical serialisation a schema checksum is computed over. Version {@code s1}: one line per
 * object, objects sorted by kind and name, columns sorted by name, every string quoted and escaped
 * so no name can forge a line. Changing anything here changes every stored checksum: add a new
 * algorithm tag instead.
 */
final class CanonicalForm {
    static final String TAG = "s1:";

    private CanonicalForm() {
    }

    /**
     * SHA-256 of {@link #text}, hashed object by object as it is written: the whole text (a few MB at 10,000 tables,
     * and as much again as bytes) is never held at once.
     */
    static String checksum(SchemaModel model) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder out = new StringBuilder(1024);
            write(model, out, () -> {
                sha.update(out.toString().getBytes(StandardCharsets.UTF_8));
                out.setLength(0);
            });
            return TAG + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String text(SchemaModel model) {
        StringBuilder out = new StringBuilder();
        write(model, out, () -> { });
        return out.toString();
    }

    /** Writes the text into {@code out}, calling {@code flush} after each object (and at the end). */
    private static void write(SchemaModel model, StringBuilder out, Runnable flush) {
        for (EnumType e : model.enumTypes()) {
            out.append("enum ").append(q(e.name())).append(' ').append(list(e.labels())).append('\n');
        }
        for (Sequence s : model.sequences()) {
            out.append("sequence ").append(q(s.name())).append(" type=").append(q(s.type()))
                    .append(" start=").append(s.start()).append(" increment=").append(s.increment())
                    .append(" min=").append(s.min()).append(" max=").append(s.max())
                    .append(" cycle=").append(s.cycle()).append('\n');
        }
        flush.run();
        for (Table t : model.tables()) {
            table(out, t);
            flush.run();
        }
        for (View v : model.views()) {
            out.append(v.materialized() ? "materialized view " : "view ").append(q(v.name()))
                    .append(" as ").append(q(v.definition())).append('\n');
            for (Index i : v.indexes()) {
                out.append("  ").append(index(i)).append('\n');
            }
            flush.run();
        }
        for (Trigger t : model.triggers()) {
            out.append("trigger ").append(q(t.name())).append(" on ").append(q(t.table()))
                    .append(' ').append(q(t.definition())).append('\n');
        }
        for (Routine r : model.routines()) {
            out.append(r.kind()).append(' ').append(q(r.name())).append(' ').append(q(r.definition())).append('\n');
        }
        flush.run();
    }

    private static void table(StringBuilder out, Table t) {
        out.append("table ").append(q(t.name())).append(" collation=").append(q(t.collation())).append('\n');
        if (t.partitioning() != null) {
            out.append("  partition by=").append(q(t.partitioning().by())).append(" of=").append(q(t.partitioning().parent()))
                    .append(" bound=").append(q(t.partitioning().bound())).append('\n');
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.sort(Comparator.comparing(Column::name));
        for (Column c : columns) {
            out.append("  ").append(column(c)).append('\n');
        }
        if (t.primaryKey() != null) {
            out.append("  primary key ").append(q(t.primaryKey().name())).append(' ')
                    .append(list(t.primaryKey().columns())).append('\n');
        }
        for (Index i : t.indexes()) {
            out.append("  ").append(index(i)).append('\n');
        }
        for (ForeignKey f : t.foreignKeys()) {
            out.append("  ").append(foreignKey(f)).append('\n');
        }
        for (Check c : t.checks()) {
            out.append("  check ").append(q(c.name())).append(' ').append(q(c.expression())).append('\n');
        }
    }

    static String column(Column c) {
        return "column " + q(c.name()) + " type=" + q(c.type()) + " null=" + c.nullable()
                + " default=" + q(c.defaultValue())
                + " generated=" + (c.generated() == null ? "-"
                : q(c.generated().expression()) + (c.generated().stored() ? " stored" : " virtual"))
                + " identity=" + (c.identity() == null ? "false" : q(c.identity().sql())) + " collation=" + q(c.collation());
    }

    static String index(Index i) {
        return (i.unique() ? "unique index " : "index ") + q(i.name()) + " ("
                + i.parts().stream().map(p -> (p.column() != null ? q(p.column()) : "expr " + q(p.expression()))
                + (p.prefixLength() != null ? " prefix " + p.prefixLength() : "")
                + (p.descending() ? " desc" : "")).collect(Collectors.joining(", "))
                + ") where=" + q(i.predicate()) + " method=" + q(i.method());
    }

    static String foreignKey(ForeignKey f) {
        return "foreign key " + q(f.name()) + ' ' + list(f.columns()) + " references " + q(f.referencedTable())
                + ' ' + list(f.referencedColumns()) + " on update " + f.onUpdate() + " on delete " + f.onDelete();
    }

    private static String list(List<String> items) {
        return items.stream().map(CanonicalForm::q).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A quoted, escaped string; {@code -} for null. */
    static String q(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
            }
        }
        return b.append('"').toString();
    }
}
