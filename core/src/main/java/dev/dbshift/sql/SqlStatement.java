package dev.dbshift.sql;

import java.util.List;

/**
 * One statement of a script as the database's own client would send it.
 *
 * @param sql          the text sent to the server: no terminator, placeholders replaced
 * @param line         1-based line in the script where the statement starts
 * @param column       1-based column where the statement starts
 * @param kind         classification
 * @param noTransaction true when the server refuses to run it inside a transaction block
 *                     (CREATE INDEX CONCURRENTLY, VACUUM, ALTER TYPE ... ADD VALUE, CREATE DATABASE)
 * @param copyData     for PostgreSQL {@code COPY ... FROM stdin}: the inline data up to (not including)
 *                     the {@code \.} line, else null
 * @param raw          the exact script text this statement came from, from the end of the previous
 *                     statement (comments, blank lines, delimiter commands) through its terminator;
 *                     concatenating {@code raw} of every statement and the iterator's trailing text
 *                     gives back the script byte for byte
 */
public record SqlStatement(String sql, int line, int column, StatementKind kind, boolean noTransaction,
                           String copyData, String raw) {

    /** How many leading words {@link #alone} reads a statement by. */
    public static final int ALONE_WORDS = 6;

    /**
     * A statement given alone, not cut from a script (run by a Java migration, written by a DDL writer), classified by
     * {@code dialect}'s rules as its scanner classifies a script's ({@link ScriptRules#kind}: MariaDB's
     * {@code BEGIN NOT ATOMIC} is a block, not a transaction).
     */
    public static SqlStatement alone(String sql, ScriptDialect dialect) {
        return alone(sql, dialect, StatementWords.of(sql, dialect.lexicalForWords(), ALONE_WORDS));
    }

    /** {@link #alone(String, ScriptDialect)} with its first {@link #ALONE_WORDS} words read already. */
    public static SqlStatement alone(String sql, ScriptDialect dialect, List<String> words) {
        if (!(dialect instanceof ScriptRules rules)) {
            return new SqlStatement(sql, 1, 1, StatementClassifier.kind(words), false, null, sql);
        }
        return new SqlStatement(sql, 1, 1, rules.kind(words), rules.noTransaction(sql, words), null, sql);
    }
}
