package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A common rule's description (id, level, why, fix); each subclass writes only its check. */
abstract class CommonRule implements Rule {
    private final String id;
    private final Level level;
    private final String why;
    private final String fix;

    CommonRule(String id, Level level, String why, String fix) {
        this.id = id;
        this.level = level;
        this.why = why;
        this.fix = fix;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String why() {
        return why;
    }

    @Override
    public final String fix() {
        return fix;
    }

    @Override
    public final Level level() {
        return level;
    }

    /** One finding at {@code st}, or none when {@code message} is null. */
    final List<Finding> at(LintStatement st, String message) {
        return message == null ? List.of() : List.of(st.finding(this, message));
    }

    /**
     * For a rule about the columns an ALTER TABLE of an existing table touches: the columns {@code pick} finds in each
     * action, reported in one finding, {@code message(columns, table)} followed by the table's row count when known.
     */
    final List<Finding> columns(LintStatement st, Function<Action, List<String>> pick,
                                BiFunction<String, String, String> message) {
        Optional<AlterTable> alter = AlterTable.onExisting(st);
        if (alter.isEmpty()) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        alter.get().actions().forEach(a -> columns.addAll(pick.apply(a)));
        TableName table = alter.get().table();
        return at(st, columns.isEmpty() ? null
                : message.apply(String.join(", ", columns), table.toString()) + Migration.rows(st, table));
    }

    @Override
    public String toString() {
        return id;
    }
}
