package dev.dbshift.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk catalog query ordered by a key (table and index, table and constraint) read one run of rows at a
 * time: the rows of one index or one key come together and are handed over whole, so a reader says what a
 * row is and what a run makes, and the control-break loop is written once, here.
 */
public final class CatalogRuns {
    private CatalogRuns() {
    }

    /** Reads one value from the current row. */
    public interface RowFunction<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes one run: its key and its rows in query order. */
    public interface Run<K, T> {
        void accept(K key, List<T> rows) throws SQLException;
    }

    /**
     * Hands every run of consecutive rows with equal keys to {@code run}.
     *
     * @param key a row's key (compared with {@code equals}; never null)
     * @param row what a row is
     */
    public static <K, T> void forEach(ResultSet rs, RowFunction<K> key, RowFunction<T> row, Run<K, T> run) throws SQLException {
        K current = null;
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            K k = key.read(rs);
            if (current != null && !k.equals(current)) {
                run.accept(current, rows);
                rows = new ArrayList<>();
            }
            current = k;
            rows.add(row.read(rs));
        }
        if (current != null) {
            run.accept(current, rows);
        }
    }
}
