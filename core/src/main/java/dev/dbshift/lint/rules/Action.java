package dev.dbshift.lint.rules;

import dev.dbshift.sql.StatementClassifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One action of an {@code ALTER TABLE} (or a column definition), as words: {@code ADD COLUMN c int NOT NULL},
 * {@code DROP c}, {@code ALTER COLUMN c TYPE bigint}, {@code MODIFY c bigint}.
 *
 * @param words the action's words, upper case, quoted names with their quotes
 */
record Action(List<String> words) {

    /** What can follow ADD or DROP instead of a column. */
    private static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "INDEX", "KEY", "PRIMARY", "UNIQUE", "FOREIGN",
            "CHECK", "FULLTEXT", "SPATIAL", "PARTITION", "PERIOD", "SYSTEM", "DEFAULT", "VERSIONING", "EXCLUDE");

    /** What can follow ALTER (in an ALTER TABLE) instead of a column. */
    private static final Set<String> NOT_ALTERED_COLUMNS = Set.of("CONSTRAINT", "INDEX", "KEY", "CHECK", "PARTITION");

    /** True when the words start with {@code expected}. */
    boolean is(String... expected) {
        return at(words, 0, expected);
    }

    /** True when {@code words} at {@code from} are {@code expected}. */
    static boolean at(List<String> words, int from, String... expected) {
        return StatementClassifier.startsWith(words, from, expected);
    }

    /** True when {@code word} is among the words outside parentheses. */
    boolean hasTopLevel(String word) {
        return topLevel(words).contains(word);
    }

    /**
     * The columns this action adds ({@code ADD [COLUMN] [IF NOT EXISTS] c def}, or the MySQL/H2 list
     * {@code ADD [COLUMN] (c def, d def)}), each as its definition's words starting with the name.
     */
    List<Action> addedColumns() {
        if (!is("ADD")) {
            return List.of();
        }
        int i = 1;
        if (at(words, i, "COLUMN")) {
            i++;
        } else if (i < words.size() && NOT_COLUMNS.contains(words.get(i))) {
            return List.of();
        }
        if (at(words, i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        if (at(words, i, "(")) {
            List<Action> out = new ArrayList<>();
            int close = closing(words, i);
            for (List<String> def : splitTopLevel(words.subList(i + 1, close))) {
                out.add(new Action(def));
            }
            return out;
        }
        return TableName.isName(words, i) ? List.of(new Action(words.subList(i, words.size()))) : List.of();
    }

    /**
     * For an action {@code verb [COLUMN] [IF EXISTS] c ...}: the index of {@code c}; -1 for another verb, or when the
     * word after the verb names something else ({@code notColumns}: CONSTRAINT, INDEX, ...).
     */
    private int columnAfter(String verb, Set<String> notColumns) {
        if (!is(verb)) {
            return -1;
        }
        int i = 1;
        if (at(words, i, "COLUMN")) {
            i++;
        } else if (i < words.size() && notColumns.contains(words.get(i))) {
            return -1;
        }
        return at(words, i, "IF", "EXISTS") ? i + 2 : i;
    }

    /** The columns this action drops ({@code DROP [COLUMN] [IF EXISTS] c}, H2's {@code DROP COLUMN (c, d)}). */
    List<String> droppedColumns() {
        int i = columnAfter("DROP", NOT_COLUMNS);
        if (i < 0) {
            return List.of();
        }
        if (at(words, i, "(")) {
            List<String> out = new ArrayList<>();
            for (List<String> name : splitTopLevel(words.subList(i + 1, closing(words, i)))) {
                if (!name.isEmpty()) {
                    out.add(name.get(0));
                }
            }
            return out;
        }
        return TableName.isName(words, i) ? List.of(words.get(i)) : List.of();
    }

    /**
     * For {@code ALTER [COLUMN] [IF EXISTS] c rest}: the column and the rest ({@code c TYPE bigint}, {@code c SET NOT NULL});
     * empty for any other action.
     */
    Optional<Action> columnChange() {
        int i = columnAfter("ALTER", NOT_ALTERED_COLUMNS);
        return i >= 0 && TableName.isName(words, i) && i + 1 < words.size()
                ? Optional.of(new Action(words.subList(i, words.size()))) : Optional.empty();
    }

    /** The words after the first one ({@code c TYPE bigint} read as {@code TYPE bigint}). */
    Action rest() {
        return new Action(words.subList(Math.min(1, words.size()), words.size()));
    }

    /** The first word (a column's name in a column definition or change). */
    String first() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /** The words outside any parentheses. */
    static List<String> topLevel(List<String> words) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        for (String w : words) {
            if (w.equals("(")) {
                depth++;
            } else if (w.equals(")")) {
                depth--;
            } else if (depth == 0) {
                out.add(w);
            }
        }
        return out;
    }

    /** {@code words} cut at the commas outside parentheses; empty parts dropped. */
    static List<List<String>> splitTopLevel(List<String> words) {
        List<List<String>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= words.size(); i++) {
            boolean end = i == words.size();
            String w = end ? "," : words.get(i);
            if (w.equals("(")) {
                depth++;
            } else if (w.equals(")")) {
                depth--;
            } else if (end || w.equals(",") && depth <= 0) {
                if (i > start) {
                    out.add(List.copyOf(words.subList(start, i)));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Index of the parenthesis closing the one at {@code open} (the end of the words when unclosed). */
    private static int closing(List<String> words, int open) {
        int depth = 0;
        for (int i = open; i < words.size(); i++) {
            if (words.get(i).equals("(")) {
                depth++;
            } else if (words.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return words.size();
    }
}
