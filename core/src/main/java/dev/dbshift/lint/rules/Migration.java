package dev.dbshift.lint.rules;

import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;

import java.util.List;
import java.util.Set;

/**
 * What a rule asks of the migration around a statement: whether a table is new (created earlier in the same
 * migration, so it holds no rows another session reads) and the words of the other statements. Read on demand,
 * only for the statements a rule already found suspicious, so a migration of many INSERTs costs nothing.
 */
final class Migration {

    /** Words read of another statement to find the table it creates: enough for the longest CREATE ... TABLE head. */
    private static final int HEAD = 16;

    private static final Set<String> CREATE_MODIFIERS = Set.of("GLOBAL", "LOCAL", "TEMPORARY", "TEMP", "UNLOGGED",
            "CACHED", "MEMORY", "TEXT", "VIRTUAL", "FOREIGN");

    private Migration() {
    }

    /** Every word of the statement (its {@code words()} stop after a few hundred). */
    static List<String> allWords(LintStatement st) {
        return words(st.statement(), Integer.MAX_VALUE);
    }

    /** Up to {@code max} words of {@code statement}, as {@link LintStatement#words()} has them. */
    static List<String> words(SqlStatement statement, int max) {
        return StatementEffect.firstWords(statement.sql(), max);
    }

    /** True when {@code table} was not created by a statement before {@code st} in its migration. */
    static boolean existing(LintStatement st, TableName table) {
        List<SqlStatement> all = st.migration().statements();
        for (int i = 0; i < st.ordinal() - 1 && i < all.size(); i++) {
            TableName created = createdTable(words(all.get(i), HEAD));
            if (created != null && created.sameTable(table)) {
                return false;
            }
        }
        return true;
    }

    /** The table a {@code CREATE [OR REPLACE] [TEMPORARY ...] TABLE [IF NOT EXISTS] name} creates, else null. */
    static TableName createdTable(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("CREATE")) {
            return null;
        }
        int i = 1;
        if (Action.at(words, i, "OR", "REPLACE")) {
            i += 2;
        }
        while (i < words.size() && CREATE_MODIFIERS.contains(words.get(i))) {
            i++;
        }
        if (!Action.at(words, i, "TABLE")) {
            return null;
        }
        i++;
        if (Action.at(words, i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        return TableName.at(words, i, new int[1]);
    }

    /** " (~N rows)" when the server's row count of {@code table} is known, else "". */
    static String rows(LintStatement st, TableName table) {
        Long rows = st.migration().facts().rowCounts().get(table.key());
        return rows == null ? "" : " (~" + rows + " rows)";
    }
}
