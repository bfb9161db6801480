package dev.dbshift.db.sqlite.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.List;

/**
 * {@code ALTER TABLE t ADD COLUMN c ... NOT NULL} without a non-null default: SQLite refuses it ("Cannot add a NOT
 * NULL column with default value NULL"), whether or not the table has rows.
 */
final class AddNotNullWithoutDefault implements Rule {

    @Override
    public String id() {
        return "sqlite-add-not-null-without-default";
    }

    @Override
    public String why() {
        return "SQLite refuses to add a NOT NULL column whose default is NULL: the migration fails";
    }

    @Override
    public String fix() {
        return "give the column a constant DEFAULT, or add it nullable, backfill, then rebuild the table with NOT NULL";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        return SqliteAlterTable.of(statement).flatMap(alter -> alter.addedColumn().map(def -> {
            int notNull = SqliteAlterTable.topLevel(def, "NOT");
            boolean isNotNull = notNull >= 0 && notNull + 1 < def.size() && def.get(notNull + 1).equals("NULL");
            int d = SqliteAlterTable.topLevel(def, "DEFAULT");
            boolean nullDefault = d < 0 || d + 1 >= def.size() || def.get(d + 1).equals("NULL");
            return isNotNull && nullDefault
                    ? List.of(statement.finding(this, "ALTER TABLE " + alter.table() + " ADD COLUMN "
                    + SqliteAlterTable.name(def.get(0)) + " is NOT NULL without a default"))
                    : List.<Finding>of();
        })).orElse(List.of());
    }
}
