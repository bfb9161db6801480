package dev.dbshift.db.sqlite;

import dev.dbshift.sql.BlockTracker;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScriptRules;

import java.util.List;

/**
 * Scripts as the {@code sqlite3} shell runs them: {@code '...'}, {@code "..."}, {@code `...`} and
 * {@code [...]} quoting, no backslash escapes, flat block comments, and a CREATE TRIGGER whose
 * {@code BEGIN ... END} body holds {@code ;} (see {@link SqliteScriptBlocks}).
 */
public final class SqliteScriptDialect implements ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withBacktickIdentifiers()
            .withBracketIdentifiers();

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }

    @Override
    public BlockTracker newTracker(String delimiter) {
        return new SqliteScriptBlocks();
    }

    @Override
    public boolean noTransaction(String sql, List<String> words) {
        return !words.isEmpty() && words.get(0).equals("VACUUM");
    }
}
