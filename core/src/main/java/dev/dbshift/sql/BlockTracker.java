package dev.dbshift.sql;

/**
 * Follows the block structure of one statement so that a terminator inside a compound statement
 * (a {@code ;} between {@code BEGIN} and {@code END} of a trigger body, say) does not end it.
 * A vendor's {@link ScriptRules} makes a fresh one for every statement; the scanner feeds it the
 * words and punctuation it meets outside comments and literals, but only while {@link #listening()}
 * is true, so a statement that is clearly not compound costs nothing after its first words.
 */
public interface BlockTracker {

    /** A tracker for clients that end every statement at the first terminator. */
    BlockTracker NONE = new BlockTracker() {
        @Override public boolean listening() { return false; }
        @Override public void word(String upperCase, boolean qualified, int parenDepth) { }
        @Override public void symbol(char c, int parenDepth) { }
        @Override public boolean endsAt(int parenDepth) { return true; }
    };

    /** True while the tracker wants {@link #word} and {@link #symbol} calls. */
    boolean listening();

    /**
     * A bare word (keyword or unquoted identifier), upper-cased.
     *
     * @param qualified true when it directly follows a {@code .} ({@code new.end} is a column, not END)
     */
    void word(String upperCase, boolean qualified, int parenDepth);

    /**
     * A punctuation character; for a quoted token (string, quoted identifier) its opening quote; for a
     * terminator that did not end the statement, {@code ';'}.
     */
    void symbol(char c, int parenDepth);

    /** Whether a terminator met here ends the statement. */
    boolean endsAt(int parenDepth);
}
