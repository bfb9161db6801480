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
        return SessionStatements.of(sql, lexicalForWords());
    }

    /** The user variables a statement reads or assigns ({@link SessionStatements#userVariables}). */
    default java.util.List<SessionStatements.Mention> userVariables(String sql) {
        return SessionStatements.userVariables(sql, lexicalForWords());
    }

    /** True when a statement may change where unqualified names are found ({@link SessionStatements#movesNames}). */
    default boolean movesNames(String sql) {
        return SessionStatements.movesNames(sql, lexicalForWords());
    }

    /** The client's quoting and comments, for reading a statement's words; standard SQL's unless the client says. */
    default LexicalRules lexicalForWords() {
        return LexicalRules.standard();
    }
}
