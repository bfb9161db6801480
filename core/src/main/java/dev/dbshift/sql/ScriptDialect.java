package dev.dbshift.sql;

import java.io.Reader;

/** How one database's own command-line client cuts a script into statements. */
public interface ScriptDialect {
    StatementIterator split(Reader script, ScriptOptions options);

    /**
     * What a statement of this client's scripts does to the session that runs it ({@link SessionStatements}): a
     * migration resumed on a new session makes the settings of the statements it skips again first.
     */
    default SessionStatements.Effect sessionEffect(String sql) {
        return SessionStatements.of(sql, LexicalRules.standard());
    }
}
