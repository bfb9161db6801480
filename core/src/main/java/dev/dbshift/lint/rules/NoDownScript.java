package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.List;

/** A migration without a down script, reported once, on its first statement. */
final class NoDownScript extends CommonRule {
    NoDownScript() {
        super("no-down-script", Level.WARN, "without a down script the migration cannot be rolled back by dbshift down",
                "write its down script beside it (NAME.down.sql or U<version>__NAME.sql)");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        return at(st, st.ordinal() != 1 || st.migration().hasDown() ? null
                : "migration " + st.migration().label() + " has no down script");
    }
}
