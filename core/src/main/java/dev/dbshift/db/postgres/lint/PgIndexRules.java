package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.ScriptSyntaxException;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;
import dev.dbshift.sql.TransactionPolicy;

import java.util.List;

/** Rules on building, dropping and rebuilding indexes, and on the statements a transaction block refuses. */
final class PgIndexRules {

    private PgIndexRules() {
    }

    static final PgRule INDEX_NOT_CONCURRENT = new PgRule("pg-index-not-concurrent",
            "CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built",
            "CREATE INDEX CONCURRENTLY, alone in its migration (dbshift runs such a script outside a transaction)",
            Level.ERROR, PgIndexRules::indexNotConcurrent);

    static final PgRule DROP_INDEX_NOT_CONCURRENT = new PgRule("pg-drop-index-not-concurrent",
            "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, queued behind every running query",
            "DROP INDEX CONCURRENTLY, alone in its migration (dbshift runs such a script outside a transaction)",
            Level.WARN, PgIndexRules::dropIndexNotConcurrent);

    static final PgRule NO_TRANSACTION_IN_TRANSACTION = new PgRule("pg-concurrently-in-transaction",
            "PostgreSQL refuses CONCURRENTLY (and VACUUM, ALTER TYPE ... ADD VALUE before 12) in a transaction block,"
                    + " and dbshift refuses a script that mixes such a statement with others",
            "put the statement in a migration of its own, or add '-- dbshift:no-transaction' (each statement then commits"
                    + " on its own) and drop any BEGIN/COMMIT around it",
            Level.ERROR, PgIndexRules::noTransactionInTransaction);

    static final PgRule REINDEX_NOT_CONCURRENT = new PgRule("pg-reindex-not-concurrent",
            "REINDEX without CONCURRENTLY blocks writes to the table (and reads that use the index) while it rebuilds",
            "REINDEX ... CONCURRENTLY (PostgreSQL 12+), alone in its migration",
            Level.WARN, PgIndexRules::reindexNotConcurrent);

    private static List<String> indexNotConcurrent(LintStatement st, PgText t) {
        if (!t.word(0).equals("CREATE")) {
            return List.of();
        }
        int i = t.at(1, "UNIQUE") ? 2 : 1;
        if (!t.at(i, "INDEX") || t.at(i + 1, "CONCURRENTLY")) {
            return List.of();
        }
        int on = t.find("ON", i + 1, t.tokens().size());
        if (on < 0) {
            return List.of();
        }
        int from = t.at(on + 1, "ONLY") ? on + 2 : on + 1;
        int end = t.nameEnd(from);
        if (end == from) {
            return List.of();
        }
        String table = t.nameBefore(end);
        return PgText.existing(st, table)
                ? List.of("CREATE INDEX on existing table " + table + " without CONCURRENTLY blocks its writes while it builds")
                : List.of();
    }

    private static List<String> dropIndexNotConcurrent(LintStatement st, PgText t) {
        if (!t.at(0, "DROP", "INDEX") || t.at(2, "CONCURRENTLY")) {
            return List.of();
        }
        int i = t.at(2, "IF", "EXISTS") ? 4 : 2;
        int end = t.nameEnd(i);
        String index = end == i ? "" : " " + t.nameBefore(end);
        return List.of("DROP INDEX" + index + " without CONCURRENTLY locks its table against reads and writes");
    }

    private static List<String> reindexNotConcurrent(LintStatement st, PgText t) {
        if (!t.word(0).equals("REINDEX") || t.contains("CONCURRENTLY")) {
            return List.of();
        }
        if (st.migration().facts().major().filter(m -> m < 12).isPresent()) {
            return List.of("REINDEX without CONCURRENTLY blocks writes; before PostgreSQL 12 build a new index CONCURRENTLY"
                    + " and drop the old one instead");
        }
        return List.of("REINDEX without CONCURRENTLY blocks writes while it rebuilds");
    }

    /**
     * A statement the server refuses in a transaction block ({@link SqlStatement#noTransaction()}, as the dialect
     * marks it) where it would run in one: after an explicit BEGIN not yet ended, or, in a migration without
     * {@code -- dbshift:no-transaction}, where {@link TransactionPolicy} refuses the script (such a statement beside
     * others; it names the first). {@code ALTER TYPE ... ADD VALUE} after an explicit BEGIN is the enum rule's
     * (PostgreSQL 12 accepts it).
     */
    private static List<String> noTransactionInTransaction(LintStatement st, PgText t) {
        if (!st.statement().noTransaction()) {
            return List.of();
        }
        String head = String.join(" ", t.tokens().subList(0, Math.min(3, t.tokens().size())));
        if (openBlockBefore(st) && !PgEnumRules.addsEnumValue(t)) {
            return List.of(head + " runs inside the script's own BEGIN ... COMMIT, which PostgreSQL refuses");
        }
        if (st.migration().inTransaction()) {
            try {
                TransactionPolicy.decide(st.script(), st.migration().statements(), false);
            } catch (ScriptSyntaxException refused) {
                if (refused.line() == st.statement().line() && refused.column() == st.statement().column()) {
                    return List.of(head + " cannot run in a transaction and the script has other statements:"
                            + " dbshift refuses to run it");
                }
            }
        }
        return List.of();
    }

    /** True when an explicit BEGIN / START TRANSACTION before the statement has not been ended by COMMIT or ROLLBACK. */
    static boolean openBlockBefore(LintStatement st) {
        boolean open = false;
        List<SqlStatement> all = st.migration().statements();
        for (int k = 0; k < st.ordinal() - 1 && k < all.size(); k++) {
            if (all.get(k).kind() != StatementKind.TRANSACTION_CONTROL) {
                continue;
            }
            PgText w = PgText.of(all.get(k).sql());
            if (w.at(0, "BEGIN") || w.at(0, "START", "TRANSACTION")) {
                open = true;
            } else if (w.at(0, "COMMIT") || w.at(0, "END") || w.at(0, "ABORT")
                    || (w.at(0, "ROLLBACK") && !w.contains("TO"))) {
                open = false;
            }
        }
        return open;
    }
}
