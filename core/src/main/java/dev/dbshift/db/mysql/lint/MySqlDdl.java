package dev.dbshift.db.mysql.lint;

import dev.dbshift.db.mysql.MySqlScriptDialect;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.StatementWords;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The few shapes of MySQL DDL the rules read, from the statement's tokens as the MySQL client reads them (comments
 * skipped, quoted tokens kept with their quotes, words upper case): an ALTER TABLE as its comma-separated clauses,
 * a CREATE TABLE as its items, and the column definitions either carries. A token list, not a grammar: what it
 * cannot place it leaves out, so that a rule stays silent rather than guess.
 */
final class MySqlDdl {
    /** Words that open a table item or ADD clause that is not a column definition. */
    private static final Set<String> NOT_A_COLUMN = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX",
            "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK", "PERIOD", "SYSTEM", "PARTITION", "LIKE", "VECTOR");

    private MySqlDdl() {
    }

    /** An ALTER TABLE: the table (lower case, unqualified) and its clauses, each a token list. */
    record AlterTable(String table, List<List<String>> clauses) {
    }

    /** A CREATE TABLE: the table (lower case, unqualified) and the items between its parentheses. */
    record CreateTable(String table, List<List<String>> items) {
    }

    /**
     * One column definition.
     *
     * @param name       the column (lower case, unquoted)
     * @param definition its type and attributes, from the type on
     */
    record Column(String name, List<String> definition) {
        /** The type's first word ({@code ENUM}, {@code INT}, ...), or empty. */
        String type() {
            return definition.isEmpty() ? "" : definition.get(0);
        }

        /** True when the definition holds {@code word} outside parentheses (the type's arguments). */
        boolean has(String word) {
            return indexOf(word) >= 0;
        }

        /** Index in the definition of {@code word} outside parentheses, or -1. */
        int indexOf(String word) {
            return indexOfTopLevel(definition, word);
        }
    }

    /** Every token of the statement, as the MySQL client reads it. */
    static List<String> tokens(LintStatement statement) {
        return tokens(statement.statement().sql());
    }

    /** Every token of {@code sql}, as the MySQL client reads it. */
    static List<String> tokens(String sql) {
        return StatementWords.of(sql, new MySqlScriptDialect().lexical(), Integer.MAX_VALUE);
    }

    /** The statement as an ALTER TABLE, when it is one. */
    static Optional<AlterTable> alterTable(List<String> t) {
        int i = 0;
        if (!at(t, i, "ALTER")) {
            return Optional.empty();
        }
        i++;
        while (at(t, i, "ONLINE") || at(t, i, "IGNORE")) {
            i++;
        }
        if (!at(t, i, "TABLE")) {
            return Optional.empty();
        }
        i = skipIfExists(t, i + 1);
        if (i >= t.size()) {
            return Optional.empty();
        }
        String table = name(t.get(i));
        i++;
        if (at(t, i, ".") && i + 1 < t.size()) {
            table = name(t.get(i + 1));
            i += 2;
        }
        return Optional.of(new AlterTable(table, split(t, i, t.size())));
    }

    /** The statement as a CREATE TABLE with a column list, when it is one. */
    static Optional<CreateTable> createTable(List<String> t) {
        int i = 0;
        if (!at(t, i, "CREATE")) {
            return Optional.empty();
        }
        i++;
        if (at(t, i, "OR") && at(t, i + 1, "REPLACE")) {
            i += 2;
        }
        if (at(t, i, "TEMPORARY")) {
            i++;
        }
        if (!at(t, i, "TABLE")) {
            return Optional.empty();
        }
        i++;
        if (at(t, i, "IF") && at(t, i + 1, "NOT") && at(t, i + 2, "EXISTS")) {
            i += 3;
        }
        if (i >= t.size()) {
            return Optional.empty();
        }
        String table = name(t.get(i));
        i++;
        if (at(t, i, ".") && i + 1 < t.size()) {
            table = name(t.get(i + 1));
            i += 2;
        }
        if (!at(t, i, "(")) {
            return Optional.empty();
        }
        int close = closing(t, i);
        return Optional.of(new CreateTable(table, split(t, i + 1, close)));
    }

    /** The column definitions of a CREATE TABLE, or of an ALTER TABLE's ADD, MODIFY and CHANGE clauses. */
    static List<Column> columns(List<String> t) {
        List<Column> out = new ArrayList<>();
        createTable(t).ifPresent(c -> c.items().forEach(item -> column(item, 0).ifPresent(out::add)));
        alterTable(t).ifPresent(a -> a.clauses().forEach(clause -> out.addAll(alteredColumns(clause))));
        return out;
    }

    /** The columns one ALTER clause defines: {@code ADD [COLUMN] c ...}, {@code ADD COLUMN (a ..., b ...)}, MODIFY, CHANGE. */
    static List<Column> alteredColumns(List<String> clause) {
        if (at(clause, 0, "MODIFY")) {
            return column(clause, skipIfExists(clause, at(clause, 1, "COLUMN") ? 2 : 1)).stream().toList();
        }
        if (at(clause, 0, "CHANGE")) {
            int old = skipIfExists(clause, at(clause, 1, "COLUMN") ? 2 : 1);
            return column(clause, old + 1).stream().toList();
        }
        if (!at(clause, 0, "ADD")) {
            return List.of();
        }
        int i = 1;
        boolean explicit = at(clause, i, "COLUMN");
        if (explicit) {
            i++;
        } else if (i < clause.size() && NOT_A_COLUMN.contains(clause.get(i))) {
            return List.of();
        }
        i = skipIfExists(clause, i);
        if (at(clause, i, "(")) {
            List<Column> out = new ArrayList<>();
            for (List<String> item : split(clause, i + 1, closing(clause, i))) {
                column(item, 0).ifPresent(out::add);
            }
            return out;
        }
        return column(clause, i).stream().toList();
    }

    /** The column defined at {@code from} of {@code item} (a name then its type), unless the item is a key or constraint. */
    private static Optional<Column> column(List<String> item, int from) {
        if (from + 1 >= item.size() || NOT_A_COLUMN.contains(item.get(from))) {
            return Optional.empty();
        }
        String first = item.get(from);
        if (first.length() == 1 && !Character.isLetterOrDigit(first.charAt(0)) && first.charAt(0) != '_') {
            return Optional.empty();
        }
        return Optional.of(new Column(name(first), item.subList(from + 1, item.size())));
    }

    /** The tokens from {@code from} to {@code to} split at commas outside parentheses. */
    static List<List<String>> split(List<String> t, int from, int to) {
        List<List<String>> out = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            String s = t.get(i);
            if (s.equals("(")) {
                depth++;
            } else if (s.equals(")")) {
                depth--;
            } else if (s.equals(",") && depth == 0) {
                if (i > start) {
                    out.add(t.subList(start, i));
                }
                start = i + 1;
            }
        }
        if (to > start) {
            out.add(t.subList(start, to));
        }
        return out;
    }

    /** Index of the parenthesis closing the one at {@code open}, or the end. */
    static int closing(List<String> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).equals("(")) {
                depth++;
            } else if (t.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return t.size();
    }

    /** The quoted strings between the parentheses after {@code open} (an ENUM's or SET's values), unquoted. */
    static List<String> values(List<String> t, int open) {
        List<String> out = new ArrayList<>();
        for (int i = open + 1; i < closing(t, open); i++) {
            if (t.get(i).startsWith("'") || t.get(i).startsWith("\"")) {
                out.add(StatementWords.unquote(t.get(i)));
            }
        }
        return out;
    }

    /** True when the table was created by an earlier statement of the same migration (so it is new and empty). */
    static boolean createdEarlier(LintStatement statement, String table) {
        return earlierCreate(statement, table).isPresent();
    }

    /** The CREATE TABLE of {@code table} in an earlier statement of the statement's migration, if any. */
    static Optional<CreateTable> earlierCreate(LintStatement statement, String table) {
        List<dev.dbshift.sql.SqlStatement> all = statement.migration().statements();
        for (int i = Math.min(statement.ordinal() - 1, all.size()) - 1; i >= 0; i--) {
            Optional<CreateTable> create = createTable(tokens(all.get(i).sql())).filter(c -> c.table().equals(table));
            if (create.isPresent()) {
                return create;
            }
        }
        return Optional.empty();
    }

    /** A table or column token as a plain lower-case name (quotes removed). */
    static String name(String token) {
        return StatementWords.unquote(token).toLowerCase(Locale.ROOT);
    }

    static boolean at(List<String> t, int i, String word) {
        return i >= 0 && i < t.size() && t.get(i).equals(word);
    }

    /** True when the tokens hold {@code word} outside parentheses. */
    static boolean hasTopLevel(List<String> t, String word) {
        return indexOfTopLevel(t, word) >= 0;
    }

    /** Index of {@code word} in {@code t} outside parentheses, or -1. */
    static int indexOfTopLevel(List<String> t, String word) {
        return dev.dbshift.sql.StatementWords.indexOutsideParentheses(t, word);
    }

    private static int skipIfExists(List<String> t, int i) {
        if (at(t, i, "IF") && at(t, i + 1, "EXISTS")) {
            return i + 2;
        }
        if (at(t, i, "IF") && at(t, i + 1, "NOT") && at(t, i + 2, "EXISTS")) {
            return i + 3;
        }
        return i;
    }
}
