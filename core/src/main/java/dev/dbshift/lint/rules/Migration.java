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

    /**
     * True when {@code st}'s migration rebuilds {@code table} around {@code st}: its rows copied into another table before
     * ({@code INSERT INTO n ... FROM table}) and that table renamed to its name after ({@code ALTER TABLE n RENAME TO
     * table}). SQLite's documented way to change a table, and what dbshift writes for one: the table's rows live on.
     */
    static boolean rebuilt(LintStatement st, TableName table) {
        List<SqlStatement> all = st.migration().statements();
        List<TableName> copies = new java.util.ArrayList<>();
        for (int i = 0; i < st.ordinal() - 1 && i < all.size(); i++) {
            List<String> w = words(all.get(i), Integer.MAX_VALUE);
            int from = w.indexOf("FROM");
            if (Action.at(w, 0, "INSERT", "INTO") && from > 0) {
                TableName into = TableName.at(w, 2, new int[1]);
                TableName source = TableName.at(w, from + 1, new int[1]);
                if (into != null && source != null && source.sameTable(table)) {
                    copies.add(into);
                }
            }
        }
        for (int i = Math.max(0, st.ordinal()); i < all.size() && !copies.isEmpty(); i++) {
            List<String> w = words(all.get(i), Integer.MAX_VALUE);
            int[] end = new int[1];
            TableName renamed = Action.at(w, 0, "ALTER", "TABLE") ? TableName.at(w, 2, end) : null;
            if (renamed != null && Action.at(w, end[0], "RENAME", "TO")) {
                TableName to = TableName.at(w, end[0] + 2, new int[1]);
                if (to != null && to.sameTable(table) && copies.stream().anyMatch(c -> c.sameTable(renamed))) {
                    return true;
                }
            }
        }
        return false;
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
