package dev.dbshift.db.sqlite.lint;

import dev.dbshift.lint.Rule;

import java.util.List;

/** The SQLite lint rules, as {@code SqliteDatabase.lintRules()} returns them. */
public final class SqliteLintRules {

    private SqliteLintRules() {
    }

    /** Every SQLite rule. */
    public static List<Rule> all() {
        return List.of(new AlterNeedsRebuild(), new AddNotNullWithoutDefault());
    }
}
