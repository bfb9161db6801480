package dev.dbshift.sql;

/**
 * What a statement may change in how the rest of its script is read; handed to
 * {@link ScriptRules#afterStatement} once a statement is complete.
 */
public interface ScannerControl {

    /** Backslash escapes in plain string literals from now on (PostgreSQL standard_conforming_strings, MySQL sql_mode). */
    void backslashEscapes(boolean on);

    /** The statement just read is followed by inline copy data up to a line {@code \.} (psql {@code COPY ... FROM stdin}). */
    void copyDataFollows();
}
