package dev.dbshift.sql;

import java.io.Reader;
import java.util.List;

/**
 * Everything the shared {@link ScriptScanner} needs to know about one vendor's client. Implemented in
 * {@code db/<vendor>/}; the scanner itself never tests for a vendor. Rules are a {@link ScriptDialect}
 * already: splitting is the shared scanner reading with them, so no vendor writes {@link #split} again.
 */
public interface ScriptRules extends ScriptDialect {

    @Override
    default StatementIterator split(Reader script, ScriptOptions options) {
        return new ScriptScanner(script, options, this);
    }

    /** Comments, quotes and client commands. */
    LexicalRules lexical();

    /** This client's quoting and comments (a MySQL dump's first lines are SETs in executable comments). */
    @Override
    default LexicalRules lexicalForWords() {
        return lexical();
    }

    /** A fresh tracker for the next statement, given the terminator in force ({@code ;} unless a DELIMITER changed it). */
    default BlockTracker newTracker(String delimiter) {
        return BlockTracker.NONE;
    }

    /**
     * What to do with a backslash outside literals and comments.
     *
     * @param next             the character after the backslash ({@code 0} at the end of input)
     * @param word             the run of letters after the backslash (may be empty)
     * @param arguments        the rest of that line after the letters, trimmed; null when it is longer than 4,096
     *                         characters (nothing of it can then be said to be harmless); empty within a statement
     * @param statementStart   true when no SQL of the current statement has been read yet
     */
    default BackslashAction backslash(char next, String word, String arguments, boolean statementStart) {
        return BackslashAction.TEXT;
    }

    /**
     * Classifies a statement from its first six tokens ({@link StatementWords}); a rule that needs more
     * tokens for a rare statement reads them with {@link StatementWords#of} from the SQL text.
     */
    default StatementKind kind(List<String> words) {
        return StatementClassifier.kind(words);
    }

    /** True when the server refuses to run the statement inside a transaction block. */
    default boolean noTransaction(String sql, List<String> words) {
        return false;
    }

    /** Called after each statement; may change how the rest of the script is read. */
    default void afterStatement(String sql, List<String> words, ScannerControl control) {
    }

    /**
     * What to say about a statement dbshift cannot honour in a migration, refused where it is read, before anything of the
     * script runs: a command of the vendor's client (mysql's {@code source FILE}), or a transaction dbshift cannot record
     * progress in (MySQL's XA); null for SQL it runs. {@code words} are the leading words, upper case.
     */
    default String unsupported(List<String> words) {
        return null;
    }

    /**
     * What to say about a statement of a script whose file is not UTF-8 ({@code encoding}), refused where it is read as
     * {@link #unsupported} is, when what it does depends on the file's bytes reaching the server as they are: the
     * vendor's client sends them so, while dbshift decodes the text and the driver sends it as UTF-8 (a MySQL
     * {@code SET NAMES latin1}, after which the server reads what it gets as Latin-1); null for a statement whose text is
     * all that matters.
     */
    default String notAsWritten(String sql, List<String> words, java.nio.charset.Charset encoding) {
        return null;
    }
}
