package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementKind;

import java.util.List;

/**
 * Walks the statements of a step that runs statement by statement, in order, and says how each one
 * commits relative to the progress mark written after it. The executor walks a script through it to
 * run it; after a crash, {@link InterruptedStatement} walks the same script through it to learn how
 * the statement that was running had been run: one walk, so the two can never disagree.
 */
final class CommitPoints {

    /** How one statement commits relative to its mark. */
    enum How {
        /** In one transaction with its mark (or the history row): it committed exactly when its mark did. */
        WITH_MARK,
        /** Inside the script's own transaction (BEGIN ... COMMIT): its mark joins that transaction. */
        IN_SCRIPT_TRANSACTION,
        /** Alone, in autocommit, its mark after it: a crash between the two leaves it in doubt. */
        ALONE,
        /** Alone while the session holds table locks: no mark can follow it until UNLOCK TABLES. */
        UNDER_TABLE_LOCKS
    }

    private final Database database;
    private boolean scriptTransaction;
    private boolean tableLocks;

    CommitPoints(Database database) {
        this.database = database;
    }

    /** How {@code st} runs, given the statements before it; moves past it. */
    How next(SqlStatement st) {
        boolean control = st.kind() == StatementKind.TRANSACTION_CONTROL;
        List<String> words = control ? StatementEffect.firstWords(st.sql(), 3) : List.of();
        How how;
        if (tableLocks) {
            how = How.UNDER_TABLE_LOCKS;
        } else if (scriptTransaction && !(st.kind() == StatementKind.DDL && !database.supportsTransactionalDdl())) {
            how = How.IN_SCRIPT_TRANSACTION;
        } else if (!control && database.sharesTransactionWithMark(st)) {
            how = How.WITH_MARK;
        } else {
            how = How.ALONE;
        }
        if (control) {
            String first = words.isEmpty() ? "" : words.get(0);
            String second = words.size() > 1 ? words.get(1) : "";
            if (first.equals("BEGIN") || first.equals("START")) {
                scriptTransaction = true;
            } else if ((first.equals("COMMIT") || first.equals("END") || first.equals("ABORT") || first.equals("ROLLBACK")
                    && !(second.equals("TO") || words.contains("TO")) || first.equals("PREPARE"))) {
                scriptTransaction = false;
            }
        } else if (st.kind() == StatementKind.DDL && !database.supportsTransactionalDdl()) {
            scriptTransaction = false; // DDL commits the open transaction
        }
        boolean locked = database.holdsTableLocksAfter(st, tableLocks);
        if (locked && !tableLocks) {
            scriptTransaction = false; // LOCK TABLES commits the open transaction
        }
        tableLocks = locked;
        return how;
    }

    /** True while the script's own transaction is open (after BEGIN, before COMMIT/ROLLBACK). */
    boolean inScriptTransaction() {
        return scriptTransaction;
    }

    /** True when a progress mark can be written now (no table locks held). */
    boolean canMark() {
        return !tableLocks;
    }

    /** True while the session holds table locks. */
    boolean holdsTableLocks() {
        return tableLocks;
    }
}
