package dev.dbshift.check;

import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.lint.Linter;
import dev.dbshift.lint.Rule;
import dev.dbshift.lint.rules.CommonRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The linter of one project on one database: every engine's rules then the database's own, its dialect, the
 * project's {@code [lint]} levels, and the facts (read from the server when connected, else the declared
 * {@code server_version}; the connected version wins). Here, above {@code db/} and {@code config/}, because
 * {@code lint/} sits below them (the database SPI returns its rules).
 */
public final class ProjectLinter {
    private ProjectLinter() {
    }

    /** The rules for {@code database}: every engine's, then its own. */
    public static List<Rule> rules(Database database) {
        List<Rule> all = new ArrayList<>(CommonRules.all());
        all.addAll(database.lintRules());
        return all;
    }

    /**
     * @param connected what the server said ({@link LintMigration.ServerFacts#NONE} offline)
     * @throws dev.dbshift.DbShiftException (bad input) when {@code [lint]} sets the level of a rule the database lacks
     */
    public static Linter of(Database database, Settings settings, LintMigration.ServerFacts connected) {
        LintMigration.ServerFacts facts = connected.version().isEmpty() && settings.lint().serverVersion().isPresent()
                ? new LintMigration.ServerFacts(settings.lint().serverVersion(), connected.rowCounts()) : connected;
        return new Linter(database.scriptDialect(), database.supportsTransactionalDdl(), rules(database),
                settings.lint().levels(), facts);
    }
}
