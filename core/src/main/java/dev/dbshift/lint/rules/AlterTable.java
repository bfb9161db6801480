package dev.dbshift.lint.rules;

import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code ALTER TABLE} statement read from its words: the table and its actions, cut at the commas outside
 * parentheses. Reads the spellings of every engine: {@code ALTER [ONLINE|IGNORE] TABLE [IF EXISTS] [ONLY] name [*]}.
 *
 * @param table   the altered table
 * @param actions each action's words ({@code ADD COLUMN c int NOT NULL}), in order
 */
record AlterTable(TableName table, List<Action> actions) {

    private static final Set<String> MODIFIERS = Set.of("ONLINE", "OFFLINE", "IGNORE");

    /** The ALTER TABLE that {@code words} spell, if they spell one. */
    static Optional<AlterTable> of(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("ALTER")) {
            return Optional.empty();
        }
        int i = 1;
        while (i < words.size() && MODIFIERS.contains(words.get(i))) {
            i++;
        }
        if (!Action.at(words, i, "TABLE")) {
            return Optional.empty();
        }
        i++;
        if (Action.at(words, i, "IF", "EXISTS")) {
            i += 2;
        }
        if (Action.at(words, i, "ONLY")) {
            i++;
        }
        int[] end = new int[1];
        TableName table = TableName.at(words, i, end);
        if (table == null) {
            return Optional.empty();
        }
        i = end[0];
        if (Action.at(words, i, "*")) {
            i++;
        }
        List<Action> actions = new ArrayList<>();
        for (List<String> part : Action.splitTopLevel(words.subList(i, words.size()))) {
            actions.add(new Action(part));
        }
        return Optional.of(new AlterTable(table, List.copyOf(actions)));
    }

    /** The ALTER TABLE of {@code st}, if it is one and alters a table not created earlier in its migration. */
    static Optional<AlterTable> onExisting(LintStatement st) {
        if (!st.startsWith("ALTER")) {
            return Optional.empty();
        }
        return of(Migration.allWords(st)).filter(a -> Migration.existing(st, a.table()));
    }

    /** True when an action renames something: PostgreSQL will not run a RENAME together with other actions. */
    boolean renames() {
        return actions.stream().anyMatch(a -> a.is("RENAME") || a.columnChange().map(c -> c.is("RENAME")).orElse(false));
    }
}
