package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code DROP TABLE} of a table this migration did not create: its rows are gone, and code still reading it breaks. Not
 * when the migration rebuilds it ({@link Migration#rebuilt}: rows copied to a new table, renamed back after the drop).
 */
final class DropTable extends CommonRule {
    DropTable() {
        super("drop-table", Level.ERROR, "dropping a table destroys its data and breaks code that still reads it",
                "stop using the table in a release first, keep a backup (rename it aside), drop it in a later migration");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        if (!st.startsWith("DROP", "TABLE")) {
            return List.of();
        }
        List<String> w = Migration.allWords(st);
        int i = 2;
        if (Action.at(w, i, "IF", "EXISTS")) {
            i += 2;
        }
        List<String> dropped = new ArrayList<>();
        for (List<String> part : Action.splitTopLevel(w.subList(Math.min(i, w.size()), w.size()))) {
            TableName table = TableName.at(part, 0, new int[1]);
            if (table != null && Migration.existing(st, table) && !Migration.rebuilt(st, table)) {
                dropped.add(table + Migration.rows(st, table));
            }
        }
        return at(st, dropped.isEmpty() ? null : "drops table " + String.join(", ", dropped));
    }
}
