package dev.dbshift.db.sqlite.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ALTER TABLE that SQLite cannot run (its ALTER TABLE knows RENAME, ADD COLUMN and, since 3.35.0, DROP COLUMN
 * only): ALTER COLUMN, ADD/DROP CONSTRAINT, DROP COLUMN on an older declared version, and an ADD COLUMN with a
 * PRIMARY KEY, UNIQUE, a stored generated column or a non-constant default, which the SQLite manual
 * ("ALTER TABLE ADD COLUMN") forbids. Each needs the manual's twelve-step table rebuild. DROP COLUMN is reported
 * only for a version known to be older, as the driver dbshift ships is newer.
 */
final class AlterNeedsRebuild implements Rule {
    private static final Set<String> NOT_CONSTANT = Set.of("CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP", "(");

    @Override
    public String id() {
        return "sqlite-alter-needs-rebuild";
    }

    @Override
    public String why() {
        return "SQLite's ALTER TABLE cannot change a column or constraint in place: the statement fails";
    }

    @Override
    public String fix() {
        return "rebuild the table (sqlite.org/lang_altertable.html, 12 steps): CREATE TABLE new_t, INSERT INTO new_t SELECT, DROP TABLE t, ALTER TABLE new_t RENAME TO t";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        return SqliteAlterTable.of(statement).flatMap(alter -> problem(alter, statement))
                .map(p -> List.of(statement.finding(this, "ALTER TABLE " + p)))
                .orElse(List.of());
    }

    private static Optional<String> problem(SqliteAlterTable alter, LintStatement statement) {
        String t = alter.table();
        if (alter.is("ALTER")) {
            return Optional.of(t + " ALTER COLUMN: SQLite cannot change a column");
        }
        if (alter.is("ADD", "CONSTRAINT") || alter.is("DROP", "CONSTRAINT")) {
            return Optional.of(t + " " + alter.action().get(0) + " CONSTRAINT: SQLite cannot change constraints");
        }
        if (alter.is("DROP") && !olderThan335(statement).orElse(false)) {
            return Optional.empty();
        }
        if (alter.is("DROP")) {
            return Optional.of(t + " DROP COLUMN: SQLite " + statement.migration().facts().version().orElseThrow()
                    + " is older than 3.35.0, which brought DROP COLUMN");
        }
        return alter.addedColumn().flatMap(def -> addProblem(t, def));
    }

    private static Optional<String> addProblem(String table, List<String> def) {
        String column = SqliteAlterTable.name(def.get(0));
        if (SqliteAlterTable.topLevel(def, "PRIMARY") >= 0 || SqliteAlterTable.topLevel(def, "UNIQUE") >= 0) {
            return Optional.of(table + " ADD COLUMN " + column + " with PRIMARY KEY or UNIQUE: SQLite cannot add a key column");
        }
        if (SqliteAlterTable.topLevel(def, "STORED") >= 0) {
            return Optional.of(table + " ADD COLUMN " + column + " as a stored generated column: SQLite adds only VIRTUAL ones");
        }
        int d = SqliteAlterTable.topLevel(def, "DEFAULT");
        if (d >= 0 && d + 1 < def.size() && NOT_CONSTANT.contains(def.get(d + 1))) {
            return Optional.of(table + " ADD COLUMN " + column + " with a non-constant DEFAULT: SQLite needs a constant");
        }
        return Optional.empty();
    }

    /** True when the declared SQLite version is before 3.35.0; empty when unknown. */
    private static Optional<Boolean> olderThan335(LintStatement statement) {
        return statement.migration().facts().version().filter(v -> v.matches("\\d+\\.\\d+.*")).map(v -> v.split("[^0-9]+"))
                .map(p -> Integer.parseInt(p[0]) < 3 || Integer.parseInt(p[0]) == 3 && Integer.parseInt(p[1]) < 35);
    }
}
