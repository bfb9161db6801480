package dev.dbshift.db.mysql;

import dev.dbshift.sql.BackslashAction;
import dev.dbshift.sql.BlockTracker;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScannerControl;
import dev.dbshift.sql.ScriptRules;
import dev.dbshift.sql.StatementClassifier;
import dev.dbshift.sql.StatementKind;
import dev.dbshift.sql.StatementWords;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scripts as the {@code mariadb} / {@code mysql} command-line client reads them: {@code DELIMITER},
 * {@code \g} and {@code \G} terminators, {@code #} and {@code -- } comments, executable comments
 * {@code /*! ... *}{@code /} and {@code /*M! ... *}{@code /} kept and sent, backtick identifiers,
 * backslash escapes in {@code '...'} and {@code "..."} strings (off after a {@code SET sql_mode}
 * that names {@code NO_BACKSLASH_ESCAPES}, as the client learns from the server). Unlike the client,
 * the body of a stored program written without {@code DELIMITER} is kept whole: see
 * {@link MySqlScriptBlocks}. The client's own commands that read another file, run a program or change the
 * character set it sends ({@code source FILE}, {@code \. FILE}, {@code \! COMMAND}, {@code charset NAME},
 * {@code \C NAME}) are refused, naming the line: sent to the server they failed half way through a migration, and
 * skipped they would drop statements or change what the server reads.
 */
public final class MySqlScriptDialect implements ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withHashComments()
            .withDashCommentNeedingSpace()
            .withExecutableComments()
            .withDoubleQuoteStrings()
            .withBacktickIdentifiers()
            .withBackslashEscapes()
            .withDelimiterCommand();

    private static final Set<String> BLOCK_STARTS = Set.of("IF", "WHILE", "LOOP", "REPEAT", "FOR", "CASE");

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }

    @Override
    public BlockTracker newTracker(String delimiter) {
        // with a DELIMITER of their own, scripts say where statements end, exactly as the client reads them
        return delimiter.equals(";") ? new MySqlScriptBlocks() : BlockTracker.NONE;
    }

    @Override
    public BackslashAction backslash(char next, String word, String arguments, boolean statementStart) {
        if (next == '.' || next == '!' || next == 'C') {
            return BackslashAction.REJECT; // the client's source FILE, system COMMAND and charset NAME
        }
        return next == 'g' || next == 'G' ? BackslashAction.TERMINATE : BackslashAction.TEXT;
    }

    /**
     * {@code source FILE} (no server statement starts with SOURCE: it is the client reading another file), the
     * client's {@code charset NAME} (nor with CHARSET: the client then sends in another character set),
     * {@code RELEASE_ALL_LOCKS()} (it releases dbshift's migration lock, a named lock of the same session), and XA
     * transactions: between {@code XA END} and {@code XA COMMIT} the server takes no other statement, so neither a
     * progress mark nor the history row could be written, and a prepared XA transaction outlives the session. A script
     * with {@code XA START} failed after it with "XAER_RMFAIL ... ACTIVE state", naming no file or line, and left its run
     * unfinished in the runs table.
     */
    @Override
    public String unsupported(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        if (words.get(0).equals("SOURCE")) {
            return "client command source is not supported: dbshift sends SQL only and reads no other file"
                    + " (put that file's statements in a migration, or run the script with the mariadb/mysql client)";
        }
        if (words.get(0).equals("CHARSET")) {
            return "client command charset is not supported: it changes the character set the mariadb/mysql client sends"
                    + " and the server reads, which dbshift's connection keeps as UTF-8 (write SET NAMES with that character"
                    + " set instead: dbshift sends it to the server, after which the server reads the script as the client"
                    + " would)";
        }
        if (!words.get(0).equals("CREATE") && words.contains("RELEASE_ALL_LOCKS")) {
            return "RELEASE_ALL_LOCKS() is not supported in a migration: it releases the session's named locks, dbshift's"
                    + " migration lock (GET_LOCK) among them, so another 'dbshift up' could run the migrations still to run"
                    + " at the same time (release a lock of your own with RELEASE_LOCK(name))";
        }
        if (words.get(0).equals("XA") && words.size() > 1 && !words.get(1).equals("RECOVER")) {
            return "XA transactions are not supported in a migration: between XA END and XA COMMIT the server runs no"
                    + " other statement, so dbshift could record neither its progress nor the migration (use START"
                    + " TRANSACTION ... COMMIT, or run the script with the mariadb/mysql client)";
        }
        return null;
    }

    /**
     * {@code SET NAMES x}, {@code SET CHARACTER SET x}, or an assignment of the character set the server reads text in;
     * anywhere in the statement, as a dump's first statement starts with a comment.
     */
    private static final java.util.regex.Pattern SETS_CHARACTER_SET = java.util.regex.Pattern.compile(
            "(?:\\bSET\\s+|,\\s*)(NAMES|CHARSET|CHARACTER\\s+SET)\\b(?!\\s*:?=)"
                    + "|(?:\\bSET|,)\\s*(?:SESSION\\s+|LOCAL\\s+|@@(?:SESSION\\.|LOCAL\\.)?)?"
                    + "(CHARACTER_SET_CLIENT|CHARACTER_SET_CONNECTION|COLLATION_CONNECTION)\\s*:?=",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A character set introducer before a string literal: {@code _binary'...'}, {@code _latin1 "..."}. */
    private static final java.util.regex.Pattern INTRODUCER = java.util.regex.Pattern.compile(
            "(?<![\\w$@`.])_(armscii8|ascii|big5|binary|cp1250|cp1251|cp1256|cp1257|cp850|cp852|cp866|cp932|dec8|eucjpms"
                    + "|euckr|gb2312|gbk|geostd8|greek|hebrew|hp8|keybcs2|koi8r|koi8u|latin1|latin2|latin5|latin7|macce"
                    + "|macroman|sjis|swe7|tis620|ucs2|ujis|utf16|utf16le|utf32|utf8|utf8mb3|utf8mb4)\\s*(['\"])",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * In a script not written in UTF-8: the client sends the file's bytes and the server reads them in the character
     * set the session names; dbshift sends the decoded text as UTF-8. They agree while the session reads UTF-8 and
     * nothing asks for the bytes themselves, so two things are refused, naming the line: a statement that changes the
     * character set the server reads (a Latin-1 file's {@code SET NAMES latin1} stored every accented letter as two,
     * with exit 0, where the client stores it as written) and a literal with an introducer and characters past ASCII
     * ({@code _binary'ÿ'} stored two bytes for one).
     */
    @Override
    public String notAsWritten(String sql, List<String> words, java.nio.charset.Charset encoding) {
        String read = "the script is read as " + encoding.name() + " ('encoding') and dbshift sends its text as UTF-8, so"
                + " the server would not get the file's bytes as the mariadb/mysql client sends them: ";
        String fix = "save the script as UTF-8 (iconv -f " + encoding.name() + " -t UTF-8), its SET NAMES saying utf8mb4,"
                + " and leave 'encoding' unset (a dump with binary columns: dump it again with --hex-blob)";
        if (SETS_CHARACTER_SET.matcher(sql).find()) {
            return "this sets the character set the server reads text in, but " + read + fix;
        }
        java.util.regex.Matcher m = INTRODUCER.matcher(sql);
        while (m.find()) {
            if (!asciiLiteral(sql, m.end(), m.group(2).charAt(0))) {
                return "a literal with a character set introducer (_" + m.group(1) + ") holds characters past ASCII, but "
                        + read + "write the value in hex (X'...'), or " + fix;
            }
        }
        return null;
    }

    /** True when the literal from {@code from} to its closing {@code quote} (doubled or escaped quotes inside) is ASCII. */
    private static boolean asciiLiteral(String sql, int from, char quote) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            boolean escaped = c == '\\' && i + 1 < sql.length();
            if (escaped) {
                c = sql.charAt(++i);
            }
            if (c == quote && !escaped) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return true;
                }
            } else if (c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StatementKind kind(List<String> words) {
        if (StatementClassifier.startsWith(words, 0, "BEGIN", "NOT", "ATOMIC")
                || (words.size() > 1 && words.get(1).equals(":"))) {
            return StatementKind.OTHER; // an anonymous compound statement, not a transaction
        }
        if (!words.isEmpty() && BLOCK_STARTS.contains(words.get(0))) {
            return StatementKind.OTHER;
        }
        return StatementClassifier.kind(words);
    }

    @Override
    public void afterStatement(String sql, List<String> first, ScannerControl control) {
        if (first.isEmpty() || !first.get(0).equals("SET")) {
            return;
        }
        List<String> words = StatementWords.of(sql, LEXICAL, 256);
        for (int i = 1; i + 2 < words.size(); i++) {
            if (!words.get(i).equals("SQL_MODE")) {
                continue;
            }
            String before = words.get(i - 1);
            boolean userVariable = before.equals("@") && !(i >= 2 && words.get(i - 2).equals("@"));
            boolean global = before.equals("GLOBAL") || (before.equals(".") && words.get(i - 2).equals("GLOBAL"));
            int eq = i + 1;
            if (words.get(eq).equals(":")) {
                eq++;
            }
            if (userVariable || global || eq + 1 >= words.size() || !words.get(eq).equals("=")) {
                continue;
            }
            String value = words.get(eq + 1);
            boolean literal = value.startsWith("'") || value.startsWith("\"");
            control.backslashEscapes(!(literal
                    && StatementWords.unquote(value).toUpperCase(Locale.ROOT).contains("NO_BACKSLASH_ESCAPES")));
        }
    }
}
