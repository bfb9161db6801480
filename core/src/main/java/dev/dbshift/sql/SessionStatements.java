package dev.dbshift.sql;

import java.util.List;
import java.util.Set;

/**
 * Which statements of a script only set something in the session that runs it ({@code SET search_path},
 * {@code USE}, {@code SET NAMES}, {@code SET FOREIGN_KEY_CHECKS = 0}, SQLite's {@code PRAGMA foreign_keys}), read from
 * the text alone. A migration resumed after a failure or a crash runs its remaining statements on a new session: the
 * settings its first statements made are gone with the old one, so they are made again first, in their order, from
 * the same starting point; without that, the rest of the script ran elsewhere (measured: a PostgreSQL table meant for
 * the schema a {@code SET search_path} named was made in {@code public}). A setting whose value was read from the data
 * ({@code SET @max = (SELECT MAX(id) FROM t)}, {@code SELECT ... INTO @v}) cannot be made again the same: the statements
 * after it may have changed the data it read.
 *
 * <p>Server-wide settings ({@code SET GLOBAL}, {@code SET PERSIST}), account changes ({@code SET PASSWORD},
 * {@code SET DEFAULT ROLE}) and what lasts one transaction or statement ({@code SET TRANSACTION}, {@code SET LOCAL},
 * {@code SET CONSTRAINTS}, MariaDB's {@code SET STATEMENT ... FOR}) are not the session's: they are left alone.
 */
public final class SessionStatements {

    /** What a statement does to the session that runs it. */
    public enum Effect {
        /** Nothing that outlives the statement in the session, or nothing of the session's alone. */
        NONE,
        /** Sets session settings from constants or other settings: made again, it sets the same. */
        SETS,
        /** Sets a session value read from the data, which may have changed since it ran. */
        SETS_FROM_DATA
    }

    /** The second words after which {@code SET} is not a session setting. */
    private static final Set<String> NOT_SESSION = Set.of("TRANSACTION", "LOCAL", "CONSTRAINTS", "GLOBAL", "PERSIST",
            "PERSIST_ONLY", "PASSWORD", "DEFAULT", "STATEMENT");
    /** The second words after which MySQL's {@code RESET} acts on the server, not the session. */
    private static final Set<String> SERVER_RESETS = Set.of("MASTER", "SLAVE", "REPLICA", "QUERY", "BINARY", "PERSIST");

    private SessionStatements() {
    }

    /** The effect of {@code sql}, read with {@code lex} (the script's quoting and comments). */
    public static Effect of(String sql, LexicalRules lex) {
        List<String> head = StatementWords.of(sql, lex, 2);
        if (head.isEmpty()) {
            return Effect.NONE;
        }
        String first = head.get(0);
        String second = head.size() > 1 ? head.get(1) : "";
        switch (first) {
            case "SET": {
                if (NOT_SESSION.contains(second)) {
                    return Effect.NONE;
                }
                List<String> words = StatementWords.of(sql, lex, 4096);
                for (int i = 0; i + 2 < words.size(); i++) {
                    // @@GLOBAL.x, @@PERSIST.x: the server's
                    if (words.get(i).equals("@") && words.get(i + 1).equals("@")
                            && (words.get(i + 2).equals("GLOBAL") || words.get(i + 2).startsWith("PERSIST"))) {
                        return Effect.NONE;
                    }
                }
                return words.contains("SELECT") ? Effect.SETS_FROM_DATA : Effect.SETS;
            }
            case "USE":
            case "DISCARD":
                return Effect.SETS;
            case "RESET":
                return SERVER_RESETS.contains(second) ? Effect.NONE : Effect.SETS;
            case "SELECT":
                return select(StatementWords.of(sql, lex, 4096));
            default:
                return Effect.NONE;
        }
    }

