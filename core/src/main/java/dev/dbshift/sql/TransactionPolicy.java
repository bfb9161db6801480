package dev.dbshift.sql;

/**
 * Decides whether a script runs in one transaction, from its statements' classification and its
 * {@code -- dbshift:no-transaction} directive. A pure function: the executor calls it, and
 * {@code --dry-run} shows its answer.
 *
 * <ul>
 *   <li>With the directive: no transaction, whatever the statements.</li>
 *   <li>Without it, and no statement the server refuses in a transaction block: one transaction.</li>
 *   <li>Without it, and every statement is such a one (a script that is just
 *       {@code CREATE INDEX CONCURRENTLY ...}): no transaction; there is nothing to keep atomic with.</li>
 *   <li>A script that controls its own transactions (BEGIN, START TRANSACTION, COMMIT, ROLLBACK,
 *       SAVEPOINT...: a Sqitch deploy script, a hand-written one): no transaction, statement by
 *       statement with recorded progress. Wrapping it in dbshift's transaction would let its COMMIT
 *       end that transaction silently, and a later failure would leave its committed part unrecorded.</li>
 *   <li>Without it, and such a statement mixed with others: an error naming the first of them, since
 *       running the others outside a transaction could leave half a migration applied, and that
 *       choice belongs to the author, who says so with the directive.</li>
 * </ul>
 */
public final class TransactionPolicy {

    private TransactionPolicy() {
    }

    public static TransactionMode decide(String source, Iterable<SqlStatement> statements, boolean noTransactionDirective) {
        if (noTransactionDirective) {
            return TransactionMode.NO_TRANSACTION;
        }
        SqlStatement firstRefused = null;
        boolean others = false;
        for (SqlStatement s : statements) {
            if (s.kind() == StatementKind.TRANSACTION_CONTROL) {
                return TransactionMode.NO_TRANSACTION;
            }
            if (s.noTransaction()) {
                if (firstRefused == null) {
                    firstRefused = s;
                }
            } else {
                others = true;
            }
            if (firstRefused != null && others) {
                throw new ScriptSyntaxException(source, firstRefused.line(), firstRefused.column(),
                        "'" + head(firstRefused.sql()) + "' cannot run inside a transaction (the database refuses it"
                                + " there, or ignores it), and the script has other statements: move it to a script of its"
                                + " own, put the others in the script's own BEGIN ... COMMIT, or add"
                                + " '-- dbshift:no-transaction' to run every statement on its own");
            }
        }
        return firstRefused != null ? TransactionMode.NO_TRANSACTION : TransactionMode.IN_TRANSACTION;
    }

    private static String head(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
