package dev.dbshift.sql;

/** How the executor runs one script. */
public enum TransactionMode {
    /** All statements (and the history row, where DDL is transactional) in one transaction. */
    IN_TRANSACTION,
    /** Each statement on its own, auto-committed: the server refuses some statements inside a transaction block. */
    NO_TRANSACTION
}
