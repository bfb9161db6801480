package dev.dbshift.lint.rules;

import dev.dbshift.sql.StatementWords;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A table (or column) name as a statement wrote it, read from its words: quoted names keep their quotes there, and
 * are compared here unquoted and case-insensitively, the way a user reads them.
 *
 * @param schema the qualifier ({@code public} of {@code public.users}), or null
 * @param name   the table's own name, as written
 */
record TableName(String schema, String name) {

    /** Bare words that end a name rather than being one. */
    private static final Set<String> NOT_NAMES = Set.of("IF", "ON", "ONLY", "AS", "TO", "SET", "WHERE", "FROM",
            "USING", "JOIN", "ADD", "DROP", "ALTER", "RENAME", "MODIFY", "CHANGE");

    /**
     * The possibly qualified name at {@code i} of {@code words}, or null; {@code end[0]} is set to the index after it.
     */
    static TableName at(List<String> words, int i, int[] end) {
        if (!isName(words, i)) {
            return null;
        }
        String schema = null;
        String name = words.get(i);
        int j = i + 1;
        while (j + 1 < words.size() && words.get(j).equals(".") && isName(words, j + 1)) {
            schema = name;
            name = words.get(j + 1);
            j += 2;
        }
        end[0] = j;
        return new TableName(schema, name);
    }

    /** True when the token at {@code i} can be a name: a bare word that is no keyword ending a name, or a quoted name. */
    static boolean isName(List<String> words, int i) {
        if (i >= words.size()) {
            return false;
        }
        String s = words.get(i);
        char c = s.charAt(0);
        if (c == '"' || c == '`' || c == '[') {
            return true;
        }
        return (Character.isLetterOrDigit(c) || c == '_' || c == '$') && !NOT_NAMES.contains(s);
    }

    /** The token unquoted and lower-cased: what two spellings of one name share. */
    static String key(String token) {
        boolean bracketed = token.length() >= 2 && token.startsWith("[") && token.endsWith("]");
        return (bracketed ? token.substring(1, token.length() - 1) : StatementWords.unquote(token)).toLowerCase(Locale.ROOT);
    }

    /** The table's own name unquoted, lower case (the key of {@code ServerFacts.rowCounts}). */
    String key() {
        return key(name);
    }

    /** Same table: same name, and same schema where both name one. */
    boolean sameTable(TableName other) {
        return key().equals(other.key()) && (schema == null || other.schema == null || key(schema).equals(key(other.schema)));
    }

    @Override
    public String toString() {
        return (schema == null ? "" : key(schema) + ".") + key();
    }
}
