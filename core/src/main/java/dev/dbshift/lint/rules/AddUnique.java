package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.List;
import java.util.Optional;

/**
 * A unique index or constraint on a table this migration did not create: {@code CREATE UNIQUE INDEX ... ON t},
 * {@code ADD [CONSTRAINT n] UNIQUE ...}, MySQL's {@code ADD UNIQUE [INDEX|KEY]}. PostgreSQL's
 * {@code ADD CONSTRAINT n UNIQUE USING INDEX i} (over an index built before) is the safe form, not reported.
 */
final class AddUnique extends CommonRule {
    AddUnique() {
        super("add-unique", Level.WARN,
                "existing rows may hold duplicates (the migration fails), and the index is built over the whole table under a lock",
                "find and fix duplicates first; build the unique index without blocking writes (CONCURRENTLY, ALGORITHM=INPLACE or -- dbshift:online)");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        if (st.startsWith("CREATE", "UNIQUE")) {
            List<String> w = Migration.allWords(st);
            List<String> top = Action.topLevel(w);
            int on = top.indexOf("ON");
            int[] end = new int[1];
            TableName table = on < 0 ? null : TableName.at(top, Action.at(top, on + 1, "ONLY") ? on + 2 : on + 1, end);
            return at(st, table == null || !Migration.existing(st, table) ? null
                    : "creates a unique index on existing table " + table + Migration.rows(st, table));
        }
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        for (Action a : alter.get().actions()) {
            List<String> w = a.words();
            int i = a.is("ADD", "CONSTRAINT") ? 3 : 1;
            if (a.is("ADD") && Action.at(w, i, "UNIQUE") && !a.hasTopLevel("USING")) {
                return at(st, "adds a unique constraint to existing table " + alter.get().table()
                        + Migration.rows(st, alter.get().table()));
            }
        }
        return List.of();
    }
}
