package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Rule;

import java.util.List;

/** PostgreSQL's lint rules, in the order the linter reports them at one statement. */
public final class PostgresLintRules {

    private PostgresLintRules() {
    }

    public static List<Rule> all() {
        return List.of(
                PgIndexRules.INDEX_NOT_CONCURRENT,
                PgIndexRules.DROP_INDEX_NOT_CONCURRENT,
                PgIndexRules.NO_TRANSACTION_IN_TRANSACTION,
                PgConstraintRules.CONSTRAINT_NOT_VALID,
                PgConstraintRules.UNIQUE_OR_PRIMARY_KEY,
                PgColumnRules.ADD_COLUMN_REWRITE,
                PgConstraintRules.SET_NOT_NULL,
                PgSessionRules.LOCK_TIMEOUT,
                PgSessionRules.STATEMENT_TIMEOUT,
                PgColumnRules.JSON_TYPE,
                PgEnumRules.ADD_VALUE_IN_TRANSACTION,
                PgEnumRules.RENAME_VALUE,
                PgIndexRules.REINDEX_NOT_CONCURRENT,
                PgSessionRules.DETACH_PARTITION_NOT_CONCURRENT,
                PgColumnRules.INT_PRIMARY_KEY,
                PgColumnRules.TIMESTAMP_WITHOUT_TIME_ZONE,
                PgColumnRules.VARCHAR_SHRINK,
                PgSessionRules.TRUNCATE_CASCADE);
    }
}
