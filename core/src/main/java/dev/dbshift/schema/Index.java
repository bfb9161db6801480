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
 */
public record Index(String name, boolean unique, List<Part> parts, String predicate, String method, boolean ignored) {

    public Index {
        parts = List.copyOf(parts);
    }

    /** An index the optimizer uses: every vendor's only kind but MySQL's and MariaDB's. */
    public Index(String name, boolean unique, List<Part> parts, String predicate, String method) {
        this(name, unique, parts, predicate, method, false);
    }

    /** This index, used by the optimizer or not. */
    public Index ignored(boolean ignored) {
        return new Index(name, unique, parts, predicate, method, ignored);
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
     */
    public record Part(String column, String expression, boolean descending, Integer prefixLength) {
        public Part {
            if ((column == null) == (expression == null)) {
                throw new IllegalArgumentException("an index part is a column or an expression");
            }
        }

        public static Part column(String name) {
            return new Part(name, null, false, null);
        }

        @Override
        public String toString() {
            return (column != null ? column : "(" + expression + ")")
                    + (prefixLength != null ? "(" + prefixLength + ")" : "")
                    + (descending ? " desc" : "");
        }
    }

    public boolean sameDefinitionAs(Index other) {
        return unique == other.unique && parts.equals(other.parts) && Objects.equals(predicate, other.predicate)
                && Objects.equals(method, other.method);
    }
}
