package dev.dbshift.db.sqlite.lint;

import dev.dbshift.db.sqlite.SqliteScriptDialect;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.StatementWords;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SQLite ALTER TABLE read from its tokens as the sqlite3 shell reads them (comments skipped, quoted and
 * bracketed names kept whole): the table and its single action ({@code RENAME}, {@code ADD}, {@code DROP}, or what
 * SQLite does not have at all).
 *
 * @param table  the table, lower case, without schema or quotes
 * @param action the tokens after the table name, words upper case
 */
record SqliteAlterTable(String table, List<String> action) {

    /** The statement as an ALTER TABLE, when it is one. */
    static Optional<SqliteAlterTable> of(LintStatement statement) {
        List<String> t = StatementWords.of(statement.statement().sql(), new SqliteScriptDialect().lexical(), Integer.MAX_VALUE);
        if (t.size() < 4 || !t.get(0).equals("ALTER") || !t.get(1).equals("TABLE")) {
            return Optional.empty();
        }
        int i = 2;
        if (i + 2 < t.size() && t.get(i + 1).equals(".")) {
            i += 2;
        }
        return Optional.of(new SqliteAlterTable(name(t.get(i)), t.subList(i + 1, t.size())));
    }

    /** True when the action starts with {@code words}. */
    boolean is(String... words) {
        if (action.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!action.get(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** For {@code ADD [COLUMN] name def}: the column's name and definition (from the type on); else empty. */
    Optional<List<String>> addedColumn() {
        if (!is("ADD") || is("ADD", "CONSTRAINT")) {
            return Optional.empty();
        }
        int i = is("ADD", "COLUMN") ? 2 : 1;
        return i < action.size() ? Optional.of(action.subList(i, action.size())) : Optional.empty();
    }

    /** Index of {@code word} in {@code tokens} outside parentheses, or -1. */
    static int topLevel(List<String> tokens, String word) {
        return dev.dbshift.sql.StatementWords.indexOutsideParentheses(tokens, word);
    }

    static String name(String token) {
        String s = token.startsWith("[") && token.endsWith("]") ? token.substring(1, token.length() - 1) : StatementWords.unquote(token);
        return s.toLowerCase(Locale.ROOT);
    }
}
