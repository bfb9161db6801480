package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ALTER [COLUMN] c SET NOT NULL} (PostgreSQL, H2) on a table this migration did not create. */
final class SetNotNull extends CommonRule {
    SetNotNull() {
        super("set-not-null", Level.WARN,
                "the server scans every row under an exclusive lock to check for nulls, and fails if it finds one",
                "backfill the nulls first; on PostgreSQL 12+ add a CHECK (c IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        for (Action a : alter.get().actions()) {
            a.columnChange().filter(c -> c.rest().is("SET", "NOT", "NULL"))
                    .ifPresent(c -> columns.add(TableName.key(c.first())));
        }
        return at(st, columns.isEmpty() ? null
                : "sets NOT NULL on " + String.join(", ", columns) + " of " + alter.get().table()
                + Migration.rows(st, alter.get().table()));
    }
}
