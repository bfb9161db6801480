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
 * {@link MySqlScriptBlocks}. The client's own commands that read another file or run a program
 * ({@code source FILE}, {@code \. FILE}, {@code \! COMMAND}) are refused, naming the line: sent to
 * the server they failed half way through a migration, and skipped they would drop statements.
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
    public BackslashAction backslash(char next, String word, boolean statementStart) {
        if (next == '.' || next == '!') {
            return BackslashAction.REJECT; // the client's source FILE and system COMMAND
        }
        return next == 'g' || next == 'G' ? BackslashAction.TERMINATE : BackslashAction.TEXT;
    }

    /**
     * {@code source FILE} (no server statement starts with SOURCE: it is the client reading another file), and XA
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
        if (words.get(0).equals("XA") && words.size() > 1 && !words.get(1).equals("RECOVER")) {
            return "XA transactions are not supported in a migration: between XA END and XA COMMIT the server runs no"
                    + " other statement, so dbshift could record neither its progress nor the migration (use START"
                    + " TRANSACTION ... COMMIT, or run the script with the mariadb/mysql client)";
        }
        return null;
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
