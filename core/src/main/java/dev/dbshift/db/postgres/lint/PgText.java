package dev.dbshift.db.postgres.lint;

import dev.dbshift.db.postgres.PostgresScriptDialect;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementWords;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A statement's tokens as PostgreSQL's lexer splits them: bare words upper case, quoted names, string literals and
 * dollar-quoted bodies each one token (kept as written), comments gone, every other character a token of its own.
 *
 * @param tokens all the statement's tokens
 */
record PgText(List<String> tokens) {

    private static final LexicalRules LEXICAL = new PostgresScriptDialect().lexical();

    static PgText of(LintStatement statement) {
        return of(statement.statement().sql());
    }

    static PgText of(String sql) {
        return new PgText(StatementWords.of(sql, LEXICAL, Integer.MAX_VALUE));
    }

    /** The token at {@code i} when it is a bare word (upper case), else "". */
    String word(int i) {
        if (i < 0 || i >= tokens.size()) {
            return "";
        }
        String s = tokens.get(i);
        return isWord(s) ? s : "";
    }

    /** True when the bare words from {@code i} are {@code words}. */
    boolean at(int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!word(i + k).equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first bare {@code word} at or after {@code from} (before {@code to}), or -1. */
    int find(String word, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, tokens.size()); i++) {
            if (word(i).equals(word)) {
                return i;
            }
        }
        return -1;
    }

    boolean contains(String word) {
        return find(word, 0, tokens.size()) >= 0;
    }

    /** A name token (bare word or double-quoted) at {@code i}. */
    boolean isName(int i) {
        return i >= 0 && i < tokens.size() && (isWord(tokens.get(i)) || tokens.get(i).startsWith("\""));
    }

    /** The end (exclusive) of the dotted name starting at {@code i}, or {@code i} when there is none. */
    int nameEnd(int i) {
        if (!isName(i)) {
            return i;
        }
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).equals(".") && isName(j + 1)) {
            j += 2;
        }
        return j;
    }

    /** The object's own name (last part of a dotted name ending before {@code end}), folded as the server folds it. */
    String nameBefore(int end) {
        return fold(tokens.get(end - 1));
    }

    /** A name as the server stores it: quoted as written, bare lower case. */
    static String fold(String token) {
        return token.startsWith("\"") ? StatementWords.unquote(token) : token.toLowerCase(Locale.ROOT);
    }

    private static boolean isWord(String s) {
        char c = s.charAt(0);
        return Character.isLetter(c) || c == '_';
    }

    /** Index of the matching ")" of the "(" at {@code open}, or the end. */
    int close(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The parts of {@code [from, to)} between commas outside parentheses, as [start, end) pairs. */
    List<int[]> split(int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i < to; i++) {
            String s = tokens.get(i);
            if (s.equals("(")) {
                depth++;
            } else if (s.equals(")")) {
                depth--;
            } else if (s.equals(",") && depth == 0) {
                out.add(new int[]{start, i});
                start = i + 1;
            }
        }
        if (start < to) {
            out.add(new int[]{start, to});
        }
        return out;
    }

    /**
     * {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action, action...}: the table and its actions.
     *
     * @param table   the table's own name, folded
     * @param actions each action as [start, end) of its tokens
     */
    record AlterTable(String table, List<int[]> actions) {
    }

    Optional<AlterTable> alterTable() {
        if (!at(0, "ALTER", "TABLE")) {
            return Optional.empty();
        }
        int i = 2;
        if (at(i, "IF", "EXISTS")) {
            i += 2;
        }
        if (at(i, "ONLY")) {
            i++;
        }
        int end = nameEnd(i);
        if (end == i) {
            return Optional.empty();
        }
        int from = end < tokens.size() && tokens.get(end).equals("*") ? end + 1 : end;
        return Optional.of(new AlterTable(nameBefore(end), split(from, tokens.size())));
    }

    /** The table a {@code CREATE TABLE} creates, folded (empty for a temporary table or another statement). */
    Optional<String> createdTable() {
        return created("TABLE");
    }

    /** The relation a {@code CREATE [UNLOGGED|GLOBAL|LOCAL] kind [IF NOT EXISTS] name} creates, folded. */
    private Optional<String> created(String kind) {
        if (!word(0).equals("CREATE")) {
            return Optional.empty();
        }
        int i = 1;
        while (List.of("UNLOGGED", "GLOBAL", "LOCAL").contains(word(i))) {
            i++;
        }
        if (!word(i).equals(kind)) {
            return Optional.empty();
        }
        i++;
        if (at(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        int end = nameEnd(i);
        return end == i ? Optional.empty() : Optional.of(nameBefore(end));
    }

    /** True when {@code table} was not created by a statement of the migration before {@code statement}. */
    static boolean existing(LintStatement statement, String table) {
        return existing(statement.migration().statements(), statement.ordinal(), table);
    }

    /** True when {@code table} was not created by one of {@code all} before the one at (1-based) {@code ordinal}. */
    static boolean existing(List<SqlStatement> all, int ordinal, String table) {
        for (int k = 0; k < ordinal - 1 && k < all.size(); k++) {
            PgText before = of(all.get(k).sql());
            // a sequence created earlier is as new as a table (ALTER SEQUENCE locks one)
            if (before.createdTable().or(() -> before.created("SEQUENCE")).filter(table::equals).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
