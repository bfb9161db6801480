package dev.dbshift.lint.rules;

import dev.dbshift.db.h2.H2ScriptDialect;
import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.LintStatements;
import dev.dbshift.lint.Rule;
import dev.dbshift.sql.ScriptDialect;

import java.util.ArrayList;
import java.util.List;

/** Runs one rule over a migration's text split by a vendor's dialect, as the linter will. */
final class Lint {
    static final ScriptDialect H2 = new H2ScriptDialect();
    static final ScriptDialect PG = new PostgresScriptDialect();
    static final ScriptDialect MYSQL = new MySqlScriptDialect();
    static final String SCRIPT = "migrations/2__change.sql";

    private Lint() {
    }

    /** The findings of {@code rule} in {@code sql} (a migration with a down script, nothing known of the server). */
    static List<Finding> run(Rule rule, ScriptDialect dialect, String sql) {
        return run(rule, dialect, sql, true, LintMigration.ServerFacts.NONE);
    }

    static List<Finding> run(Rule rule, ScriptDialect dialect, String sql, boolean hasDown, LintMigration.ServerFacts facts) {
        List<Finding> out = new ArrayList<>();
        for (LintStatement st : LintStatements.of(dialect, SCRIPT, sql, true, false, hasDown, facts)) {
            out.addAll(rule.check(st));
        }
        return out;
    }

    /** The messages of the findings of {@code rule} in {@code sql}. */
    static List<String> messages(Rule rule, ScriptDialect dialect, String sql) {
        return run(rule, dialect, sql).stream().map(Finding::message).toList();
    }
}
