package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A column renamed on a table this migration did not create: {@code RENAME COLUMN c TO d} (every engine),
 * PostgreSQL's {@code RENAME c TO d}, H2's {@code ALTER COLUMN c RENAME TO d} and MySQL's {@code CHANGE c d type}
 * with two different names.
 */
final class RenameColumn extends CommonRule {
    RenameColumn() {
        super("rename-column", Level.ERROR, "the running application still uses the old name and fails until it is deployed",
                "add the new column, write to both, backfill, move readers, then drop the old column in a later migration");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        List<String> renamed = new ArrayList<>();
        for (Action a : alter.get().actions()) {
            List<String> w = a.words();
            Optional<Action> change = a.columnChange();
            if (a.is("RENAME", "COLUMN") && w.size() >= 5 && w.get(3).equals("TO")) {
                renamed.add(pair(w.get(2), w.get(4)));
            } else if (a.is("RENAME") && w.size() >= 4 && TableName.isName(w, 1) && w.get(2).equals("TO")) {
                renamed.add(pair(w.get(1), w.get(3)));
            } else if (change.isPresent() && change.get().rest().is("RENAME", "TO") && change.get().words().size() >= 4) {
                renamed.add(pair(change.get().first(), change.get().words().get(3)));
            } else if (a.is("CHANGE")) {
                int i = Action.at(w, 1, "COLUMN") ? 2 : 1;
                if (i + 1 < w.size() && !TableName.key(w.get(i)).equals(TableName.key(w.get(i + 1)))) {
                    renamed.add(pair(w.get(i), w.get(i + 1)));
                }
            }
        }
        return at(st, renamed.isEmpty() ? null
                : "renames column " + String.join(", ", renamed) + " of " + alter.get().table());
    }

    private static String pair(String from, String to) {
        return TableName.key(from) + " to " + TableName.key(to);
    }
}
