package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rewrite;
import dev.dbshift.lint.Rule;

import java.util.List;
import java.util.Optional;

/**
 * One PostgreSQL rule: its facts and a check from the statement (and its tokens) to the messages of its findings.
 *
 * @param check the messages of the findings at one statement, each naming the table or column
 */
record PgRule(String id, String why, String fix, Level level, Check check) implements Rule {

    /** The messages of a rule's findings at one statement (usually none). */
    @FunctionalInterface
    interface Check {
        List<String> messages(LintStatement statement, PgText text);
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        return check.messages(statement, PgText.of(statement)).stream().map(m -> statement.finding(this, m)).toList();
    }

    @Override
    public Optional<Rewrite> rewrite(LintStatement statement) {
        return PgRewrites.of(id, statement);
    }
}