    /**
     * A {@code SELECT} that sets the session: PostgreSQL's {@code set_config} (pg_dump's first lines call it), MySQL's
     * {@code INTO @v} and {@code @v := ...}. Read from a table, or from a subquery, what it sets came from the data.
     */
    private static Effect select(List<String> words) {
        boolean setConfig = words.contains("SET_CONFIG");
        boolean userVariable = false;
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("INTO") && words.get(i + 1).equals("@")
                    || words.get(i).equals(":") && words.get(i + 1).equals("=")) {
                userVariable = true;
            }
        }
        if (!setConfig && !userVariable) {
            return Effect.NONE;
        }
        if (words.contains("FROM") || words.subList(1, words.size()).contains("SELECT")) {
            return Effect.SETS_FROM_DATA;
        }
        return Effect.SETS;
    }

    /**
     * True when {@code sql} may change where the session finds an unqualified name: {@code USE}, a search path or
     * schema set or reset ({@code SET search_path}, H2's {@code SET SCHEMA}, {@code set_config('search_path', ...)},
     * {@code RESET ALL}, {@code DISCARD ALL}), or a role (PostgreSQL's {@code "$user"} in the search path follows it).
     */
    public static boolean movesNames(String sql, LexicalRules lex) {
        if (of(sql, lex) == Effect.NONE) {
            return false;
        }
        List<String> w = StatementWords.of(sql, lex, 64);
        String first = w.get(0);
        if (first.equals("USE") || first.equals("DISCARD")) {
            return true;
        }
        for (String word : w) {
            if (word.equals("SEARCH_PATH") || word.equals("SCHEMA") || word.equals("SCHEMA_SEARCH_PATH") || word.equals("ROLE")
                    || word.equals("AUTHORIZATION") || word.equals("ALL") || word.equalsIgnoreCase("'search_path'")) {
                return true;
            }
        }
        return false;
    }

    /** One mention of a MySQL user variable ({@code @name}, upper case), and whether it assigns the variable there. */
    public record Mention(String name, boolean assigned) {
    }

    /**
     * The user variables {@code sql} mentions ({@code @name}; not {@code @@name}, a system variable), in order. A mention
     * assigns when it is a {@code SET}'s target ({@code SET @a = 1, @b = 2}), follows {@code INTO}, or is followed by
     * {@code :=}; any other mention reads the variable.
     */
    public static List<Mention> userVariables(String sql, LexicalRules lex) {
        List<String> w = StatementWords.of(sql, lex, 4096);
        boolean set = !w.isEmpty() && w.get(0).equals("SET");
        List<Mention> out = new java.util.ArrayList<>();
        int depth = 0;
        for (int i = 0; i + 1 < w.size(); i++) {
            depth += w.get(i).equals("(") ? 1 : w.get(i).equals(")") ? -1 : 0;
            if (!w.get(i).equals("@") || w.get(i + 1).equals("@") || i > 0 && w.get(i - 1).equals("@")
                    || !StatementWords.isWordChar(w.get(i + 1).charAt(0))) {
                continue;
            }
            String before = i > 0 ? w.get(i - 1) : "";
            String after = i + 2 < w.size() ? w.get(i + 2) : "";
            String after2 = i + 3 < w.size() ? w.get(i + 3) : "";
            boolean assigned = set && depth == 0 && after.equals("=") && (before.equals("SET") || before.equals(",") || before.equals("SESSION"))
                    || before.equals("INTO") || after.equals(":") && after2.equals("=");
            out.add(new Mention(w.get(i + 1), assigned));
        }
        return out;
    }

    /**
     * SQLite: the pragma a statement names, upper case, with whether it sets it ({@code PRAGMA foreign_keys = OFF},
     * {@code PRAGMA main.recursive_triggers(1)}) or only reads it; null for a statement that is no pragma. From the
     * statement's first words ({@link StatementWords}, at least six), as the scanner classifies with them.
     */
    public static Pragma pragma(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("PRAGMA")) {
            return null;
        }
        int name = words.size() > 3 && words.get(2).equals(".") ? 3 : 1;
        String next = name + 1 < words.size() ? words.get(name + 1) : "";
        return new Pragma(words.get(name), next.equals("=") || next.equals("("));
    }

    /** A pragma a statement names, and whether it sets it. */
    public record Pragma(String name, boolean sets) {
    }
}
