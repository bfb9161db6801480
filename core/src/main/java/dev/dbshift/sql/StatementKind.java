package dev.dbshift.sql;

/** What a statement does, as far as running it is concerned. */
public enum StatementKind {
    /** Changes the schema: CREATE, ALTER, DROP, TRUNCATE, RENAME, COMMENT, GRANT... */
    DDL,
    /** Reads or changes rows: INSERT, UPDATE, DELETE, MERGE, SELECT, COPY, CALL... */
    DML,
    /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT... */
    TRANSACTION_CONTROL,
    /** Anything else: SET, USE, DO, ANALYZE... */
    OTHER
}
