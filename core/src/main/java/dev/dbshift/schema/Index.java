package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A secondary index (the primary key's index is the {@link PrimaryKey}). Unique constraints are
 * unique indexes: every vendor enforces them with one, and the difference never changes what rows
 * the table accepts.
 *
 * @param name      null where the vendor generated it (SQLite autoindexes, H2 constraint indexes)
 * @param parts     in index order
 * @param predicate the WHERE of a partial index, or null
 * @param method    access method when not the default b-tree ({@code hash}, {@code gin}, {@code fulltext}), or null
 * @param ignored   kept up to date but not used by the optimizer (MariaDB {@code IGNORED}, MySQL {@code INVISIBLE}):
 *                  the step before dropping an index, undone in an instant
 * @param exclusion a PostgreSQL exclusion constraint's operators, one per part ({@code EXCLUDE USING gist (room WITH =,
 *                  during WITH &&)}: {@code [=, &&]}), or null for an index: two rows whose parts compare true by every
 *                  operator are refused, which an index of the same parts does not do
 * @param options   PostgreSQL's words for how a unique index or a unique or exclusion constraint checks, where not the
 *                  default, in this order: {@code nulls not distinct} (two NULLs are duplicates), then {@code
 *                  deferrable} or {@code deferrable initially deferred} (checked at the end of the statement or of the
 *                  transaction: such a unique constraint is no arbiter for {@code INSERT ... ON CONFLICT}, and only
 *                  {@code ADD CONSTRAINT} makes one); or null
 * @param include   PostgreSQL's non-key columns ({@code INCLUDE (a, b)}: carried for index-only scans), in order; empty
 *                  for none
 * @param period    the MariaDB application-time period ({@link Check#period()}) a unique key is {@code WITHOUT OVERLAPS}
 *                  of ({@code UNIQUE (id, p WITHOUT OVERLAPS)}: two rows of one {@code id} whose periods overlap are
 *                  refused), or null; the server lists the period's two columns as the key's last parts, so {@link
 *                  #parts()} end with them, as read
 */
public record Index(String name, boolean unique, List<Part> parts, String predicate, String method, boolean ignored,
                    List<String> exclusion, String options, List<String> include, String period) {

    public Index {
        parts = List.copyOf(parts);
        exclusion = exclusion == null ? null : List.copyOf(exclusion);
        include = include == null ? List.of() : List.copyOf(include);
    }

    /** An index of no application-time period. */
    public Index(String name, boolean unique, List<Part> parts, String predicate, String method, boolean ignored,
                 List<String> exclusion, String options, List<String> include) {
        this(name, unique, parts, predicate, method, ignored, exclusion, options, include, null);
    }

    /** An index without non-key columns. */
    public Index(String name, boolean unique, List<Part> parts, String predicate, String method, boolean ignored,
                 List<String> exclusion, String options) {
        this(name, unique, parts, predicate, method, ignored, exclusion, options, List.of());
    }

    /** An index the optimizer uses: every vendor's only kind but MySQL's and MariaDB's. */
    public Index(String name, boolean unique, List<Part> parts, String predicate, String method) {
        this(name, unique, parts, predicate, method, false);
    }

    /** An index, or a unique constraint a {@code CREATE UNIQUE INDEX} makes alike. */
    public Index(String name, boolean unique, List<Part> parts, String predicate, String method, boolean ignored) {
        this(name, unique, parts, predicate, method, ignored, null, null);
    }

    /** This index, used by the optimizer or not. */
    public Index ignored(boolean ignored) {
        return new Index(name, unique, parts, predicate, method, ignored, exclusion, options, include, period);
    }

    /** This index or constraint over other parts (a column renamed): what it checks and when stay. */
    public Index withParts(List<Part> parts) {
        return new Index(name, unique, parts, predicate, method, ignored, exclusion, options, include, period);
    }

    /** This index with other non-key columns ({@link #include()}). */
    public Index withInclude(List<String> include) {
        return new Index(name, unique, parts, predicate, method, ignored, exclusion, options, include, period);
    }

    /** This index as a constraint: an exclusion constraint's operators (or null), and when it is checked (or null). */
    public Index constraint(List<String> exclusion, String options) {
        return new Index(name, unique, parts, predicate, method, ignored, exclusion, options, include, period);
    }

    /** This unique key {@code WITHOUT OVERLAPS} of the application-time period named (its parts end with the period's columns). */
    public Index withPeriod(String period) {
        return new Index(name, unique, parts, predicate, method, ignored, exclusion, options, include, period);
    }

    /** The word of {@link #options()} for a unique index to which two NULLs are duplicates. */
    public static final String NULLS_NOT_DISTINCT = "nulls not distinct";

    /** True when only {@code ALTER TABLE ... ADD CONSTRAINT} makes this: an exclusion or a deferrable unique constraint. */
    public boolean constraintOnly() {
        return exclusion != null || deferral() != null;
    }

    /** The words of {@link #options()} that say when this is checked ({@code deferrable ...}), or null. */
    public String deferral() {
        int at = options == null ? -1 : options.indexOf("deferrable");
        return at < 0 ? null : options.substring(at);
    }

    /** True when two NULLs are duplicates to this unique index ({@link #NULLS_NOT_DISTINCT}). */
    public boolean nullsNotDistinct() {
        return options != null && options.startsWith(NULLS_NOT_DISTINCT);
    }

    String sortKey() {
        return (name == null ? "" : name) + "|" + parts.stream().map(Part::toString).collect(Collectors.joining(","));
    }

    /** Column names of the plain-column parts, in order. */
    public List<String> columnNames() {
        return parts.stream().filter(p -> p.column() != null).map(Part::column).collect(Collectors.toList());
    }

    /**
     * One key part: either a column or an expression.
     *
     * @param prefixLength MySQL prefix length ({@code name(10)}), or null
     * @param opclass      PostgreSQL's operator class where it is not the default for the part's type and the index's
     *                     method ({@code text_pattern_ops}, {@code jsonb_path_ops}, {@code gin_trgm_ops}), or null: it
     *                     sets which comparisons the index serves, and some methods have no default for a type at all
     * @param collation    the key's collation where it is not its column's (SQLite's {@code name COLLATE NOCASE}: a
     *                     unique index so refuses {@code 'Bob'} beside {@code 'bob'}), or null
     * @param nulls        PostgreSQL's {@code first} or {@code last} where the NULLs are not where its direction puts
     *                     them (last ascending, first descending), or null
     */
    public record Part(String column, String expression, boolean descending, Integer prefixLength, String opclass,
                       String collation, String nulls) {
        public Part {
            if ((column == null) == (expression == null)) {
                throw new IllegalArgumentException("an index part is a column or an expression");
            }
        }

        /** A part with its type's default operator class (every vendor's only kind but PostgreSQL's) and its column's collation. */
        public Part(String column, String expression, boolean descending, Integer prefixLength) {
            this(column, expression, descending, prefixLength, null);
        }

        /** A part with its column's collation. */
        public Part(String column, String expression, boolean descending, Integer prefixLength, String opclass) {
            this(column, expression, descending, prefixLength, opclass, null);
        }

        /** A part whose NULLs are where its direction puts them. */
        public Part(String column, String expression, boolean descending, Integer prefixLength, String opclass, String collation) {
            this(column, expression, descending, prefixLength, opclass, collation, null);
        }

        /** This part over another column (one renamed). */
        public Part withColumn(String column) {
            return new Part(column, null, descending, prefixLength, opclass, collation, nulls);
        }

        public static Part column(String name) {
            return new Part(name, null, false, null);
        }

        @Override
        public String toString() {
            return (column != null ? column : "(" + expression + ")")
                    + (prefixLength != null ? "(" + prefixLength + ")" : "")
                    + (collation != null ? " collate " + collation : "")
                    + (opclass != null ? " " + opclass : "")
                    + (descending ? " desc" : "")
                    + (nulls != null ? " nulls " + nulls : "");
        }
    }

    public boolean sameDefinitionAs(Index other) {
        return unique == other.unique && parts.equals(other.parts) && Objects.equals(predicate, other.predicate)
                && Objects.equals(method, other.method) && Objects.equals(exclusion, other.exclusion)
                && Objects.equals(options, other.options) && include.equals(other.include)
                && Objects.equals(period, other.period);
    }
}
