package dev.dbshift.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical serialisation a schema checksum is computed over. Version {@code s2} (was {@code s1}, see {@link
 * #TAG_2}): one line per
 * object, objects sorted by kind and name, columns sorted by name, every string quoted and escaped
 * so no name can forge a line. Changing anything here changes every stored checksum: add a new
 * algorithm tag instead ({@code CanonicalFormPinnedTest} holds the text of a schema with every kind of object).
 *
 * <p>Written straight into one builder, every string escaped as it is appended: at 10,000 tables the per-line
 * strings this used to build (a column's line, each quoted name) were a sixth of what a {@code status} allocated,
 * and a young collection's work grows with what is allocated.
 */
final class CanonicalForm {
    /** Version {@code s1}: what every checksum recorded before {@code s2} is. */
    static final String TAG = "s1:";
    /**
     * Version {@code s2}, every checksum taken now: {@code s1} and, each a line only where there is one, a table's
     * storage engine where it is not the vendor's default, its row security, policies and rules (so a schema without
     * them has {@code s1}'s text and hash under this tag). A
     * checksum recorded as {@code s1} is compared with the live schema's {@code s1} form ({@link LiveChecksum}): an
     * older record cannot tell a MyISAM table or a policy that was there from one made since, so it is not called drift.
     */
    static final String TAG_2 = "s2:";

    private CanonicalForm() {
    }

    /**
     * SHA-256 of {@link #text}, hashed object by object as it is written: the whole text (a few MB at 10,000 tables,
     * and as much again as bytes) is never held at once. Version {@code s2}.
     */
    static String checksum(SchemaModel model) {
        return checksum(model, true);
    }

    /** The checksum of {@code model}'s text in version {@code s2} ({@code full}) or {@code s1}. */
    static String checksum(SchemaModel model, boolean full) {
        StringBuilder out = new StringBuilder(1024);
        Utf8Hash sha = new Utf8Hash();
        write(model, full, out, () -> {
            sha.update(out);
            out.setLength(0);
        });
        return (full ? TAG_2 : TAG) + sha.hex();
    }

    /** The checksum of {@code model} in version {@code s1}, given its {@code s2} checksum {@code full}. */
    static String s1(SchemaModel model, String full) {
        return needsS2(model) ? checksum(model, false) : TAG + full.substring(TAG_2.length());
    }

    /** True when {@code model} has what version {@code s1} leaves out: a table's engine, row security, policies or rules. */
    private static boolean needsS2(SchemaModel model) {
        for (Table t : model.tables()) {
            if (t.engine() != null || t.rowSecurity() != null || !t.policies().isEmpty() || !t.rules().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * SHA-256 over text as UTF-8: an ASCII text (nearly every schema) through one reused buffer, anything else
     * through {@link String#getBytes}, so the bytes are UTF-8's either way.
     */
    private static final class Utf8Hash {
        private final MessageDigest digest;
        private byte[] ascii = new byte[1024];

        Utf8Hash() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        void update(CharSequence text) {
            int n = text.length();
            if (ascii.length < n) {
                ascii = new byte[Math.max(n, 2 * ascii.length)];
            }
            for (int i = 0; i < n; i++) {
                char ch = text.charAt(i);
                if (ch >= 0x80) {
                    digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                ascii[i] = (byte) ch;
            }
            digest.update(ascii, 0, n);
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    static String text(SchemaModel model) {
        StringBuilder out = new StringBuilder();
        write(model, true, out, () -> { });
        return out.toString();
    }

    /** Writes the text ({@code full}: version {@code s2}) into {@code out}, calling {@code flush} after each object (and at the end). */
    private static void write(SchemaModel model, boolean full, StringBuilder out, Runnable flush) {
        for (EnumType e : model.enumTypes()) {
            q(out.append("enum "), e.name()).append(' ');
            list(out, e.labels()).append('\n');
        }
        for (Sequence s : model.sequences()) {
            q(out.append("sequence "), s.name()).append(" type=");
            q(out, s.type()).append(" start=").append(s.start()).append(" increment=").append(s.increment())
                    .append(" min=").append(s.min()).append(" max=").append(s.max())
                    .append(" cycle=").append(s.cycle()).append('\n');
        }
        flush.run();
        for (Table t : model.tables()) {
            table(out, t, full);
            flush.run();
        }
        for (View v : model.views()) {
            q(out.append(v.materialized() ? "materialized view " : "view "), v.name()).append(" as ");
            q(out, v.definition()).append('\n');
            for (Index i : v.indexes()) {
                index(out.append("  "), i).append('\n');
            }
            flush.run();
        }
        for (Trigger t : model.triggers()) {
            q(out.append("trigger "), t.name()).append(" on ");
            q(out, t.table()).append(' ');
            q(out, t.definition()).append('\n');
        }
        for (Routine r : model.routines()) {
            q(out.append(r.kind()).append(' '), r.name()).append(' ');
            q(out, r.definition()).append('\n');
        }
        flush.run();
    }

    private static void table(StringBuilder out, Table t, boolean full) {
        q(out.append("table "), t.name()).append(" collation=");
        q(out, t.collation()).append('\n');
        if (full && t.engine() != null) {
            q(out.append("  engine "), t.engine()).append('\n');
        }
        if (full && t.rowSecurity() != null) {
            q(out.append("  row security "), t.rowSecurity()).append('\n');
        }
        if (t.partitioning() != null) {
            q(out.append("  partition by="), t.partitioning().by()).append(" of=");
            q(out, t.partitioning().parent()).append(" bound=");
            q(out, t.partitioning().bound()).append('\n');
        }
        List<Column> columns = t.columns();
        if (columns.size() > 1) {
            columns = new ArrayList<>(columns);
            columns.sort(Comparator.comparing(Column::name));
        }
        for (Column c : columns) {
            column(out.append("  "), c).append('\n');
        }
        if (t.primaryKey() != null) {
            q(out.append("  primary key "), t.primaryKey().name()).append(' ');
            list(out, t.primaryKey().columns()).append('\n');
        }
        for (Index i : t.indexes()) {
            index(out.append("  "), i).append('\n');
        }
        for (ForeignKey f : t.foreignKeys()) {
            q(out.append("  foreign key "), f.name()).append(' ');
            list(out, f.columns()).append(" references ");
            q(out, f.referencedTable()).append(' ');
            list(out, f.referencedColumns()).append(" on update ").append(f.onUpdate()).append(" on delete ")
                    .append(f.onDelete()).append('\n');
        }
        for (Check c : t.checks()) {
            q(out.append("  check "), c.name()).append(' ');
            q(out, c.expression()).append('\n');
        }
        if (full) {
            for (Policy p : t.policies()) {
                q(out.append("  policy "), p.name()).append(p.permissive() ? " permissive" : " restrictive").append(" for ");
                q(out, p.command()).append(" to ");
                list(out, p.roles()).append(" using=");
                q(out, p.using()).append(" check=");
                q(out, p.withCheck()).append('\n');
            }
            for (Rule r : t.rules()) {
                q(out.append("  rule "), r.name()).append(' ');
                q(out, r.definition()).append('\n');
            }
        }
    }

    private static StringBuilder column(StringBuilder out, Column c) {
        q(out.append("column "), c.name()).append(" type=");
        q(out, c.type()).append(" null=").append(c.nullable()).append(" default=");
        q(out, c.defaultValue()).append(" generated=");
        if (c.generated() == null) {
            out.append('-');
        } else {
            q(out, c.generated().expression()).append(c.generated().stored() ? " stored" : " virtual");
        }
        out.append(" identity=");
        if (c.identity() == null) {
            out.append("false");
        } else {
            q(out, c.identity().sql());
        }
        return q(out.append(" collation="), c.collation());
    }

    private static StringBuilder index(StringBuilder out, Index i) {
        q(out.append(i.unique() ? "unique index " : "index "), i.name()).append(" (");
        String separator = "";
        for (Index.Part p : i.parts()) {
            out.append(separator);
            separator = ", ";
            if (p.column() != null) {
                q(out, p.column());
            } else {
                q(out.append("expr "), p.expression());
            }
            if (p.prefixLength() != null) {
                out.append(" prefix ").append(p.prefixLength());
            }
            if (p.descending()) {
                out.append(" desc");
            }
        }
        q(out.append(") where="), i.predicate()).append(" method=");
        return q(out, i.method());
    }

    private static StringBuilder list(StringBuilder out, List<String> items) {
        out.append('(');
        for (int i = 0; i < items.size(); i++) {
            q(i == 0 ? out : out.append(", "), items.get(i));
        }
        return out.append(')');
    }

    /** Appends {@code s} quoted and escaped, or {@code -} for null. */
    private static StringBuilder q(StringBuilder out, String s) {
        if (s == null) {
            return out.append('-');
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (ch < 0x20) {
                        out.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xf]);
                    } else {
                        out.append(ch);
                    }
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
