package dev.dbshift.sql;

/** What a client does with a backslash met outside literals and comments. */
public enum BackslashAction {
    /** Part of the SQL text. */
    TEXT,
    /** The backslash and the next character end the statement, like the terminator (mysql's {@code \g}, {@code \G}). */
    TERMINATE,
    /** A client command with no effect on the server: the whole line is skipped (psql's {@code \restrict}). */
    IGNORE_LINE,
    /** A client command dbshift cannot honour: the script is rejected, naming the line. */
    REJECT
}
