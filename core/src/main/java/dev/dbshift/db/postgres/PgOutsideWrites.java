package dev.dbshift.db.postgres;

import dev.dbshift.sql.StatementEffect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in a PostgreSQL statement writes outside the transaction it runs in: a rollback of that transaction does not undo
 * it, so a statement that ran it and was then rolled back (a kill, a later failure) must not simply run again. Read from
 * the statement's text:
 * <ul>
 *   <li>{@code dblink_exec(...)} and {@code dblink_send_query(...)}: the statement runs on another connection, which
 *       commits it on its own (dblink's connections are in autocommit unless sent a {@code BEGIN});</li>
 *   <li>{@code dblink(...)}, except a query: its literals start with {@code SELECT}, {@code WITH}, {@code VALUES},
 *       {@code TABLE}, {@code SHOW} or {@code EXPLAIN} and none names a statement that writes (the common
 *       {@code INSERT INTO t SELECT * FROM dblink('...', 'SELECT ...')} that copies rows in);</li>
 *   <li>{@code COPY ... FROM|TO PROGRAM}: a program runs, and what it does is not the database's.</li>
 * </ul>
 * A definition does not run what it names ({@code CREATE FUNCTION}, {@code CREATE VIEW}, {@code COMMENT ON}...); what
 * a statement calls that the schema already has ({@code SELECT my_sync()}) is {@link PgOutsideCode}'s.
 */
final class PgOutsideWrites {
    private PgOutsideWrites() {
    }

    /**
     * A quick look, asked of every statement of every PostgreSQL step: whether {@code sql} has {@code dblink} or
     * {@code program} in any case, as every statement this finds something in has. A loop over the characters: a
     * case-insensitive regular expression of the two words cost ~15 microseconds a statement, 3 s of CPU time on a dump
     * of 200,000 INSERTs read three times.
     */
    static boolean maybe(String sql) {
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            if ((c == 'd' || c == 'D') && sql.regionMatches(true, i, "dblink", 0, 6)
                    || (c == 'p' || c == 'P') && sql.regionMatches(true, i, "program", 0, 7)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CALL = Pattern.compile("(?i)\\b(dblink_exec|dblink_send_query|dblink)\\s*\\(");

    private static final Pattern QUERY = Pattern.compile("(?i)^[\\s(]*(SELECT|WITH|VALUES|TABLE|SHOW|EXPLAIN)\\b");

    /** A word in a remote statement's text that makes it more than a query. */
    private static final Pattern WRITES = Pattern.compile("(?i)\\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL|DO|CREATE"
            + "|ALTER|DROP|GRANT|REVOKE|VACUUM|CLUSTER|REINDEX|REFRESH|INTO|nextval|setval|dblink_exec"
            + "|lo_(import|export|unlink|create|creat|put|from_bytea))\\b");

    /** What {@code CREATE [OR REPLACE]} defines without running it. */
    private static final java.util.Set<String> DEFINED = java.util.Set.of("FUNCTION", "PROCEDURE", "VIEW", "RULE", "TRIGGER",
            "AGGREGATE", "EXTENSION");

    private static final Pattern PROGRAM = Pattern.compile("(?is)\\bCOPY\\b.*?\\b(FROM|TO)\\s+PROGRAM\\b");

    /** What in {@code sql} writes outside its transaction, as a user reads it ({@code dblink_exec}); empty: nothing. */
    static Optional<String> in(String sql) {
        if (!maybe(sql) || definition(StatementEffect.firstWords(sql, 4))) {
            return Optional.empty();
        }
        if (PROGRAM.matcher(head(sql)).find()) {
            return Optional.of("COPY ... PROGRAM");
        }
        return called(sql);
    }

    /**
     * What in {@code code} writes outside a transaction when it runs: a function's body, or a definition's text
     * ({@code CREATE FUNCTION ... dblink_exec(...)}), a {@code COPY ... PROGRAM} anywhere in it (a body runs it as a
     * statement of its own, or through {@code EXECUTE}); empty: nothing.
     */
    static Optional<String> inCode(String code) {
        if (!maybe(code)) {
            return Optional.empty();
        }
        if (PROGRAM.matcher(code).find()) {
            return Optional.of("COPY ... PROGRAM");
        }
        return called(code);
    }

    /** The first dblink call in {@code sql} that writes: any but a {@code dblink(...)} whose literals are a query. */
    private static Optional<String> called(String sql) {
        Matcher m = CALL.matcher(sql);
        while (m.find()) {
            String function = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!function.equals("dblink") || !query(literals(sql, m.end()))) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the statement starting with {@code w} runs no code it names: a definition, a change of one ({@code ALTER
     * FUNCTION ... RENAME TO}), a comment, a drop.
     */
    static boolean definition(List<String> w) {
        if (w.isEmpty()) {
            return true;
        }
        String first = w.get(0);
        if (first.equals("COMMENT") || first.equals("DROP")) {
            return true;
        }
        int at = w.size() > 3 && w.get(1).equals("OR") && w.get(2).equals("REPLACE") ? 3 : 1;
        return at < w.size() && (first.equals("CREATE") && DEFINED.contains(w.get(at))
                || first.equals("ALTER") && DEFINED.contains(w.get(1)));
    }

    /** A COPY's head: its text up to {@code STDIN} or its first line break after 4,000 characters (no data rows). */
    private static String head(String sql) {
        List<String> first = StatementEffect.firstWords(sql, 1);
        if (first.isEmpty() || !first.get(0).equals("COPY")) {
            return "";
        }
        return sql.length() > 4000 ? sql.substring(0, 4000) : sql;
    }

    /** Whether a dblink call's literals are a query: one starts as one, and none writes. */
    private static boolean query(List<String> literals) {
        boolean query = false;
        for (String l : literals) {
            query |= QUERY.matcher(l).find();
            if (WRITES.matcher(l).find()) {
                return false;
            }
        }
        return query;
    }

    /**
     * The string literals of the call whose arguments start at {@code from} ({@code '...'} with {@code ''} inside,
     * {@code E'...'} with backslash escapes, {@code $tag$...$tag$}), up to its closing parenthesis.
     */
    static List<String> literals(String sql, int from) {
        List<String> out = new ArrayList<>();
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '\'') {
                boolean backslash = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                StringBuilder s = new StringBuilder();
                i++;
                while (i < sql.length()) {
                    char d = sql.charAt(i);
                    if (backslash && d == '\\' && i + 1 < sql.length()) {
                        s.append(sql.charAt(i + 1));
                        i += 2;
                    } else if (d == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                        s.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        s.append(d);
                        i++;
                    }
                }
                out.add(s.toString());
            } else if (c == '$') {
                Matcher tag = DOLLAR.matcher(sql).region(i, sql.length());
                if (tag.lookingAt()) {
                    int end = sql.indexOf(tag.group(), tag.end());
                    out.add(sql.substring(tag.end(), end < 0 ? sql.length() : end));
                    i = end < 0 ? sql.length() : end + tag.group().length();
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");
}
