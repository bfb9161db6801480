package dev.dbshift.db.h2;

import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScriptRules;

/**
 * Scripts as H2 2.x reads them: {@code '...'}, {@code "..."} and {@code `...`} without backslash
 * escapes, {@code --} and {@code //} line comments, nested block comments, and {@code $$...$$} (the
 * body of CREATE ALIAS and of triggers written in Java source). Checked against H2's own parser. H2 has no compound statements in SQL, so {@code ;} always
 * ends a statement outside quotes and comments.
 */
public final class H2ScriptDialect implements ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withSlashSlashComments()
            .withNestedBlockComments()
            .withBacktickIdentifiers()
            .withDollarQuotes(LexicalRules.DollarQuotes.UNTAGGED);

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }
}
