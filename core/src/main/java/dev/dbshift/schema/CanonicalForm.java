package dev.dbshift.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical serialisation a schema checksum is computed over. Version {@code s7} (was {@code s1} to {@code s6}:
 * {@link #TAGS}): one line per
 * object, objects sorted by kind and name, columns sorted by name, every string quoted and escaped
 * so no name can forge a line. Changing anything here changes every stored checksum: add a new
 * algorithm tag instead ({@code CanonicalFormPinnedTest} holds the text of a schema with every kind of object).
 * Each version only adds lines or words where a schema has what it counts (or, once, leaves out a line only where a
 * schema has what it stopped counting), so a schema without them has the same text, and hash, under every tag; one
 * with them is compared with an older record in that record's version ({@link LiveChecksum}).
 *
 * <p>Written straight into one builder, every string escaped as it is appended: at 10,000 tables the per-line
 * strings this used to build (a column's line, each quoted name) were a sixth of what a {@code status} allocated,
 * and a young collection's work grows with what is allocated.
 */
final class CanonicalForm {
    /**
     * The versions, oldest first; a checksum is tagged with its version's ({@code s1:<hex>}).
     * <ul>
     * <li>{@code s1}: tables, columns, keys, indexes, checks, partitions, views, sequences, triggers, functions,
     * procedures and enum types;</li>
     * <li>{@code s2}: a line each, only where there is one, for a table's storage engine where it is not the vendor's
     * default, its row security, policies and rules;</li>
     * <li>{@code s3}: the word {@code invisible} on an invisible column's line, {@code ignored} on an index the
     * optimizer ignores, a line for each MySQL/MariaDB event, and PostgreSQL's domains (with their checks) and
     * composite types (with their attributes, in order);</li>
     * <li>{@code s4}: a line for a MySQL or MariaDB table's partitioning, its partitions in it; a line for a table's
     * persistence where it is not the default (PostgreSQL's unlogged tables, MariaDB's system-versioned ones); and
     * MariaDB's system-versioned tables themselves (before, no version read them at all); the word {@code firing} and
     * when, on a PostgreSQL trigger that is disabled or fires otherwise than as made; the word {@code options} and
     * them, on a PostgreSQL foreign key that is deferrable, {@code MATCH FULL}, not valid or not enforced;</li>
     * <li>{@code s5}: the word {@code exclude} and its operators on a PostgreSQL exclusion constraint's index line (before,
     * it read as an index of the same parts), and {@code options} and when it is checked, on a deferrable PostgreSQL
     * primary key, unique or exclusion constraint, and {@code nulls not distinct} on a unique index it is made so; the
     * word {@code firing} and when, on a PostgreSQL rule that is disabled or fires otherwise than as made, and the rule's
     * statement without the schema PostgreSQL names its table with (older versions count it as printed); the word
     * {@code unversioned} on the line of a MariaDB system-versioned table's column {@code WITHOUT SYSTEM VERSIONING}; the
     * word {@code opclass} and its name on a PostgreSQL index part whose operator class is not its type's default, and
     * {@code collate} and its name on a SQLite index key whose collation is not its column's; {@code nulls first} or
     * {@code last} on a PostgreSQL index key whose NULLs are not where its direction puts them, and {@code include} and
     * the columns on an index with non-key columns; the
     * word {@code options} and them on a view with a check option or its security set ({@link View#options()}); the word
     * {@code sequence} and its options on a PostgreSQL identity column whose sequence is not its type's default; H2's
     * array types with their element type and its {@code varchar_ignorecase} with its length; a persistence line for a
     * SQLite table {@code STRICT} or {@code WITHOUT ROWID}; a line for a PostgreSQL table's replica identity where it is
     * not its primary key; and,
     * the one thing a version left out that an older one counted, no line for a MySQL/MariaDB event that ends by itself
     * ({@code AT} or {@code ENDS}: the server drops or disables it once it has run, and that was drift);</li>
     * <li>{@code s6}: the word {@code security} and its clause on a MySQL/MariaDB routine that runs with the caller's
     * rights ({@code SQL SECURITY INVOKER}; before, a routine changed to run with its definer's was no drift);</li>
     * <li>{@code s7}: the word {@code follows} and the trigger's name, on a MySQL/MariaDB or SQLite trigger made after
     * another of its table, timing and event, whose order they fire in (before, two made again the other way round,
     * which changes what a row gets, were no drift), and {@code algorithm} and it, on a MariaDB view made {@code
     * TEMPTABLE} or {@code MERGE} (a {@code TEMPTABLE} view takes no writes; before, one changed to take them was no
     * drift), and a line for the tables a PostgreSQL
     * table inherits from (before, a link taken off by hand, after which a query of the parent no longer reads the
     * child's rows, was no drift);</li>
     * <li>{@code s8}: the word {@code period} on the check line of a MariaDB application-time period ({@code PERIOD FOR
     * p (s, e)}, which the server shows as the check {@code `s` < `e`}), and {@code without overlaps} and the period's
     * name on a primary or unique key {@code WITHOUT OVERLAPS} of it (before, such a key made again plain by hand, after which the
     * table takes two rows of one key whose periods overlap, was no drift);</li>
     * <li>{@code s9}: a line for each PostgreSQL extension installed in the schema (before, one dropped by hand, after
     * which the queries that call its functions fail, was no drift), and, the second thing a version left out that an
     * older one counted, no lines for the tables, views, sequences and enum types it made ({@link
     * SchemaModel#extensionObjects()}): the extension's line stands for them.</li>
     * </ul>
     * An older record cannot tell what it did not count that was there from what was made since, so that is not
     * called drift against it; the next recorded checksum counts it.
     */
    static final List<String> TAGS = List.of("s1:", "s2:", "s3:", "s4:", "s5:", "s6:", "s7:", "s8:", "s9:");
    /** The version every checksum is taken in now: the last of {@link #TAGS}. */
    static final int CURRENT = 9;

    private CanonicalForm() {
    }

    /**
     * SHA-256 of {@link #text}, hashed object by object as it is written: the whole text (a few MB at 10,000 tables,
     * and as much again as bytes) is never held at once. The current version.
     */
    static String checksum(SchemaModel model) {
        return checksum(model, CURRENT);
    }

    /** The checksum of {@code model}'s text in version {@code s<version>}. */
    static String checksum(SchemaModel model, int version) {
        StringBuilder out = new StringBuilder(1024);
        Utf8Hash sha = new Utf8Hash();
        write(model, version, out, () -> {
            sha.update(out);
            out.setLength(0);
        });
        return tag(version) + sha.hex();
    }

    static String tag(int version) {
        return TAGS.get(version - 1);
    }

    private static final java.util.regex.Pattern TAGGED = java.util.regex.Pattern.compile("^s(\\d{1,9}):");

    /** True when {@code recorded} is tagged with a version after the current one: a newer dbshift recorded it. */
    static boolean newer(String recorded) {
        java.util.regex.Matcher m = TAGGED.matcher(recorded == null ? "" : recorded);
        return m.find() && Integer.parseInt(m.group(1)) > CURRENT;
    }

    /** The version a recorded checksum is in (its tag); the current one for none or an unknown tag. */
    static int version(String recorded) {
        for (int v = 1; v <= TAGS.size(); v++) {
            if (recorded != null && recorded.startsWith(tag(v))) {
                return v;
            }
        }
        return CURRENT;
    }

    /**
     * The checksums of {@code model} in every version, oldest first, given its checksum in the current one: a version
     * whose text is the same as the next one's (the schema has nothing the next one added) is that hash under its own
     * tag, not another pass over the schema.
     */
    static List<String> every(SchemaModel model, String current) {
        String[] out = new String[CURRENT];
        out[CURRENT - 1] = current;
        int added = added(model);
        for (int v = CURRENT - 1; v >= 1; v--) {
            out[v - 1] = (added & 1 << v + 1) != 0 ? checksum(model, v) : tag(v) + out[v].substring(tag(v + 1).length());
        }
        return List.of(out);
    }

    /**
     * Bit {@code v} set when {@code model} has something version {@code s<v>} added to (or left out of) the text of the
     * version before it. One pass of plain loops: a pass per version with streams cost ~12 ms at 1,000 tables in every
     * {@code status}.
     */
    private static int added(SchemaModel model) {
        int added = (model.domains().isEmpty() && model.compositeTypes().isEmpty() ? 0 : 1 << 3)
                | (model.extensions().isEmpty() && model.extensionObjects().isEmpty() ? 0 : 1 << 9);
        for (Trigger t : model.triggers()) {
            added |= (t.firing() != null ? 1 << 4 : 0) | (t.follows() != null ? 1 << 7 : 0);
        }
        for (Routine r : model.routines()) {
            added |= (r.kind().equals(EVENT) ? 1 << 3 : 0) | (endsByItself(r) ? 1 << 5 : 0) | (r.security() != null ? 1 << 6 : 0);
        }
        for (View v : model.views()) {
            added |= (v.options() != null || addsToS5(v.indexes()) ? 1 << 5 : 0) | (v.algorithm() != null ? 1 << 7 : 0);
        }
        for (Table t : model.tables()) {
            added |= t.engine() != null || t.rowSecurity() != null || !t.policies().isEmpty() || !t.rules().isEmpty() ? 1 << 2 : 0;
            added |= t.partitionLayout() != null || t.persistence() != null && !t.sqliteOptions() ? 1 << 4 : 0;
            added |= t.inherits().isEmpty() ? 0 : 1 << 7;
            added |= t.primaryKey() != null && t.primaryKey().options() != null || t.sqliteOptions()
                    || t.replicaIdentity() != null || addsToS5(t.indexes()) ? 1 << 5 : 0;
            for (Column c : t.columns()) {
                added |= (c.invisible() ? 1 << 3 : 0) | (c.unversioned() || c.identityOptions() != null
                        || !typeBeforeS5(c.type()).equals(c.type()) ? 1 << 5 : 0);
            }
            for (Index i : t.indexes()) {
                added |= (i.ignored() ? 1 << 3 : 0) | (i.period() != null ? 1 << 8 : 0);
            }
            for (Check c : t.checks()) {
                added |= c.period() ? 1 << 8 : 0;
            }
            added |= t.primaryKey() != null && t.primaryKey().period() != null ? 1 << 8 : 0;
            for (ForeignKey f : t.foreignKeys()) {
                added |= f.options() != null ? 1 << 4 : 0;
            }
            for (Rule r : t.rules()) {
                added |= r.firing() != null || r.printed() != null ? 1 << 5 : 0;
            }
        }
        return added;
    }

    /** True when one of {@code indexes} has a word of {@code s5} on its line: an exclusion, options, included columns, or a part's operator class, collation or NULLs order. */
    private static boolean addsToS5(List<Index> indexes) {
        for (Index index : indexes) {
            if (index.exclusion() != null || index.options() != null || !index.include().isEmpty()) {
                return true;
            }
            for (Index.Part p : index.parts()) {
                if (p.opclass() != null || p.collation() != null || p.nulls() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A column type as readers before {@code s5} spelled it: H2's arrays without their element type ({@code array}, now
     * {@code varchar(20) array}, which the DDL needs) and its {@code varchar_ignorecase} without its length.
     */
    static String typeBeforeS5(String type) {
        if (type.endsWith(" array") || type.endsWith("]") && SIZED_ARRAY.matcher(type).matches()) {
            return "array";
        }
        return type.startsWith("varchar_ignorecase(") ? "varchar_ignorecase" : type;
    }

    /** H2's array with a maximum cardinality; tried only on a type ending in {@code ]}, as a pattern per column cost 10 ms at 1,000 tables. */
    private static final java.util.regex.Pattern SIZED_ARRAY = java.util.regex.Pattern.compile(".* array\\[\\d+\\]");

    /** The kind of routine {@code s3} first counted. */
    private static final String EVENT = "event";

    /**
     * True for a MySQL/MariaDB event that ends by itself: one that runs once ({@code AT}) or until a time ({@code ENDS}).
     * When it has run, the server drops it ({@code ON COMPLETION NOT PRESERVE}) or disables it ({@code PRESERVE}), which
     * no one did: counted, it would be drift once it had run. Only its schedule is looked at, not its body.
     */
    private static boolean endsByItself(Routine r) {
        if (!r.kind().equals(EVENT)) {
            return false;
        }
        String d = r.definition();
        int completion = d.indexOf(" ON COMPLETION ");
        String schedule = completion < 0 ? d : d.substring(0, completion);
        return schedule.contains(" ON SCHEDULE AT ") || schedule.contains(" ENDS '");
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
        write(model, CURRENT, out, () -> { });
        return out.toString();
    }

    /** Writes the text in version {@code s<version>} into {@code out}, calling {@code flush} after each object (and at the end). */
    private static void write(SchemaModel all, int version, StringBuilder out, Runnable flush) {
        SchemaModel model = version >= 9 ? all.ownObjects() : all;
        if (version >= 9) {
            for (String e : model.extensions()) {
                q(out.append("extension "), e).append('\n');
            }
        }
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
        if (version >= 3) {
            for (Domain d : model.domains()) {
                q(out.append("domain "), d.name()).append(" type=");
                q(out, d.type()).append(" null=").append(d.nullable()).append(" default=");
                q(out, d.defaultValue()).append(" collation=");
                q(out, d.collation()).append('\n');
                for (Check c : d.checks()) {
                    q(out.append("  check "), c.name()).append(' ');
                    q(out, c.expression()).append('\n');
                }
            }
            for (CompositeType c : model.compositeTypes()) {
                q(out.append("composite type "), c.name()).append('\n');
                for (Column a : c.attributes()) {
                    q(out.append("  attribute "), a.name()).append(" type=");
                    q(out, a.type()).append(" collation=");
                    q(out, a.collation()).append('\n');
                }
            }
        }
        flush.run();
        for (Table t : model.tables()) {
            if (version < 4 && t.systemVersioned()) {
                continue;
            }
            table(out, t, version);
            flush.run();
        }
        for (View v : model.views()) {
            q(out.append(v.materialized() ? "materialized view " : "view "), v.name()).append(" as ");
            q(out, v.definition());
            if (version >= 5 && v.options() != null) {
                q(out.append(" options "), v.options());
            }
            if (version >= 7 && v.algorithm() != null) {
                q(out.append(" algorithm "), v.algorithm());
            }
            out.append('\n');
            for (Index i : v.indexes()) {
                index(out.append("  "), i, version).append('\n');
            }
            flush.run();
        }
        for (Trigger t : model.triggers()) {
            q(out.append("trigger "), t.name()).append(" on ");
            q(out, t.table()).append(' ');
            q(out, t.definition());
            if (version >= 4 && t.firing() != null) {
                q(out.append(" firing "), t.firing());
            }
            if (version >= 7 && t.follows() != null) {
                q(out.append(" follows "), t.follows());
            }
            out.append('\n');
        }
        for (Routine r : model.routines()) {
            if (version < 3 && r.kind().equals(EVENT) || version >= 5 && endsByItself(r)) {
                continue;
            }
            q(out.append(r.kind()).append(' '), r.name()).append(' ');
            q(out, r.definition());
            if (version >= 6 && r.security() != null) {
                q(out.append(" security "), r.security());
            }
            out.append('\n');
        }
        flush.run();
    }

    private static void table(StringBuilder out, Table t, int version) {
        boolean full = version >= 2;
        q(out.append("table "), t.name()).append(" collation=");
        q(out, t.collation()).append('\n');
        if (full && t.engine() != null) {
            q(out.append("  engine "), t.engine()).append('\n');
        }
        if (full && t.rowSecurity() != null) {
            q(out.append("  row security "), t.rowSecurity()).append('\n');
        }
        if (t.partitioning() != null && t.partitioning().declarative()) {
            q(out.append("  partition by="), t.partitioning().by()).append(" of=");
            q(out, t.partitioning().parent()).append(" bound=");
            q(out, t.partitioning().bound()).append('\n');
        }
        if (version >= (t.sqliteOptions() ? 5 : 4) && t.persistence() != null) {
            q(out.append("  persistence "), t.persistence()).append('\n');
        }
        if (version >= 5 && t.replicaIdentity() != null) {
            q(out.append("  replica identity "), t.replicaIdentity()).append('\n');
        }
        if (version >= 7 && !t.inherits().isEmpty()) {
            list(out.append("  inherits "), t.inherits()).append('\n');
        }
        if (version >= 4 && t.partitionLayout() != null) {
            q(out.append("  partitions "), t.partitionLayout()).append('\n');
        }
        List<Column> columns = t.columns();
        if (columns.size() > 1) {
            columns = new ArrayList<>(columns);
            columns.sort(Comparator.comparing(Column::name));
        }
        for (Column c : columns) {
            column(out.append("  "), c, version).append('\n');
        }
        if (t.primaryKey() != null) {
            q(out.append("  primary key "), t.primaryKey().name()).append(' ');
            list(out, t.primaryKey().columns());
            if (version >= 5 && t.primaryKey().options() != null) {
                q(out.append(" options "), t.primaryKey().options());
            }
            if (version >= 8 && t.primaryKey().period() != null) {
                q(out.append(" without overlaps "), t.primaryKey().period());
            }
            out.append('\n');
        }
        for (Index i : t.indexes()) {
            index(out.append("  "), i, version).append('\n');
        }
        for (ForeignKey f : t.foreignKeys()) {
            q(out.append("  foreign key "), f.name()).append(' ');
            list(out, f.columns()).append(" references ");
            q(out, f.referencedTable()).append(' ');
            list(out, f.referencedColumns()).append(" on update ").append(f.onUpdate()).append(" on delete ")
                    .append(f.onDelete());
            if (version >= 4 && f.options() != null) {
                q(out.append(" options "), f.options());
            }
            out.append('\n');
        }
        for (Check c : t.checks()) {
            q(out.append("  check "), c.name()).append(' ');
            q(out, c.expression()).append(version >= 8 && c.period() ? " period\n" : "\n");
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
                q(out, version >= 5 ? r.definition() : r.printedDefinition());
                if (version >= 5 && r.firing() != null) {
                    q(out.append(" firing "), r.firing());
                }
                out.append('\n');
            }
        }
    }

    private static StringBuilder column(StringBuilder out, Column c, int version) {
        q(out.append("column "), c.name()).append(" type=");
        q(out, version >= 5 ? c.type() : typeBeforeS5(c.type())).append(" null=").append(c.nullable()).append(" default=");
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
        q(out.append(" collation="), c.collation());
        if (version >= 3 && c.invisible()) {
            out.append(" invisible");
        }
        if (version >= 5 && c.identityOptions() != null) {
            q(out.append(" sequence "), c.identityOptions());
        }
        return version >= 5 && c.unversioned() ? out.append(" unversioned") : out;
    }

    private static StringBuilder index(StringBuilder out, Index i, int version) {
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
            if (version >= 5 && p.collation() != null) {
                q(out.append(" collate "), p.collation());
            }
            if (version >= 5 && p.opclass() != null) {
                q(out.append(" opclass "), p.opclass());
            }
            if (p.descending()) {
                out.append(" desc");
            }
            if (version >= 5 && p.nulls() != null) {
                out.append(" nulls ").append(p.nulls());
            }
        }
        out.append(')');
        if (version >= 5 && !i.include().isEmpty()) {
            list(out.append(" include "), i.include());
        }
        q(out.append(" where="), i.predicate()).append(" method=");
        q(out, i.method());
        if (version >= 3 && i.ignored()) {
            out.append(" ignored");
        }
        if (version >= 5 && i.exclusion() != null) {
            list(out.append(" exclude "), i.exclusion());
        }
        if (version >= 5 && i.options() != null) {
            q(out.append(" options "), i.options());
        }
        if (version >= 8 && i.period() != null) {
            q(out.append(" without overlaps "), i.period());
        }
        return out;
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
