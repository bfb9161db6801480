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

    /**
     * Where a piece of the range ends: the key of its {@code rows}-th row in key order, or empty when the range holds no
     * more rows than that.
     */
    java.util.Optional<java.util.List<Object>> pieceEnd(KeyRange range, int rows) throws SQLException;

    /**
     * Copies a range again while synchronous capture runs, locking its source rows without waiting: one try, false
     * when the application held one of them (then nothing changed, and the caller decides how long to try again).
     */
    boolean recopy(KeyRange range) throws SQLException;

    /**
     * The sessions that may hold rows of the range, for a person: who, from where, what it runs, how to end it.
     * Empty when none is seen or the server does not say (a privilege missing).
     */
    java.util.List<String> holders(KeyRange range) throws SQLException;
}
