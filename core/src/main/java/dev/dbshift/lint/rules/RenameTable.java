package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TABLE t RENAME [TO|AS] u} and MySQL's {@code RENAME TABLE t TO u, ...} of a table this migration did
 * not create. ({@code RENAME COLUMN}, {@code RENAME CONSTRAINT|INDEX|KEY} and PostgreSQL's {@code RENAME c TO d} are
 * not table renames.)
 */
final class RenameTable extends CommonRule {
    RenameTable() {
        super("rename-table", Level.ERROR, "the running application still uses the old name and fails until it is deployed",
                "create the new table (or a view under the new name), write to both, move readers, then drop the old one");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        List<String> renamed = new ArrayList<>();
        if (st.startsWith("RENAME", "TABLE")) {
            List<String> w = Migration.allWords(st);
            for (List<String> pair : Action.splitTopLevel(w.subList(2, w.size()))) {
                int[] end = new int[1];
                TableName from = TableName.at(pair, 0, end);
                if (from != null && Migration.existing(st, from)) {
                    renamed.add(from + to(pair, end[0] + 1));
                }
            }
        } else {
            Optional<AlterTable> alter = AlterTable.onExisting(st);
            if (alter.isPresent()) {
                for (Action a : alter.get().actions()) {
                    List<String> w = a.words();
                    boolean toNew = Action.at(w, 1, "TO") || Action.at(w, 1, "AS");
                    if (a.is("RENAME") && (toNew || w.size() == 2 && TableName.isName(w, 1))) {
                        renamed.add(alter.get().table() + to(w, toNew ? 2 : 1));
                    }
                }
            }
        }
        return at(st, renamed.isEmpty() ? null : "renames table " + String.join(", ", renamed));
    }

    private static String to(List<String> words, int i) {
        TableName to = TableName.at(words, i, new int[1]);
        return to == null ? "" : " to " + to;
    }
}
