package dev.dbshift.db.h2;

import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.sql.ScriptOptions;
import dev.dbshift.sql.ScriptRules;
import dev.dbshift.sql.ScriptScanner;
import dev.dbshift.sql.StatementIterator;

import java.io.Reader;

/**
 * Scripts as H2's {@code RUNSCRIPT} reads them: {@code '...'} and {@code "..."} without backslash
 * escapes, {@code --}, {@code //} and block comments, and {@code $$...$$} (the body of CREATE ALIAS
 * and of triggers written in Java source). H2 has no compound statements in SQL, so {@code ;} always
 * ends a statement outside quotes and comments.
 */
public final class H2ScriptDialect implements ScriptDialect, ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withSlashSlashComments()
            .withDollarQuotes(LexicalRules.DollarQuotes.UNTAGGED);

    public H2ScriptDialect() {
    }

    @Override
    public StatementIterator split(Reader script, ScriptOptions options) {
        return new ScriptScanner(script, options, this);
    }

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }
}
