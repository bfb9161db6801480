package dev.dbshift.online;

import java.sql.SQLException;

/**
 * Compares one key range of table and shadow, both read at the same instant (the source read as the
 * shadow's types hold it), and copies a range again when it differs.
 */
public interface Checksummer {

    /**
     * One range compared.
     *
     * @param rows  rows of the table in the range
     * @param equal both sides hold the same rows
     */
    record Comparison(long rows, boolean equal) {
    }

    Comparison compare(KeyRange range) throws SQLException;

    /** Copies a range again while synchronous capture runs (locking the source rows, never waiting). */
    void recopy(KeyRange range) throws SQLException;
}
