package dev.dbshift.online;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the engine needs to know of one table, as read from {@code information_schema}.
 *
 * @param schema       database name
 * @param table        table name
 * @param columns      columns in ordinal order
 * @param indexes      indexes (PRIMARY first when present)
 * @param engine       storage engine
 * @param rowsEstimate the server's row estimate
 * @param bytes        data + index length
 */
public record TableShape(String schema, String table, List<Column> columns, List<Index> indexes, String engine,
                         long rowsEstimate, long bytes) {

    public TableShape {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /**
     * One column.
     *
     * @param name          column name
     * @param type          full column type, e.g. {@code bigint(20) unsigned}
     * @param nullable      NULL allowed
     * @param hasDefault    a default exists (including DEFAULT NULL)
     * @param autoIncrement AUTO_INCREMENT
     * @param generated     a generated (virtual or stored) column: never copied
     * @param charset       character set of a text column, else null
     * @param collation     collation of a text column, else null
     */
    public record Column(String name, String type, boolean nullable, boolean hasDefault, boolean autoIncrement,
                         boolean generated, String charset, String collation) {
    }

    /**
     * One index.
     *
     * @param name      index name ({@code PRIMARY} for the primary key)
     * @param unique    unique
     * @param columns   column names in index order
     * @param prefixed  some column is indexed by a prefix only (cannot serve as a row key)
     */
    public record Index(String name, boolean unique, List<String> columns, boolean prefixed) {
        public Index {
            columns = List.copyOf(columns);
        }

        public boolean primary() {
            return name.equals("PRIMARY");
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The key chunks and the change log use: the primary key, else the first unique key over NOT NULL columns. */
    public Optional<Index> rowKey() {
        Optional<Index> pk = indexes.stream().filter(Index::primary).findFirst();
        if (pk.isPresent()) {
            return pk;
        }
        return indexes.stream()
                .filter(i -> i.unique() && !i.prefixed())
                .filter(i -> i.columns().stream().allMatch(c -> column(c).map(col -> !col.nullable()).orElse(false)))
                .findFirst();
    }

    /** True when some unique index covers exactly these columns (any order). */
    public boolean hasUniqueOn(List<String> cols) {
        return indexes.stream().filter(Index::unique).anyMatch(i -> sameColumns(i.columns(), cols));
    }

    static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<String> la = a.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList();
        List<String> lb = b.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList();
        return la.equals(lb);
    }
}
