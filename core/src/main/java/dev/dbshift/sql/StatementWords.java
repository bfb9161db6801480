package dev.dbshift.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The leading tokens of one statement's text, for classification and for the few statements that
 * change how the rest of a script is read. Bare words come back upper-cased; quoted tokens keep their
 * quotes (so {@code 'off'} and {@code off} stay distinguishable); other characters come back one by
 * one. Comments are skipped, and so is the version marker of an executable comment
 * ({@code /*!40101 SET ...} reads as {@code SET ...}); one whose version no server reaches is a comment
 * ({@link LexicalRules#NEVER_RUN_VERSION}).
 */
public final class StatementWords {

    private StatementWords() {
    }

    /** Up to {@code max} tokens of {@code sql}. */
    public static List<String> of(String sql, LexicalRules lex, int max) {
        return of(sql, lex, max, true);
    }

    /** As {@link #of}, bare words as written (names keep their case). */
    public static List<String> ofKeepingCase(String sql, LexicalRules lex, int max) {
        return of(sql, lex, max, false);
    }

    private static List<String> of(String sql, LexicalRules lex, int max, boolean upperCase) {
        List<String> out = new ArrayList<>(Math.min(max, 16));
        int n = sql.length();
        int i = 0;
        while (i < n && out.size() < max) {
            char c = sql.charAt(i);
            if (c <= ' ' || c == '\uFEFF') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (!lex.dashCommentNeedsSpace() || i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
                i = lineEnd(sql, i);
            } else if (c == '#' && lex.hashComments()) {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int opener = !lex.executableComments() || i + 2 >= n ? 0 : sql.charAt(i + 2) == '!' ? 3
                        : sql.charAt(i + 2) == 'M' && i + 3 < n && sql.charAt(i + 3) == '!' ? 4 : 0;
                if (opener > 0 && !LexicalRules.neverRunVersion(sql, i + opener)) {
                    i += opener;
                    while (i < n && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                } else {
                    i = blockCommentEnd(sql, i, lex.nestedBlockComments());
                }
            } else if (c == '*' && i + 1 < n && sql.charAt(i + 1) == '/' && lex.executableComments()) {
                i += 2; // end of an executable comment
            } else if (c == '\'' || c == '"' || c == '`' || (c == '[' && lex.bracketIdentifiers())) {
                char close = c == '[' ? ']' : c;
                int j = i + 1;
                boolean backslash = (c == '\'' || (c == '"' && lex.doubleQuoteStrings())) && (lex.backslashEscapes()
                        || (c == '\'' && lex.escapeStringPrefix() && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isWordChar(sql.charAt(i - 2)))));
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && backslash) {
                        j += 2;
                    } else if (d == close) {
                        if (j + 1 < n && sql.charAt(j + 1) == close && close != ']') {
                            j += 2;
                        } else {
                            j++;
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                j = Math.min(j, n);
                out.add(sql.substring(i, j));
                i = j;
            } else if (c == '$' && lex.dollarQuotes() != LexicalRules.DollarQuotes.NONE && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && dollarTagEnd(sql, i, lex) > 0) {
                int tagEnd = dollarTagEnd(sql, i, lex);
                int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
                int j = close < 0 ? n : close + (tagEnd - i);
                out.add(sql.substring(i, j));
                i = j;
            } else if (isWordChar(c)) {
                int j = i + 1;
                while (j < n && isWordChar(sql.charAt(j))) {
                    j++;
                }
                out.add(upperCase ? sql.substring(i, j).toUpperCase(Locale.ROOT) : sql.substring(i, j));
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** Text of a quoted token without its quotes (doubled quotes undone); a bare word as is. */
    public static String unquote(String token) {
        if (token.length() >= 2) {
            char q = token.charAt(0);
            if (q == '\'' || q == '"' || q == '`') {
                String inner = token.substring(1, token.length() - (token.charAt(token.length() - 1) == q ? 1 : 0));
                return inner.replace(String.valueOf(q) + q, String.valueOf(q));
            }
        }
        return token;
    }

    /** Index of the first token equal to {@code word} at or after {@code from}, or -1. */
    public static int indexOf(List<String> words, String word, int from) {
        for (int i = from; i < words.size(); i++) {
            if (words.get(i).equals(word)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A pattern that finds any of {@code names} as a word of a statement, in any case (group 1: the name as written
     * there); null when there are none. Names are matched as written, not as tokens: in a literal or a comment too.
     */
    public static java.util.regex.Pattern anyOf(java.util.Collection<String> names) {
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(java.util.regex.Pattern.quote(n));
        }
        return names.isEmpty() ? null
                : java.util.regex.Pattern.compile("(?i)(?<![\\w$])(" + alternatives + ")(?![\\w$])");
    }

    /** Index of {@code word} in {@code words} outside parentheses, or -1. */
    public static int indexOutsideParentheses(List<String> words, String word) {
        int depth = 0;
        for (int i = 0; i < words.size(); i++) {
            String s = words.get(i);
            if (s.equals("(")) {
                depth++;
            } else if (s.equals(")")) {
                depth--;
            } else if (depth == 0 && s.equals(word)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    /** End (exclusive) of the opening {@code $tag$} at {@code i}, or 0. */
    private static int dollarTagEnd(String sql, int i, LexicalRules lex) {
        int j = i + 1;
        if (j < sql.length() && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (lex.dollarQuotes() != LexicalRules.DollarQuotes.TAGGED || j >= sql.length()
                || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            return 0;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : 0;
    }

    private static int blockCommentEnd(String sql, int i, boolean nested) {
        int depth = 0;
        int n = sql.length();
        while (i + 1 < n) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*' && (nested || depth == 0)) {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int lineEnd(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }
}
