package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A column's type changed on a table this migration did not create: {@code ALTER [COLUMN] c [SET DATA] TYPE t}
 * (PostgreSQL, H2), H2's {@code ALTER COLUMN c t}, MySQL's {@code MODIFY [COLUMN] c t} and {@code CHANGE c c t}
 * (a {@code CHANGE} to another name is a rename, which {@code rename-column} reports).
 */
final class ChangeColumnType extends CommonRule {

    /** What follows {@code ALTER COLUMN c} when the change is not a new type. */
    private static final Set<String> NOT_TYPES = Set.of("SET", "DROP", "RENAME", "RESTART", "SELECTIVITY", "ADD",
            "INVISIBLE", "VISIBLE", "RESET", "OPTIONS", "ON");

    ChangeColumnType() {
        super("change-column-type", Level.WARN,
                "a new type may rewrite the whole table under a lock, and code may not read the new type",
                "add a column of the new type, backfill it in batches, switch readers, then drop the old one");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        return columns(st, ChangeColumnType::retyped, (columns, table) -> "changes the type of " + columns + " of " + table);
    }

    /** The column whose type {@code a} changes ({@code ALTER [COLUMN] c [SET DATA] TYPE}, {@code MODIFY}, {@code CHANGE c c}). */
    private static List<String> retyped(Action a) {
        List<String> w = a.words();
        int i = Action.at(w, 1, "COLUMN") ? 2 : 1;
        Optional<Action> change = a.columnChange();
        if (change.isPresent() && newType(change.get().rest())) {
            return List.of(TableName.key(change.get().first()));
        } else if (a.is("MODIFY") && TableName.isName(w, i)) {
            return List.of(TableName.key(w.get(i)));
        } else if (a.is("CHANGE") && i + 1 < w.size() && TableName.key(w.get(i)).equals(TableName.key(w.get(i + 1)))) {
            return List.of(TableName.key(w.get(i)));
        }
        return List.of();
    }

    private static boolean newType(Action rest) {
        return rest.is("TYPE") || rest.is("SET", "DATA", "TYPE")
                || !rest.words().isEmpty() && TableName.isName(rest.words(), 0) && !NOT_TYPES.contains(rest.first());
    }
}
