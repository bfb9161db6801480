package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.List;
import java.util.Optional;

/**
 * A foreign key added to a table this migration did not create: {@code ADD [CONSTRAINT n] FOREIGN KEY ...}, or a
 * new column with {@code REFERENCES}. One added {@code NOT VALID} (PostgreSQL) checks no existing row and is the
 * safe form. A foreign key in a {@code CREATE TABLE} checks no rows either and is not reported.
 */
final class AddForeignKey extends CommonRule {
    AddForeignKey() {
        super("add-foreign-key", Level.WARN,
                "every existing row is checked against the referenced table while both tables are locked",
                "add it without checking existing rows (PostgreSQL: NOT VALID, then VALIDATE CONSTRAINT in a later migration), off-peak");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        for (Action a : alter.get().actions()) {
            int i = a.is("ADD", "CONSTRAINT") ? 3 : 1;
            boolean foreignKey = a.is("ADD") && Action.at(a.words(), i, "FOREIGN", "KEY")
                    || a.addedColumns().stream().anyMatch(c -> c.hasTopLevel("REFERENCES"));
            if (foreignKey && !a.hasTopLevel("VALID")) {
                return at(st, "adds a foreign key to existing table " + alter.get().table()
                        + Migration.rows(st, alter.get().table()));
            }
        }
        return List.of();
    }
}
