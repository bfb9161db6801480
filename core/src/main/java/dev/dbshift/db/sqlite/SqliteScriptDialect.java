package dev.dbshift.db.sqlite;

import dev.dbshift.sql.BlockTracker;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.ScriptRules;
import dev.dbshift.sql.SessionStatements;
import dev.dbshift.sql.StatementWords;

import java.util.List;
import java.util.Set;

/**
 * Scripts as the {@code sqlite3} shell runs them: {@code '...'}, {@code "..."}, {@code `...`} and
 * {@code [...]} quoting, no backslash escapes, flat block comments, and a CREATE TRIGGER whose
 * {@code BEGIN ... END} body holds {@code ;} (see {@link SqliteScriptBlocks}).
 *
 * <p>{@code PRAGMA foreign_keys = ...} counts as a statement that cannot run in a transaction: SQLite ignores it there
 * without a word, so in dbshift's transaction the table rebuild SQLite's documentation describes (foreign keys off,
 * then {@code DROP TABLE} of the old table) ran with them on, and the drop deleted the referencing rows its
 * {@code ON DELETE CASCADE} names, where the {@code sqlite3} shell kept them. So such a script runs as the shell runs
 * it: alone, or with its own {@code BEGIN ... COMMIT} after the pragma (the documented form), or under
 * {@code -- dbshift:no-transaction}; mixed with other statements in dbshift's transaction it is refused, as Flyway
 * refuses a migration that mixes both kinds.
 */
public final class SqliteScriptDialect implements ScriptRules {

    private static final LexicalRules LEXICAL = LexicalRules.standard()
            .withBacktickIdentifiers()
            .withBracketIdentifiers();

    @Override
    public LexicalRules lexical() {
        return LEXICAL;
    }

    @Override
    public BlockTracker newTracker(String delimiter) {
        return new SqliteScriptBlocks();
    }

    /** The pragmas that set something of the connection alone (not of the database file) that changes what SQL does. */
    static final Set<String> SESSION_PRAGMAS = Set.of("FOREIGN_KEYS", "RECURSIVE_TRIGGERS", "LEGACY_ALTER_TABLE",
            "CASE_SENSITIVE_LIKE", "IGNORE_CHECK_CONSTRAINTS", "TRUSTED_SCHEMA", "REVERSE_UNORDERED_SELECTS",
            "READ_UNCOMMITTED", "WRITABLE_SCHEMA", "SYNCHRONOUS", "BUSY_TIMEOUT");

    /**
     * Besides {@code VACUUM} and {@code PRAGMA foreign_keys = ...}, what SQLite refuses in a transaction that has
     * written, where the {@code sqlite3} shell (autocommit) runs it: {@code PRAGMA journal_mode = WAL} ("cannot change
     * into wal mode from within a transaction"; any journal mode is set alone, as it names the file's mode),
     * {@code PRAGMA wal_checkpoint} ("database table is locked"), {@code PRAGMA synchronous = ...} ("Safety level may
     * not be changed inside a transaction"), and {@code DETACH} of a database the transaction wrote to ("database ... is
     * locked").
     */
    @Override
    public boolean noTransaction(String sql, List<String> words) {
        if (!words.isEmpty() && (words.get(0).equals("VACUUM") || words.get(0).equals("DETACH"))) {
            return true;
        }
        SessionStatements.Pragma p = SessionStatements.pragma(words);
        return p != null && (p.sets() && (p.name().equals("FOREIGN_KEYS") || p.name().equals("JOURNAL_MODE")
                || p.name().equals("SYNCHRONOUS"))
                || p.name().equals("WAL_CHECKPOINT"));
    }

    /**
     * {@code PRAGMA query_only = ON}: dbshift records the migration on the same connection after its statements, and
     * SQLite then refuses every write, the history row's and the {@code BEGIN IMMEDIATE} of dbshift's next transaction.
     * The sqlite3 shell ends its session with the file.
     */
    @Override
    public String unsupported(List<String> words) {
        SessionStatements.Pragma p = SessionStatements.pragma(words);
        if (p == null || !p.sets() || !p.name().equals("QUERY_ONLY")) {
            return null;
        }
        int at = words.indexOf("=") >= 0 ? words.indexOf("=") + 1 : words.indexOf("(") + 1;
        String value = at > 0 && at < words.size() ? StatementWords.unquote(words.get(at)) : "";
        if (value.equals("0") || value.equals("OFF") || value.equals("FALSE") || value.equals("NO")) {
            return null;
        }
        return "PRAGMA query_only = " + value + " is not supported in a migration: dbshift records the migration on the"
                + " same connection after it, which SQLite would then refuse (check what must be checked with queries, or"
                + " open the database read-only outside the migrations)";
    }

    @Override
    public SessionStatements.Effect sessionEffect(String sql) {
        SessionStatements.Pragma p = SessionStatements.pragma(StatementWords.of(sql, LEXICAL, 6));
        return p != null && p.sets() && SESSION_PRAGMAS.contains(p.name()) ? SessionStatements.Effect.SETS
                : SessionStatements.of(sql, LEXICAL);
    }
}
