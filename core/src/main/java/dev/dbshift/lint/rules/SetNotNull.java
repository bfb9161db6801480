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
        return columns(st, a -> a.columnChange().filter(c -> c.rest().is("SET", "NOT", "NULL"))
                .map(c -> List.of(TableName.key(c.first()))).orElse(List.of()),
                (columns, table) -> "sets NOT NULL on " + columns + " of " + table);
    }
}
