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
        /**
         * Alone, in autocommit, its mark after it: a crash between the two leaves it in doubt. A row change where rows
         * may stay through a rollback runs alone in one transaction with its own mark instead (so that a failure's
         * rollback can say whether rows stayed), and is in doubt all the same: its MyISAM rows stay when that
         * transaction does not commit.
         */
        ALONE,
        /** Alone while the session holds table locks: no mark can follow it until UNLOCK TABLES. */
        UNDER_TABLE_LOCKS
    }

    /**
     * Whether a schema other than the run's, which a statement names, may keep rows through a rollback; and what a
     * statement writes outside its transaction, with the database's code it calls ({@link #writesOutside}): the run's
     * {@link RowsThatStay} answers both, a stand-in with no database (offline SQL) the statement's text alone.
     */
    @FunctionalInterface
    interface OtherSchemas {
        boolean mayIn(String schema) throws java.sql.SQLException;

        /**
         * Whether {@code sql} names another schema whose tables may keep its rows: a row change's target ({@code INSERT
         * INTO other.log}), a routine it calls ({@code VALUES (other.f(1))}) or a {@code USE other} (asked only where
         * {@link Database#mayKeepRowsThroughRollback}).
         */
        default boolean namedBy(Database database, String sql) throws java.sql.SQLException {
            return database.mayKeepRowsThroughRollback() && anyMayKeepRows(StatementEffect.schemasForRows(sql));
        }

        /**
         * Whether {@code sql} makes a trigger, a view or a routine that may write into a schema whose tables may keep rows
         * ({@code CREATE TRIGGER ... INSERT INTO other.log}): row changes that name no such schema may write there from
         * then on, as if the statement had made a MyISAM table (asked only where {@link
         * Database#mayKeepRowsThroughRollback}).
         */
        default boolean namedByCodeMadeBy(Database database, String sql) throws java.sql.SQLException {
            return database.mayKeepRowsThroughRollback() && anyMayKeepRows(StatementEffect.schemasCodeMadeMayWriteInto(sql));
        }

        /**
         * What in {@code st} writes outside the transaction it runs in, with what it calls of the database's code
         * ({@link Database.OutsideWrites}; the run's {@link RowsThatStay} reads that code): by default its text alone.
         */
        default java.util.Optional<String> writesOutside(Database database, SqlStatement st) {
            return database.writesOutsideTransaction(st);
        }

        private boolean anyMayKeepRows(List<String> schemas) throws java.sql.SQLException {
            for (String schema : schemas) {
                if (mayIn(schema)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Database database;
    private final OtherSchemas others;
    private boolean scriptTransaction;
    /**
     * Where a {@code SAVEPOINT} outside a transaction opened the script's own ({@link Database#savepointOpensTransaction}),
     * the savepoints open in it, innermost first, upper case: the {@code RELEASE} of the outermost commits it.
     */
    private final java.util.ArrayDeque<String> savepoints = new java.util.ArrayDeque<>();
    private boolean tableLocks;
    /**
     * True in the script's own transaction once it is read only ({@code START TRANSACTION READ ONLY},
     * {@code BEGIN READ ONLY}, {@code SET TRANSACTION READ ONLY}): a progress mark written there failed ("Cannot
     * execute statement in a READ ONLY transaction"), and nothing in it changes what a mark would record.
     */
    private boolean readOnly;
    /** {@code SET TRANSACTION READ ONLY} outside a transaction (MySQL: the next one is read only; PostgreSQL: nothing). */
    private boolean nextReadOnly;

    /**
     * True once row changes may land in a table that keeps them through a rollback ({@link Database#rowsKeptThroughRollback},
     * a statement walked that may have made one, or one that names another schema that has one: {@code INSERT INTO
     * other.log}, {@code USE other}): they then run alone, each with its own mark ({@link How#ALONE}), and a crash leaves
     * them in doubt instead of "not done" (a MyISAM row was written twice so).
     */
    private boolean rowsMayStay;
    /** True when the statement walked last is a row change that runs alone because rows may stay ({@link How#ALONE}). */
    private boolean rowChangeAlone;
    /** True once a statement walked may have made such a table: the rest of the run runs its row changes alone too. */
    private boolean madeTablesThatKeepRows;

    /**
     * @param rowsMayStay whether the run's schema may keep rows through a rollback as the step begins
     * @param others      asked of each other schema a row change or {@code USE} names, while rows are not known to stay
     */
    CommitPoints(Database database, boolean rowsMayStay, OtherSchemas others) {
        this.database = database;
        this.rowsMayStay = rowsMayStay;
        this.others = others;
    }

    /**
     * True when the statement walked last is a row change that runs alone because rows may stay through a rollback: it
     * runs in one transaction with its own mark, so that a failure's rollback can say whether rows stayed.
     */
    boolean rowChangeAlone() {
        return rowChangeAlone;
    }

    /** True while row changes may land in a table that keeps them through a rollback (they then run alone). */
    boolean rowsMayStay() {
        return rowsMayStay;
    }

    /** True when a statement walked may have made a table whose rows a rollback does not undo. */
    boolean madeTablesThatKeepRows() {
        return madeTablesThatKeepRows;
    }

    /**
     * How {@code st} runs, given the statements before it; moves past it.
     *
     * @throws java.sql.SQLException when another schema it names could not be asked about
     */
    How next(SqlStatement st) throws java.sql.SQLException {
        boolean control = st.kind() == StatementKind.TRANSACTION_CONTROL;
        List<String> words = control ? StatementEffect.firstWords(st.sql(), 3) : List.of();
        // a MyISAM table of another database, written through its qualified name or after USE, keeps its rows as one of
        // the run's schema does: a group that wrote there and was killed was run again (two rows for one INSERT)
        rowsMayStay = rowsMayStay || !control && others.namedBy(database, st.sql());
        // asked of every statement, in order: what writes outside is learned from definitions (CREATE LINKED TABLE)
        boolean outside = !control && others.writesOutside(database, st).isPresent();
        How how;
        rowChangeAlone = false;
        if (tableLocks) {
            how = How.UNDER_TABLE_LOCKS;
        } else if (scriptTransaction && !(st.kind() == StatementKind.DDL && !database.supportsTransactionalDdl())) {
            how = How.IN_SCRIPT_TRANSACTION;
        } else if (!control && !outside && database.sharesTransactionWithMark(st)) {
            how = rowsMayStay ? How.ALONE : How.WITH_MARK;
            rowChangeAlone = rowsMayStay;
        } else {
            how = How.ALONE;
        }
        if (control) {
            String first = words.isEmpty() ? "" : words.get(0);
            String second = words.size() > 1 ? words.get(1) : "";
            if (first.equals("BEGIN") || first.equals("START")) {
                scriptTransaction = true;
                readOnly = nextReadOnly || READ_ONLY.matcher(st.sql()).find();
                nextReadOnly = false;
            } else if ((first.equals("COMMIT") || first.equals("END") || first.equals("ABORT") || first.equals("ROLLBACK")
                    && !(second.equals("TO") || words.contains("TO")) || first.equals("PREPARE"))) {
                scriptTransaction = false;
                readOnly = false;
                savepoints.clear();
            } else if (database.savepointOpensTransaction()) {
                savepoint(first, st);
            }
        } else if (st.kind() == StatementKind.OTHER && SET_READ_ONLY.matcher(st.sql()).find()) {
            if (scriptTransaction) {
                readOnly = true;
            } else {
                nextReadOnly = true;
            }
        } else {
            nextReadOnly = false; // this statement was that next transaction
            if (st.kind() == StatementKind.DDL && !database.supportsTransactionalDdl()) {
                scriptTransaction = false; // DDL commits the open transaction
                readOnly = false;
            }
        }
        // a trigger that writes into another database's MyISAM table makes every row change that fires it such a write
        if (database.mayMakeTableThatKeepsRows(st) || others.namedByCodeMadeBy(database, st.sql())) {
            rowsMayStay = true;
            madeTablesThatKeepRows = true;
        }
        boolean locked = database.holdsTableLocksAfter(st, tableLocks);
        if (locked && !tableLocks) {
            scriptTransaction = false; // LOCK TABLES commits the open transaction
        }
        tableLocks = locked;
        return how;
    }

    /**
     * A {@code SAVEPOINT} outside a transaction opens the script's own, and the {@code RELEASE} of that savepoint (or of
     * none named after it) commits it; inside a transaction {@code BEGIN} opened, savepoints change nothing here.
     */
    private void savepoint(String first, SqlStatement st) {
        if (first.equals("SAVEPOINT")) {
            if (scriptTransaction && savepoints.isEmpty()) {
                return; // inside BEGIN ... COMMIT
            }
            scriptTransaction = true;
            savepoints.push(name(StatementEffect.firstWords(st.sql(), 2), 1));
        } else if (first.equals("RELEASE") && !savepoints.isEmpty()) {
            List<String> w = StatementEffect.firstWords(st.sql(), 3);
            String name = name(w, w.size() > 2 && w.get(1).equals("SAVEPOINT") ? 2 : 1);
            if (savepoints.contains(name)) {
                while (!savepoints.pop().equals(name)) {
                    // RELEASE ends the savepoints named after it too
                }
            }
            scriptTransaction = !savepoints.isEmpty();
        }
    }

    /** A savepoint's name: SQLite compares them without regard to case, quoted or not. */
    private static String name(List<String> words, int at) {
        String n = at < words.size() ? words.get(at) : "";
        if (n.length() > 1 && "\"`['".indexOf(n.charAt(0)) >= 0) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toUpperCase(java.util.Locale.ROOT);
    }

    /** True while the script's own transaction is open (after BEGIN, before COMMIT/ROLLBACK). */
    boolean inScriptTransaction() {
        return scriptTransaction;
    }

    /**
     * True when a progress mark can be written now: no table locks held, not in a read-only transaction, and not before
     * one (MySQL's {@code SET TRANSACTION READ ONLY} makes the next transaction read only, which would be the mark's).
     */
    boolean canMark() {
        return !tableLocks && !(scriptTransaction && readOnly) && !nextReadOnly;
    }

    private static final java.util.regex.Pattern READ_ONLY = java.util.regex.Pattern.compile("(?i)\\bREAD\\s+ONLY\\b");
    private static final java.util.regex.Pattern SET_READ_ONLY =
            java.util.regex.Pattern.compile("(?i)^\\s*SET\\s+(LOCAL\\s+)?TRANSACTION\\b.*\\bREAD\\s+ONLY\\b");

    /** True while the session holds table locks. */
    boolean holdsTableLocks() {
        return tableLocks;
    }
}
