package dev.dbshift.db.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SQLite keeps only in the CREATE statements of {@code sqlite_master} (check constraints,
 * generated column expressions, collations, AUTOINCREMENT, index expressions and predicates): a
 * small scanner that knows SQLite's quotes and parentheses, no full SQL parser. Pure functions.
 */
final class SqliteSchemaText {
    private SqliteSchemaText() {
    }

    /** The text with the inside of every quoted string or identifier blanked, same length, so keywords can be searched safely. */
    static String masked(String sql) {
        char[] out = sql.toCharArray();
        int i = 0;
        while (i < out.length) {
            char ch = out[i];
            char close = ch == '\'' ? '\'' : ch == '"' ? '"' : ch == '`' ? '`' : ch == '[' ? ']' : 0;
            if (close == 0) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < out.length) {
                if (out[j] == close) {
                    if (close != ']' && j + 1 < out.length && out[j + 1] == close) {
                        out[j] = ' ';
                        out[j + 1] = ' ';
                        j += 2;
                        continue;
                    }
                    break;
                }
                out[j] = ' ';
                j++;
            }
            i = j + 1;
        }
        return new String(out);
    }

    /** Index of the parenthesis closing the one at {@code open}, in masked text. */
    static int closing(String masked, int open) {
        int depth = 0;
        for (int i = open; i < masked.length(); i++) {
            char ch = masked.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in: " + masked);
    }

    /** Top-level comma-separated items between the first parenthesis and its match. */
    static List<String> items(String sql) {
        String m = masked(sql);
        int open = m.indexOf('(');
        int close = closing(m, open);
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            char ch = m.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(sql.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(sql.substring(start, close).strip());
        return out;
    }

    /** A table's {@link dev.dbshift.schema.Table#persistence()}: {@code STRICT}, {@code WITHOUT ROWID}, both, or null. */
    static String tableOptions(String tableSql) {
        if (tableSql == null) {
            return null;
        }
        boolean strict = false;
        boolean withoutRowid = false;
        for (String option : afterItems(tableSql).split(",")) {
            String o = option.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            strict |= o.equals("STRICT");
            withoutRowid |= o.equals("WITHOUT ROWID");
        }
        return strict && withoutRowid ? dev.dbshift.schema.Table.STRICT_WITHOUT_ROWID : strict ? dev.dbshift.schema.Table.STRICT
                : withoutRowid ? dev.dbshift.schema.Table.WITHOUT_ROWID : null;
    }

    /** What follows the parentheses of a CREATE TABLE or CREATE INDEX column list (WITHOUT ROWID, WHERE ...). */
    static String afterItems(String sql) {
        String m = masked(sql);
        int open = m.indexOf('(');
        return sql.substring(closing(m, open) + 1).strip();
    }

    static String unquote(String ident) {
        String s = ident.strip();
        if (s.length() > 1) {
            char f = s.charAt(0);
            char l = s.charAt(s.length() - 1);
            if ((f == '"' && l == '"') || (f == '`' && l == '`') || (f == '\'' && l == '\'')) {
                return s.substring(1, s.length() - 1).replace(String.valueOf(f) + f, String.valueOf(f));
            }
            if (f == '[' && l == ']') {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /** The first token of an item: a column name, possibly quoted. */
    static String firstToken(String item) {
        String m = masked(item);
        int end = 0;
        if (!m.isEmpty() && "\"`[".indexOf(m.charAt(0)) >= 0) {
            char close = m.charAt(0) == '[' ? ']' : m.charAt(0);
            end = m.indexOf(close, 1) + 1;
            return item.substring(0, end == 0 ? m.length() : end);
        }
        while (end < m.length() && !Character.isWhitespace(m.charAt(end))) {
            end++;
        }
        return item.substring(0, end);
    }

    private static final dev.dbshift.sql.LexicalRules WORDS = new SqliteScriptDialect().lexical();

    /**
     * When and on what a trigger fires ({@code BEFORE INSERT}, {@code AFTER UPDATE}, {@code INSTEAD OF DELETE}; {@code
     * BEFORE} where none is written, as SQLite takes it; an {@code UPDATE OF} list left out, as such triggers fire on one
     * statement together), from its CREATE statement; null where the statement says none.
     */
    static String triggerFires(String triggerSql) {
        List<String> w = dev.dbshift.sql.StatementWords.of(triggerSql, WORDS, 16);
        int i = dev.dbshift.sql.StatementWords.indexOf(w, "TRIGGER", 0) + 1;
        if (i == 0) {
            return null;
        }
        i += i < w.size() && w.get(i).equals("IF") ? 3 : 0;
        i += i + 1 < w.size() && w.get(i + 1).equals(".") ? 3 : 1;
        String timing = "BEFORE";
        if (i < w.size() && (w.get(i).equals("BEFORE") || w.get(i).equals("AFTER"))) {
            timing = w.get(i++);
        } else if (i < w.size() && w.get(i).equals("INSTEAD")) {
            timing = "INSTEAD OF";
            i += 2;
        }
        return i < w.size() ? timing + " " + w.get(i) : null;
    }

    static boolean isTableConstraint(String item) {
        String upper = masked(item).toUpperCase(Locale.ROOT);
        return upper.matches("(?s)^(CONSTRAINT|PRIMARY\\s+KEY|UNIQUE|CHECK|FOREIGN\\s+KEY)\\b.*");
    }

    /** A name in masked text: quoted (blank inside) or a bare word. */
    private static final String NAME = "\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]|[^\\s(),]+";

    /** A check found in a column or table definition; name null when unnamed. */
    record CheckText(String name, String expression) {
    }

    private static final Pattern CHECK = Pattern.compile("(?i)(?:\\bCONSTRAINT\\s+(" + NAME + ")\\s+)?\\bCHECK\\s*\\(");

    static List<CheckText> checks(String item) {
        String m = masked(item);
        Matcher matcher = CHECK.matcher(m);
        List<CheckText> out = new ArrayList<>();
        while (matcher.find()) {
            int open = matcher.end() - 1;
            int close = closing(m, open);
            String name = matcher.group(1) == null ? null : unquote(item.substring(matcher.start(1), matcher.end(1)));
            out.add(new CheckText(name, item.substring(open + 1, close).strip()));
        }
        return out;
    }

    private static final Pattern GENERATED = Pattern.compile("(?i)(?:\\bGENERATED\\s+ALWAYS\\s+)?\\bAS\\s*\\(");
    private static final Pattern STORED = Pattern.compile("(?i)^\\s*STORED\\b");

    /** {expression, "stored"|"virtual"} of a generated column, or null. */
    static String[] generated(String columnItem) {
        String m = masked(columnItem);
        Matcher matcher = GENERATED.matcher(m);
        if (!matcher.find()) {
            return null;
        }
        int open = matcher.end() - 1;
        int close = closing(m, open);
        boolean stored = STORED.matcher(m.substring(close + 1)).find();
        return new String[]{columnItem.substring(open + 1, close).strip(), stored ? "stored" : "virtual"};
    }

    private static final Pattern COLLATE = Pattern.compile("(?i)\\bCOLLATE\\s+(" + NAME + ")");

    static String collation(String columnItem) {
        Matcher matcher = COLLATE.matcher(masked(columnItem));
        return matcher.find() ? unquote(columnItem.substring(matcher.start(1), matcher.end(1))) : null;
    }

    static boolean autoincrement(String tableSql) {
        return masked(tableSql).toUpperCase(Locale.ROOT).matches("(?s).*\\bAUTOINCREMENT\\b.*");
    }

    private static final Pattern WHERE = Pattern.compile("(?i)^WHERE\\s+");

    /** The predicate of a partial index: what follows WHERE after the column list. */
    static String indexPredicate(String indexSql) {
        String rest = afterItems(indexSql);
        Matcher matcher = WHERE.matcher(rest);
        return matcher.find() ? rest.substring(matcher.end()).strip() : null;
    }

    private static final Pattern ORDER = Pattern.compile("(?i)\\s+(ASC|DESC)\\s*$");
    private static final Pattern TRAILING_COLLATE = Pattern.compile("(?i)\\s+COLLATE\\s+\\S+\\s*$");

    /** The key expressions of a CREATE INDEX, without COLLATE and ASC/DESC. */
    static List<String> indexExpressions(String indexSql) {
        List<String> out = new ArrayList<>();
        for (String item : items(indexSql)) {
            String s = item;
            Matcher order = ORDER.matcher(masked(s));
            if (order.find()) {
                s = s.substring(0, order.start());
            }
            Matcher collate = TRAILING_COLLATE.matcher(masked(s));
            if (collate.find()) {
                s = s.substring(0, collate.start());
            }
            out.add(s.strip());
        }
        return out;
    }

    private static final Pattern VIEW_AS = Pattern.compile("(?i)\\bAS\\b");

    /** The query of a CREATE VIEW. */
    static String viewQuery(String viewSql) {
        String m = masked(viewSql);
        int depth = 0;
        for (int i = 0; i < m.length(); i++) {
            char ch = m.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && (ch == 'a' || ch == 'A')) {
                Matcher matcher = VIEW_AS.matcher(m);
                if (matcher.find(i) && matcher.start() == i && (i == 0 || !Character.isLetterOrDigit(m.charAt(i - 1)))) {
                    return viewSql.substring(matcher.end()).strip();
                }
            }
        }
        return viewSql;
    }
}
