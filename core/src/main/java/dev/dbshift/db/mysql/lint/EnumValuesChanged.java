package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ENUM or SET column redefined with values removed, reordered or inserted before the end. The server stores the
 * index of a value: such a change copies the table and remaps (or, for a removed value, empties) stored values.
 * The old values come from the latest earlier definition of the column in the same migration (CREATE TABLE, or an
 * ALTER's ADD/MODIFY/CHANGE); when there is none, the finding asks to check, as a warning.
 */
final class EnumValuesChanged implements Rule {

    @Override
    public String id() {
        return "mysql-enum-values-changed";
    }

    @Override
    public String why() {
        return "ENUM/SET values are stored by position: removing, reordering or inserting values copies the table and changes or blanks stored data";
    }

    @Override
    public String fix() {
        return "only append new values at the end of the list; retire a value in application code, not in the column";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        List<String> tokens = MySqlDdl.tokens(statement);
        Optional<MySqlDdl.AlterTable> alter = MySqlDdl.alterTable(tokens);
        if (alter.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (List<String> clause : alter.get().clauses()) {
            if (!MySqlDdl.at(clause, 0, "MODIFY") && !MySqlDdl.at(clause, 0, "CHANGE")) {
                continue;
            }
            for (MySqlDdl.Column column : MySqlDdl.alteredColumns(clause)) {
                if (!isEnumOrSet(column)) {
                    continue;
                }
                String oldName = MySqlDdl.at(clause, 0, "CHANGE")
                        ? MySqlDdl.name(clause.get(MySqlDdl.at(clause, 1, "COLUMN") ? 2 : 1)) : column.name();
                List<String> now = MySqlDdl.values(column.definition(), 1);
                String where = column.type() + " column " + alter.get().table() + "." + column.name();
                Optional<List<String>> before = earlierValues(statement, alter.get().table(), oldName, column.type());
                if (before.isEmpty()) {
                    Finding f = statement.finding(this, where + " is redefined and its old values are not in this migration:"
                            + " check that values are only appended at the end");
                    out.add(new Finding(f.rule(), Level.WARN, f.file(), f.line(), f.column(), f.message(), f.fix()));
                } else {
                    describe(before.get(), now).ifPresent(change -> out.add(statement.finding(this, where + ": " + change)));
                }
            }
        }
        return out;
    }

    /** What is wrong with going from {@code before} to {@code now}, unless values were only appended. */
    static Optional<String> describe(List<String> before, List<String> now) {
        if (now.size() >= before.size() && now.subList(0, before.size()).equals(before)) {
            return Optional.empty();
        }
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(now);
        if (!removed.isEmpty()) {
            return Optional.of("values removed: " + String.join(", ", removed));
        }
        return Optional.of("values reordered or inserted before the end: " + before + " became " + now);
    }

    private static boolean isEnumOrSet(MySqlDdl.Column column) {
        return (column.type().equals("ENUM") || column.type().equals("SET")) && MySqlDdl.at(column.definition(), 1, "(");
    }

    /** The values of the latest earlier definition of {@code table.column} in the migration, when it is there. */
    private static Optional<List<String>> earlierValues(LintStatement statement, String table, String column, String type) {
        List<SqlStatement> all = statement.migration().statements();
        for (int i = Math.min(statement.ordinal() - 1, all.size()) - 1; i >= 0; i--) {
            List<String> t = MySqlDdl.tokens(all.get(i).sql());
            boolean sameTable = MySqlDdl.createTable(t).map(c -> c.table().equals(table))
                    .or(() -> MySqlDdl.alterTable(t).map(a -> a.table().equals(table))).orElse(false);
            if (!sameTable) {
                continue;
            }
            List<MySqlDdl.Column> columns = MySqlDdl.columns(t);
            for (int k = columns.size() - 1; k >= 0; k--) {
                MySqlDdl.Column c = columns.get(k);
                if (c.name().equals(column)) {
                    return c.type().equals(type) && isEnumOrSet(c) ? Optional.of(MySqlDdl.values(c.definition(), 1)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
