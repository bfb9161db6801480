package dev.dbshift.sql;

/**
 * A place in a script, for reporting a server error against the script rather than the statement:
 * servers count from the start of the statement they were sent (PostgreSQL's error position is a
 * character offset, MariaDB says "at line 3"), users read the file.
 *
 * <p>Offsets count characters of {@link SqlStatement#sql()}; where placeholders were replaced before
 * the error position, the column may be off by the difference in length (the line is not, unless a
 * placeholder value holds a line break).
 */
public record ScriptPosition(int line, int column) {

    /** Where the character at {@code offset} (0-based) of the statement's SQL text lies in the script. */
    public static ScriptPosition atOffset(SqlStatement statement, int offset) {
        String sql = statement.sql();
        int end = Math.max(0, Math.min(offset, sql.length()));
        int line = statement.line();
        int lastBreak = -1;
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lastBreak = i;
            }
        }
        int column = lastBreak < 0 ? statement.column() + end : end - lastBreak;
        return new ScriptPosition(line, column);
    }

    /** Where line {@code lineInStatement} (1-based) of the statement's SQL text lies in the script. */
    public static ScriptPosition atLine(SqlStatement statement, int lineInStatement) {
        return new ScriptPosition(statement.line() + Math.max(0, lineInStatement - 1), 1);
    }

    /** {@code source:line:column: message}, the form of every dbshift script error. */
    public String format(String source, String message) {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
