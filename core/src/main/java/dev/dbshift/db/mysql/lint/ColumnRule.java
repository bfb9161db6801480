package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A rule about one column definition at a time, in a CREATE TABLE or an ALTER TABLE's ADD, MODIFY or CHANGE: the
 * type rules (FLOAT, TIMESTAMP, zero dates, auto-increment capacity) differ only in what they look for.
 *
 * @param id      the rule's id
 * @param why     why it matters
 * @param fix     the safe rewrite
 * @param level   the default level
 * @param message the finding's message for a column, or empty when the column is fine
 */
record ColumnRule(String id, String why, String fix, Level level, Function<MySqlDdl.Column, Optional<String>> message)
        implements Rule {

    @Override
    public List<Finding> check(LintStatement statement) {
        if (!statement.startsWith("CREATE") && !statement.startsWith("ALTER")) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (MySqlDdl.Column column : MySqlDdl.columns(MySqlDdl.tokens(statement))) {
            message.apply(column).ifPresent(m -> out.add(statement.finding(this, m)));
        }
        return out;
    }
}
