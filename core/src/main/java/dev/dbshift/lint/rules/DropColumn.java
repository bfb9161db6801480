package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ALTER TABLE t DROP [COLUMN] c} on a table this migration did not create. */
final class DropColumn extends CommonRule {
    DropColumn() {
        super("drop-column", Level.ERROR, "dropping a column destroys its data and breaks code that still reads or writes it",
                "stop reading and writing the column in a release first (ignore it in the ORM), drop it in a later migration");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        for (Action action : alter.get().actions()) {
            action.droppedColumns().forEach(c -> columns.add(TableName.key(c)));
        }
        return at(st, columns.isEmpty() ? null
                : "drops column " + String.join(", ", columns) + " of " + alter.get().table());
    }
}
