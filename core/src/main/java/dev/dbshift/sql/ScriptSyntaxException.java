package dev.dbshift.sql;

import dev.dbshift.DbShiftException;

/** A script that cannot be split: {@code source:line:column: message}, pointing where the bad token starts. */
public final class ScriptSyntaxException extends DbShiftException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;

    public ScriptSyntaxException(String source, int line, int column, String message) {
        super(BAD_INPUT, source + ":" + line + ":" + column + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() { return source; }
    public int line() { return line; }
    public int column() { return column; }
}
