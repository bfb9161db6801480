package dev.dbshift.lint;

import dev.dbshift.sql.SqlStatement;

import java.util.List;

/**
 * What a rule sees of one statement: the statement as the vendor's dialect split it, its first words (upper case,
 * comments skipped), where it sits in its migration, and the facts of the migration around it.
 *
 * @param statement     the statement (text, line, column, kind, whether the server refuses it in a transaction)
 * @param words         its leading words, upper case, without comments (see {@code sql/StatementEffect.firstWords})
 * @param script        the script's name as the project names it
 * @param ordinal       1-based position of the statement in its migration
 * @param migration     the migration's facts (every statement of it, its directives, whether it has a down script)
 */
public record LintStatement(SqlStatement statement, List<String> words, String script, int ordinal, LintMigration migration) {

    /** A finding of {@code rule} at this statement. */
    public Finding finding(Rule rule, String message) {
        return new Finding(rule.id(), rule.level(), script, statement.line(), statement.column(), message, rule.fix());
    }

    /** True when the words start with {@code expected} (upper case), e.g. {@code startsWith("CREATE", "INDEX")}. */
    public boolean startsWith(String... expected) {
        if (words.size() < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!words.get(i).equals(expected[i])) {
                return false;
            }
        }
        return true;
    }
}
