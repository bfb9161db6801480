package dev.dbshift.online;

import dev.dbshift.DbShiftException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of {@code ALTER TABLE t ...} after the table name, split into its top-level clauses,
 * with what the engine must know before it runs it on the shadow: column renames (which keep the
 * data), dropped columns, whether a unique key is added. The server remains the authority on the
 * resulting table: the engine applies the text to an empty shadow and reads the result back; this
 * parse only recovers what the result cannot show (that {@code b} is {@code a} renamed).
 *
 * @param text       the spec as given, trimmed
 * @param clauses    top-level clauses, split at commas outside quotes and parentheses
 * @param renames    old column name to new, in order
 * @param dropped    dropped column names
 * @param addsUnique true when a clause adds a UNIQUE key or a PRIMARY KEY
 * @param mappedRenames the explicit renames ({@code --rename}) that the text itself does not make with
 *                   CHANGE / RENAME COLUMN (typically {@code DROP COLUMN a, ADD COLUMN b} with {@code a=b}):
 *                   only the copy keeps their data; the server's own ALTER would drop it
 * @param conversions column name (unquoted) to the expression PostgreSQL's {@code ALTER [COLUMN] c [SET DATA] TYPE t
 *                   USING expression} gives its new value by: the copy reads the column through it, as the server's own
 *                   ALTER would (a cast alone made {@code USING price * 100} the price unchanged, and the change said done)
 */
