package dev.dbshift.db.postgres;

import dev.dbshift.sql.BackslashAction;
import dev.dbshift.sql.BlockTracker;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScannerControl;
import dev.dbshift.sql.ScriptRules;
import dev.dbshift.sql.StatementClassifier;
import dev.dbshift.sql.StatementWords;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scripts as {@code psql -f} reads them: {@code $$} and {@code $tag$} quoting, {@code E'...'} with
 * backslash escapes, {@code U&'...'}, nested block comments, a {@code ;} inside parentheses or inside
 * the {@code BEGIN ATOMIC ... END} body of a CREATE FUNCTION / PROCEDURE ends nothing (psql's own
 * heuristics, see {@link PostgresScriptBlocks}), {@code COPY ... FROM stdin} followed by its data up
 * to {@code \.}, and {@code SET standard_conforming_strings} changing how later strings are read.
 *
 * <p>Backslash meta-commands are psql's, not the server's: {@code \restrict} / <code>&#92;unrestrict</code>,
 * which pg_dump writes around a dump since the 2025 security releases and which only guard psql
 * itself, are skipped; every other one ({@code \i}, {@code \set}, {@code \connect}, ...) is rejected
 * with its line rather than sent to the server or silently ignored.
 */
public final class PostgresScriptDialect implements ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withNestedBlockComments()
            .withDollarQuotes(LexicalRules.DollarQuotes.TAGGED)
            .withEscapeStringPrefix()
            .withParenthesesHoldingTerminator();

    /**
     * psql commands with no effect on the server or on which statements run: pg_dump's {@code \restrict} lines, and
     * output alone ({@code \echo}, {@code \timing}, {@code \pset}, {@code \x}), skipped with their line.
     */
    private static final Set<String> HARMLESS_META = Set.of("restrict", "unrestrict", "echo", "qecho", "timing", "pset", "x");

    /** psql variables that only shape its output, which a script may {@code \set} to anything. */
    private static final Set<String> OUTPUT_VARIABLES = Set.of("ECHO", "ECHO_HIDDEN", "QUIET", "VERBOSITY", "SHOW_CONTEXT");

    /**
     * {@code \set ON_ERROR_STOP on}, which many scripts written for psql start with, is what dbshift does anyway: it
     * stops at the first error. No value (psql 15 reads it as on) or any value psql reads as true ({@code on},
     * {@code 1}, {@code true}, {@code yes} and their prefixes psql takes); off, or a value psql cannot read (it reports
     * it and goes on), cannot be honoured and stays refused, as do {@code AUTOCOMMIT} and {@code ON_ERROR_ROLLBACK},
     * which change what commits.
     */
    private static boolean harmlessSet(String arguments) {
        String[] parts = arguments.split("\\s+", 2);
        if (parts.length == 2 && OUTPUT_VARIABLES.contains(parts[0])) {
            return true;
        }
        if (!parts[0].equals("ON_ERROR_STOP")) {
            return false;
        }
        if (parts.length == 1) {
            return true;
        }
        String value = parts[1].length() > 1 && parts[1].startsWith("'") && parts[1].endsWith("'")
                ? parts[1].substring(1, parts[1].length() - 1) : parts[1];
        value = value.toLowerCase(java.util.Locale.ROOT);
        return value.equals("1") || value.equals("on") || "true".startsWith(value) || "yes".startsWith(value);
    }

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }

    /** PostgreSQL's lexical rules, for reading a statement's words outside a script. */
    static LexicalRules lexicalRules() {
        return LEXICAL;
    }

    @Override
    public BlockTracker newTracker(String delimiter) {
        return new PostgresScriptBlocks();
    }

    @Override
    public BackslashAction backslash(char next, String word, String arguments, boolean statementStart) {
        // a backslash further on starts another command on the line (psql's "\\" separator ends one, and SQL may follow)
        return statementStart && arguments != null && arguments.indexOf('\\') < 0
                && (HARMLESS_META.contains(word) || word.equals("set") && harmlessSet(arguments))
                ? BackslashAction.IGNORE_LINE : BackslashAction.REJECT;
    }

    /**
     * What releases dbshift's migration lock, an advisory lock of the session that runs the scripts: {@code DISCARD ALL}
     * and {@code pg_advisory_unlock_all()} (called directly; a function's body that calls it is its own). A second
     * {@code up} started during a migration after a {@code DISCARD ALL} took the lock and ran the next migration at the
     * same time, where psql's session per file only resets itself.
     *
     * <p>The two settings the PostgreSQL JDBC driver holds the server to, which psql lets a script change: it ends the
     * connection when they change, so a migration failed half way with the connection lost, its failure unrecorded
     * and its run left open. {@code SET client_encoding} (or {@code SET NAMES}) to anything but UTF-8, after which psql
     * sends the rest of the file's bytes for the server to read in that encoding, while the driver sends text as UTF-8
     * only; and a {@code SET DateStyle} whose output is not ISO (the driver reads dates back as ISO). What pg_dump sets
     * ({@code client_encoding = 'UTF8'}) and an input order alone ({@code DateStyle = 'DMY'}) run.
     */
    @Override
    public String unsupported(List<String> words) {
        if (StatementClassifier.startsWith(words, 0, "DISCARD", "ALL")
                || (!words.isEmpty() && !words.get(0).equals("CREATE") && words.contains("PG_ADVISORY_UNLOCK_ALL"))) {
            return (words.get(0).equals("DISCARD") ? "DISCARD ALL" : "pg_advisory_unlock_all()") + " is not supported in a"
                    + " migration: it releases the session's advisory locks, dbshift's migration lock among them, so another"
                    + " 'dbshift up' could run the migrations still to run at the same time (use DISCARD PLANS, DISCARD"
                    + " TEMP or RESET ALL; release a lock of your own with pg_advisory_unlock(key))";
        }
        if (words.isEmpty() || !words.get(0).equals("SET")) {
            return null;
        }
        int at = StatementClassifier.startsWith(words, 1, "SESSION") || StatementClassifier.startsWith(words, 1, "LOCAL") ? 2 : 1;
        if (StatementClassifier.startsWith(words, at, "NAMES") && words.size() > at + 1) {
            return clientEncoding(words.get(at + 1));
        }
        if (words.size() < at + 3 || !(words.get(at + 1).equals("TO") || words.get(at + 1).equals("="))) {
            return null;
        }
        if (words.get(at).equals("CLIENT_ENCODING")) {
            return clientEncoding(words.get(at + 2));
        }
        if (words.get(at).equals("DATESTYLE")) {
            for (String value : words.subList(at + 2, words.size())) {
                for (String style : StatementWords.unquote(value).split("[\\s,]+")) {
                    if (Set.of("SQL", "POSTGRES", "GERMAN").contains(style)) {
                        return "DateStyle " + style + " is not supported in a migration: the PostgreSQL JDBC driver reads"
                                + " dates as ISO only and ends the connection when the style changes (an input order alone"
                                + " runs, e.g. SET DateStyle = 'ISO, DMY'; or write dates as ISO, '2020-01-31')";
                    }
                }
            }
        }
        return null;
    }

    private static String clientEncoding(String value) {
        String name = StatementWords.unquote(value);
        String canonical = name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        if (canonical.equals("UTF8") || canonical.equals("UNICODE") || canonical.equals("DEFAULT")) {
            return null;
        }
        return "client_encoding " + name + " is not supported in a migration: the PostgreSQL JDBC driver sends and reads"
                + " text as UTF-8 only and ends the connection when the encoding changes (psql would send the rest of the"
                + " file's bytes for the server to read as " + name + "): remove this line, and read a script written in"
                + " another character set by setting 'encoding' (e.g. encoding = \"ISO-8859-1\" in dbshift.toml)";
    }

    @Override
    public boolean noTransaction(String sql, List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        String first = words.get(0);
        List<String> w = first.equals("ALTER") || first.equals("REINDEX") ? StatementWords.of(sql, LEXICAL, 64) : words;
        switch (w.get(0)) {
            case "VACUUM":
                return true;
            case "DISCARD": // ALL only: PLANS, SEQUENCES and TEMP run in a transaction
                return w.size() > 1 && w.get(1).equals("ALL");
            case "CLUSTER": // without a table it clusters the whole database, which refuses a transaction
                return w.size() == 1 || (w.size() >= 2 && w.get(1).equals("VERBOSE") && w.size() == 2);
            case "CREATE": {
                int i = 1;
                if (StatementClassifier.startsWith(w, i, "UNIQUE")) {
                    i++;
                }
                return StatementClassifier.startsWith(w, i, "INDEX", "CONCURRENTLY")
                        || StatementClassifier.startsWith(w, 1, "DATABASE")
                        || StatementClassifier.startsWith(w, 1, "TABLESPACE")
                        || StatementClassifier.startsWith(w, 1, "SUBSCRIPTION");
            }
            case "DROP":
                return StatementClassifier.startsWith(w, 1, "INDEX", "CONCURRENTLY")
                        || StatementClassifier.startsWith(w, 1, "DATABASE")
                        || StatementClassifier.startsWith(w, 1, "TABLESPACE")
                        || StatementClassifier.startsWith(w, 1, "SUBSCRIPTION");
            case "REINDEX":
                return w.contains("CONCURRENTLY") || StatementClassifier.startsWith(w, 1, "DATABASE")
                        || StatementClassifier.startsWith(w, 1, "SYSTEM");
            case "ALTER":
                if (StatementClassifier.startsWith(w, 1, "SYSTEM")) {
                    return true;
                }
                if (StatementClassifier.startsWith(w, 1, "TYPE")) {
                    int add = StatementWords.indexOf(w, "ADD", 2);
                    return add > 0 && StatementClassifier.startsWith(w, add + 1, "VALUE");
                }
                if (StatementClassifier.startsWith(w, 1, "TABLE")) {
                    int detach = StatementWords.indexOf(w, "DETACH", 2);
                    return detach > 0 && StatementWords.indexOf(w, "CONCURRENTLY", detach) > 0;
                }
                return false;
            default:
                return false;
        }
    }

    @Override
    public void afterStatement(String sql, List<String> w, ScannerControl control) {
        if (w.isEmpty()) {
            return;
        }
        String first = w.get(0);
        if (first.equals("COPY")) {
            List<String> all = StatementWords.of(sql, LEXICAL, Integer.MAX_VALUE);
            for (int i = StatementWords.indexOf(all, "FROM", 1); i > 0; i = StatementWords.indexOf(all, "FROM", i + 1)) {
                if (StatementClassifier.startsWith(all, i + 1, "STDIN")) {
                    control.copyDataFollows();
                    return;
                }
            }
        } else if (first.equals("SET")) {
            int i = 1;
            if (StatementClassifier.startsWith(w, i, "SESSION") || StatementClassifier.startsWith(w, i, "LOCAL")) {
                i++;
            }
            if (StatementClassifier.startsWith(w, i, "STANDARD_CONFORMING_STRINGS") && i + 2 < w.size()
                    && (w.get(i + 1).equals("=") || w.get(i + 1).equals("TO"))) {
                String value = StatementWords.unquote(w.get(i + 2)).toLowerCase(Locale.ROOT);
                boolean off = value.equals("off") || value.equals("false") || value.equals("0")
                        || value.equals("of") || value.equals("no") || value.equals("n") || value.equals("f");
                control.backslashEscapes(off);
            }
        } else if (first.equals("RESET")) {
            if (StatementClassifier.startsWith(w, 1, "STANDARD_CONFORMING_STRINGS")
                    || StatementClassifier.startsWith(w, 1, "ALL")) {
                control.backslashEscapes(false);
            }
        }
    }
}
