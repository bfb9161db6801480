package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ADD [COLUMN] c type NOT NULL} without a {@code DEFAULT} (or any other source of values: identity,
 * auto-increment, generated, serial) on a table this migration did not create. A {@code NOT} of
 * {@code IS NOT NULL} inside a CHECK is no constraint on the column: only words outside parentheses count.
 */
final class AddNotNullColumn extends CommonRule {

    /** Words of a column definition that give existing rows a value. */
    private static final Set<String> FILLED = Set.of("DEFAULT", "AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY",
            "GENERATED", "AS", "SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8", "SERIAL2");

    AddNotNullColumn() {
        super("add-not-null-column", Level.ERROR,
                "existing rows have no value for the new column: the ALTER fails on a non-empty table (or fills a silent zero)",
                "add the column with a DEFAULT, or add it nullable, backfill it, then set NOT NULL");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        return columns(st, a -> a.addedColumns().stream().filter(column -> {
            List<String> top = Action.topLevel(column.words());
            return notNull(top) && top.stream().noneMatch(FILLED::contains);
        }).map(column -> TableName.key(column.first())).toList(),
                (columns, table) -> "adds NOT NULL column " + columns + " without a default to " + table);
    }

    private static boolean notNull(List<String> top) {
        for (int i = 1; i + 1 < top.size(); i++) {
            if (top.get(i).equals("NOT") && top.get(i + 1).equals("NULL") && !top.get(i - 1).equals("IS")) {
                return true;
            }
        }
        return false;
    }
}