public record AlterSpec(String text, List<String> clauses, Map<String, String> renames, List<String> dropped,
                        boolean addsUnique, Map<String, String> mappedRenames, Map<String, String> conversions) {

    public AlterSpec {
        clauses = List.copyOf(clauses);
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        dropped = List.copyOf(dropped);
        mappedRenames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mappedRenames));
        conversions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conversions));
    }

    /** The expression a {@code USING} clause converts {@code column} by (names compared as PostgreSQL folds them). */
    public java.util.Optional<String> conversionOf(String column) {
        return conversions.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** True when the server's own ALTER of this text keeps every column's data the renames ask to keep. */
    public boolean nativeKeepsRenames() {
        return mappedRenames.isEmpty();
    }

    /** Parses a spec; explicit renames ({@code --rename old=new}) are added to those found in the text. */
    public static AlterSpec parse(String spec, Map<String, String> explicitRenames) {
        String text = spec.trim();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        if (text.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "empty ALTER TABLE specification");
        }
        List<String> clauses = splitTopLevel(text);
        Map<String, String> renames = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        boolean addsUnique = false;
        Map<String, String> conversions = new LinkedHashMap<>();
        for (String clause : clauses) {
            List<String> words = words(clause);
            if (words.isEmpty()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "empty clause in ALTER TABLE specification: " + text);
            }
            String w0 = upper(words, 0);
            String w1 = upper(words, 1);
            if (w0.equals("CHANGE")) {
                int i = w1.equals("COLUMN") ? 2 : 1;
                if (upper(words, i).equals("IF") && upper(words, i + 1).equals("EXISTS")) {
                    i += 2;
                }
                String from = unquote(word(words, i, clause));
                String to = unquote(word(words, i + 1, clause));
                if (!from.equalsIgnoreCase(to)) {
                    renames.put(from, to);
                }
            } else if (w0.equals("RENAME") && w1.equals("COLUMN")) {
                int i = 2;
                if (upper(words, i).equals("IF") && upper(words, i + 1).equals("EXISTS")) {
                    i += 2;
                }
                String from = unquote(word(words, i, clause));
                if (!upper(words, i + 1).equals("TO")) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "expected RENAME COLUMN old TO new: " + clause);
                }
                renames.put(from, unquote(word(words, i + 2, clause)));
            } else if (w0.equals("RENAME") && (w1.equals("TO") || w1.equals("AS") || w1.isEmpty()
                    || !(w1.equals("INDEX") || w1.equals("KEY")))) {
                throw new DbShiftException(DbShiftException.BAD_INPUT,
                        "an online change cannot rename the table (" + clause + "); use RENAME TABLE");
            } else if (w0.equals("DROP") && !List.of("INDEX", "KEY", "PRIMARY", "FOREIGN", "CONSTRAINT", "CHECK",
                    "PARTITION", "SYSTEM").contains(w1)) {
                int i = w1.equals("COLUMN") ? 2 : 1;
                if (upper(words, i).equals("IF") && upper(words, i + 1).equals("EXISTS")) {
                    i += 2;
                }
                dropped.add(unquote(word(words, i, clause)));
            } else if (w0.equals("ALTER") && List.of("TYPE", "SET").contains(upper(words, w1.equals("COLUMN") ? 3 : 2))) {
                int using = topLevelWord(clause, "USING");
                if (using >= 0) {
                    String expression = clause.substring(using + "USING".length()).trim();
                    if (expression.isEmpty()) {
                        throw new DbShiftException(DbShiftException.BAD_INPUT, "USING without an expression: " + clause);
                    }
                    conversions.put(unquote(word(words, w1.equals("COLUMN") ? 2 : 1, clause)), expression);
                }
            } else if (w0.equals("ALGORITHM") || w0.equals("LOCK")) {
                throw new DbShiftException(DbShiftException.BAD_INPUT,
                        "leave " + w0 + "= out of an online change: the engine chooses how it runs (online alter"
                                + " --strategy; in a migration, always the least locking way): " + clause);
            } else if (w0.equals("ADD")) {
                int i = 1;
                if (w1.equals("CONSTRAINT")) {
                    i = upper(words, 2).equals("UNIQUE") || upper(words, 2).equals("PRIMARY") ? 2 : 3;
                }
                String w = upper(words, i);
                if (w.equals("UNIQUE") || w.equals("PRIMARY")) {
                    addsUnique = true;
                }
            }
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : explicitRenames.entrySet()) {
            String inText = renames.entrySet().stream().filter(r -> r.getKey().equalsIgnoreCase(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (inText == null || !inText.equalsIgnoreCase(e.getValue())) {
                mapped.put(e.getKey(), e.getValue());
            }
            renames.put(e.getKey(), e.getValue());
        }
        return new AlterSpec(text, clauses, renames, dropped, addsUnique, mapped, conversions);
    }

    /** Where {@code word} (any case) starts in {@code clause} as a word of its own outside quotes and parentheses; -1 if not. */
    public static int topLevelWord(String clause, String word) {
        return topLevel(clause, i -> clause.regionMatches(true, i, word, 0, word.length())
                && (i == 0 || !isWordChar(clause.charAt(i - 1)))
                && (i + word.length() == clause.length() || !isWordChar(clause.charAt(i + word.length()))));
    }

    /**
     * The first index of {@code text} outside quotes and parentheses at which {@code stop} holds; -1 if none. Quotes are
     * {@code '...'}, {@code "..."} and {@code `...`}, a doubled quote or (but in backticks) a backslash escaping the next
     * character; the clauses ({@link #splitTopLevel}) and the words in them are found by the same walk.
     */
    private static int topLevel(String text, java.util.function.IntPredicate stop) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && stop.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Splits {@code ALTER TABLE [schema.]t spec} into table and spec, for {@code -- dbshift:online} scripts. */
    public record Statement(String schema, String table, String spec) {
    }

    /** Parses a whole {@code ALTER TABLE} statement, names as MySQL reads them. */
    public static Statement parseStatement(String sql) {
        return parseStatement(sql, java.util.function.UnaryOperator.identity());
    }

    /**
     * The first words of an ALTER TABLE statement that are no table name: PostgreSQL's {@code ONLY} stands before one
     * (pg_dump writes {@code ALTER TABLE ONLY public.t}); a table named {@code only} stands before one of these.
     */
    private static final java.util.Set<String> ACTIONS = java.util.Set.of("ADD", "ALTER", "DROP", "MODIFY", "CHANGE",
            "RENAME", "SET", "RESET", "ENABLE", "DISABLE", "VALIDATE", "OWNER", "CLUSTER", "INHERIT", "NO", "OF", "NOT",
            "REPLICA", "FORCE", "ENGINE", "CONVERT", "ORDER", "ALGORITHM", "LOCK", "AUTO_INCREMENT", "COMMENT", "DEFAULT",
            "CHARACTER", "CHARSET", "COLLATE", "ROW_FORMAT", "PARTITION", "ATTACH", "DETACH", "REMOVE", "COALESCE",
            "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR", "TRUNCATE", "DISCARD", "IMPORT");

    /**
     * Parses a whole {@code ALTER TABLE} statement: {@code [IF EXISTS] [ONLY] [schema.]name [*]}, each part quoted
     * with backticks or double quotes (taken as written) or not ({@code unquoted} gives the name the database reads:
     * PostgreSQL folds it to lower case).
     */
    public static Statement parseStatement(String sql, java.util.function.UnaryOperator<String> unquoted) {
        List<String> words = words(sql.trim());
        int i = 0;
        if (!upper(words, i).equals("ALTER")) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "not an ALTER TABLE statement: " + sql);
        }
        i++;
        if (upper(words, i).equals("IGNORE")) {
            // MariaDB drops the rows a new unique key duplicates; the engine's copy would fail on them instead
            throw new DbShiftException(DbShiftException.BAD_INPUT, "ALTER IGNORE TABLE: an online change does not drop the"
                    + " rows a new unique key duplicates, as IGNORE does; delete the duplicates first and leave IGNORE out: "
                    + sql);
        }
        if (upper(words, i).equals("ONLINE")) {
            i++;
        }
        if (!upper(words, i).equals("TABLE")) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "not an ALTER TABLE statement: " + sql);
        }
        i++;
        if (upper(words, i).equals("IF") && upper(words, i + 1).equals("EXISTS")) {
            i += 2;
        }
        if (upper(words, i).equals("ONLY") && i + 1 < words.size() && !ACTIONS.contains(upper(words, i + 1))) {
            i++;
        }
        String name = word(words, i, sql);
        if (i + 1 < words.size() && words.get(i + 1).equals("*")) {
            i++; // PostgreSQL's "and its descendants", as without it
        }
        int at = indexAfterWord(sql, i);
        String schema = null;
        String table;
        List<String> parts = new ArrayList<>();
        for (String part : splitName(name)) {
            parts.add(part.startsWith("\u0000") ? part.substring(1) : unquoted.apply(part));
        }
        if (parts.size() == 2) {
            schema = parts.get(0);
            table = parts.get(1);
        } else {
            table = parts.get(0);
        }
        return new Statement(schema, table, sql.substring(at).trim());
    }

    /** The dotted parts of a name, unquoted; a part that was quoted (backticks or double quotes) starts with a NUL. */
    private static List<String> splitName(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quote == 0 && (c == '`' || c == '"')) {
                quote = c;
                if (cur.isEmpty()) {
                    cur.append('\u0000');
                }
            } else if (quote != 0 && c == quote) {
                if (i + 1 < name.length() && name.charAt(i + 1) == quote) {
                    cur.append(quote);
                    i++;
                } else {
                    quote = 0;
                }
            } else if (c == '.' && quote == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int indexAfterWord(String sql, int wordIndex) {
        int seen = -1;
        int i = 0;
        String s = sql;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            seen++;
            i = wordEnd(s, i);
            if (seen == wordIndex) {
                return i;
            }
        }
        return s.length();
    }

    static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int comma = topLevel(text, i -> text.charAt(i) == ','); comma >= 0;
             comma = nextComma(text, comma + 1)) {
            out.add(text.substring(start, comma).trim());
            start = comma + 1;
        }
        out.add(text.substring(start).trim());
        return out;
    }

    /** The next top-level comma of {@code text} from {@code from} on (a comma never ends inside quotes or parentheses). */
    private static int nextComma(String text, int from) {
        int at = topLevel(text.substring(from), i -> text.charAt(from + i) == ',');
        return at < 0 ? -1 : from + at;
    }

    /** Words of a clause: identifiers (quoted ones whole), stopping at the first '(' group boundary. */
    public static List<String> words(String clause) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < clause.length()) {
            char c = clause.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end = wordEnd(clause, i);
            out.add(clause.substring(i, end));
            i = end;
        }
        return out;
    }

    private static int wordEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '(' || c == ')' || c == ',' || c == '=') {
            return i + 1;
        }
        int j = i;
        while (j < s.length()) {
            char d = s.charAt(j);
            if (d == '`' || d == '\'' || d == '"') {
                j++;
                while (j < s.length()) {
                    if (s.charAt(j) == d) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == d) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                j++;
            } else if (Character.isWhitespace(d) || d == '(' || d == ')' || d == ',' || d == '=') {
                break;
            } else {
                j++;
            }
        }
        return Math.min(j, s.length());
    }

    private static String upper(List<String> words, int i) {
        return i < words.size() ? words.get(i).toUpperCase(Locale.ROOT) : "";
    }

    private static String word(List<String> words, int i, String clause) {
        if (i >= words.size()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "incomplete clause: " + clause);
        }
        return words.get(i);
    }

    /**
     * A column name as written as the name it stands for: MySQL's {@code `a b`}, PostgreSQL's (and MySQL's under
     * ANSI_QUOTES) {@code "Aa"}. A PostgreSQL rename of {@code "Aa"} was refused, "renamed column "Aa" does not exist".
     */
    static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }
}
