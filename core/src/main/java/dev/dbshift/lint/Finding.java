package dev.dbshift.lint;

/**
 * One thing a rule found in one statement.
 *
 * @param rule    the rule's id, e.g. {@code pg-index-not-concurrent}
 * @param level   after the project's {@code [lint]} levels were applied
 * @param file    the script, as the project names it ({@code migrations/2__add_index.sql})
 * @param line    1-based line of the statement (or of the part of it the finding is about)
 * @param column  1-based column
 * @param message what is wrong here, in one line, naming the table or column
 * @param fix     the safe rewrite, in one line
 */
public record Finding(String rule, Level level, String file, int line, int column, String message, String fix) {
}
