package dev.dbshift.sql;

import java.util.Iterator;

/**
 * Statements read lazily from a script: memory stays flat however long the script is.
 * {@link #next()} throws {@link ScriptSyntaxException} for a script the client would reject.
 */
public interface StatementIterator extends Iterator<SqlStatement>, AutoCloseable {
    /** Text after the last statement (whitespace, comments); valid once {@link #hasNext()} is false. */
    String trailing();

    @Override
    void close();
}
