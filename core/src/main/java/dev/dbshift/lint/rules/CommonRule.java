package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.List;

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

    @Override
    public String toString() {
        return id;
    }
}
