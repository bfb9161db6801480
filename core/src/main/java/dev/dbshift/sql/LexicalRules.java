package dev.dbshift.sql;

/**
 * The lexical facts of one client's script language: which comments, quotes and commands it knows.
 * A vendor's {@link ScriptRules} supplies one; {@link ScriptScanner} reads a script with it.
 * Immutable; start from {@link #standard()} (ANSI: {@code '...'}, {@code "..."}, {@code --}, flat
 * {@code /* *}{@code /}) and switch features on with the {@code with...} methods.
 *
 * @param hashComments          {@code #} starts a line comment (MySQL)
 * @param dashCommentNeedsSpace {@code --} is a comment only when followed by whitespace, a control
 *                              character or the end of input (MySQL); else {@code --} always is
 * @param slashSlashComments    {@code //} starts a line comment (H2)
 * @param nestedBlockComments   {@code /* /* *}{@code / *}{@code /} nests (PostgreSQL)
 * @param executableComments    {@code /*!} and {@code /*M!} open code, not a comment (MySQL, MariaDB)
 * @param doubleQuoteStrings    {@code "..."} is a string literal with the same escapes as {@code '...'}
 *                              (MySQL); else a quoted identifier
 * @param backtickIdentifiers   {@code `...`} quotes an identifier (MySQL, SQLite)
 * @param bracketIdentifiers    {@code [...]} quotes an identifier (SQLite)
 * @param dollarQuotes          how {@code $...$} quoting works
 * @param escapeStringPrefix    {@code E'...'} is a string with backslash escapes (PostgreSQL)
 * @param backslashEscapes      backslash escapes in plain string literals at the start of a script
 * @param delimiterCommand      the client's {@code DELIMITER x} command changes the terminator (MySQL)
 * @param parenthesesHoldTerminator a terminator inside parentheses does not end a statement (psql)
 */
public record LexicalRules(boolean hashComments, boolean dashCommentNeedsSpace, boolean slashSlashComments,
                           boolean nestedBlockComments, boolean executableComments, boolean doubleQuoteStrings,
                           boolean backtickIdentifiers, boolean bracketIdentifiers, DollarQuotes dollarQuotes,
                           boolean escapeStringPrefix, boolean backslashEscapes, boolean delimiterCommand,
                           boolean parenthesesHoldTerminator) {

    /** How {@code $} quotes text. */
    public enum DollarQuotes {
        /** {@code $} is an ordinary character. */
        NONE,
        /** {@code $$...$$} only (H2). */
        UNTAGGED,
        /** {@code $$...$$} and {@code $tag$...$tag$} (PostgreSQL). */
        TAGGED
    }

    /**
     * The version of an executable comment ({@code /*!NNNNN ...}, {@code /*M!NNNNNN ...}) at or above which no server
     * runs its text: 99.99.99. mariadb-dump (10.5.25, 10.6.18, 10.11.8, 11.x and later) starts every dump with
     * {@code /*M!999999\- enable the sandbox mode *}{@code /}, a command of its client that the server takes for a
     * comment; read as code, its words hid the dump's first {@code SET} (a resumed dump did not set it again). The
     * scanner still splits such a comment's text as code, as it did (the statement's text, and so the checksums of
     * statements that ran, stay as they were): the words a statement is classified by skip it.
     */
    public static final long NEVER_RUN_VERSION = 999_999;

    /**
     * True when {@code text} from {@code at} holds an executable comment's version digits that no server runs
     * ({@link #NEVER_RUN_VERSION}): the comment is a comment.
     */
    public static boolean neverRunVersion(CharSequence text, int at) {
        long version = 0;
        int i = at;
        while (i < text.length() && i - at < 12 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            version = version * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i > at && version >= NEVER_RUN_VERSION;
    }

    public static LexicalRules standard() {
        return new LexicalRules(false, false, false, false, false, false, false, false, DollarQuotes.NONE,
                false, false, false, false);
    }

    public LexicalRules withHashComments() {
        return new LexicalRules(true, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withDashCommentNeedingSpace() {
        return new LexicalRules(hashComments, true, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withSlashSlashComments() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, true, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withNestedBlockComments() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, true,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withExecutableComments() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                true, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withDoubleQuoteStrings() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, true, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withBacktickIdentifiers() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, true, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withBracketIdentifiers() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, true, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withDollarQuotes(DollarQuotes quotes) {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, quotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withEscapeStringPrefix() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                true, backslashEscapes, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withBackslashEscapes() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, true, delimiterCommand, parenthesesHoldTerminator);
    }

    public LexicalRules withDelimiterCommand() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, true, parenthesesHoldTerminator);
    }

    public LexicalRules withParenthesesHoldingTerminator() {
        return new LexicalRules(hashComments, dashCommentNeedsSpace, slashSlashComments, nestedBlockComments,
                executableComments, doubleQuoteStrings, backtickIdentifiers, bracketIdentifiers, dollarQuotes,
                escapeStringPrefix, backslashEscapes, delimiterCommand, true);
    }
}
