package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.SqlStatement;

import java.util.List;
import java.util.Optional;

/**
 * Rules on how long a statement may wait or hold its lock: timeouts before DDL on existing tables, partitions
 * detached under lock, TRUNCATE reaching further than its table.
 */
final class PgSessionRules {

    private PgSessionRules() {
    }

    static final PgRule LOCK_TIMEOUT = new PgRule("pg-lock-timeout",
            "DDL waiting for its lock behind a long query queues every later query on the table: an outage without a lock_timeout",
            "start the migration with SET lock_timeout = '5s' (and retry on failure)",
            Level.WARN, (st, t) -> missing(st, t, "LOCK_TIMEOUT"));

    static final PgRule STATEMENT_TIMEOUT = new PgRule("pg-statement-timeout",
            "DDL that runs long holds its lock as long: a statement_timeout bounds it",
            "start the migration with SET statement_timeout = '...' sized for the change",
            Level.INFO, (st, t) -> missing(st, t, "STATEMENT_TIMEOUT"));

    static final PgRule DETACH_PARTITION_NOT_CONCURRENT = new PgRule("pg-detach-partition-not-concurrent",
            "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table",
            "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), alone in its migration",
            Level.WARN, PgSessionRules::detachNotConcurrent);

    static final PgRule TRUNCATE_CASCADE = new PgRule("pg-truncate-cascade",
            "TRUNCATE ... CASCADE also empties every table that references it, and theirs, with no list of which",
            "TRUNCATE the tables by name, without CASCADE",
            Level.ERROR, (st, t) -> t.at(0, "TRUNCATE") && t.contains("CASCADE")
                    ? List.of("TRUNCATE ... CASCADE empties every table with a foreign key to the truncated ones")
                    : List.of());

    /**
     * The table a statement locks (ACCESS EXCLUSIVE or SHARE), when it is one: ALTER TABLE, CREATE INDEX without
     * CONCURRENTLY, CREATE TRIGGER, DROP TABLE, TRUNCATE, ALTER SEQUENCE, DROP INDEX and REINDEX without CONCURRENTLY, and the table a new
     * table REFERENCES (SHARE ROW EXCLUSIVE).
     */
    static Optional<String> lockedTable(PgText t) {
        Optional<String> table = Optional.empty();
        if (t.at(0, "ALTER", "TABLE")) {
            table = t.alterTable().map(PgText.AlterTable::table);
        } else if (t.at(0, "CREATE") && (t.at(1, "INDEX") || t.at(1, "UNIQUE", "INDEX")) && !t.contains("CONCURRENTLY")
                || t.at(0, "CREATE", "TRIGGER") || t.at(0, "CREATE", "OR", "REPLACE", "TRIGGER")) {
            int on = t.find("ON", 2, t.tokens().size());
            int from = t.at(on + 1, "ONLY") ? on + 2 : on + 1;
            int end = on < 0 ? from : t.nameEnd(from);
            table = end == from ? Optional.empty() : Optional.of(t.nameBefore(end));
        } else if (t.at(0, "DROP", "TABLE") || t.at(0, "TRUNCATE")) {
            int i = t.at(1, "TABLE") ? 2 : 1;
            i = t.at(i, "IF", "EXISTS") ? i + 2 : t.at(i, "ONLY") ? i + 1 : i;
            table = nameAt(t, i);
        } else if (t.at(0, "ALTER", "SEQUENCE")) {
            // ACCESS EXCLUSIVE on the sequence: every insert that draws from it waits (found on Spring Batch's migrations)
            table = nameAt(t, t.at(2, "IF", "EXISTS") ? 4 : 2);
        } else if (t.at(0, "DROP", "INDEX") && !t.at(2, "CONCURRENTLY")) {
            // the index's table is not named: the index stands for it (new when created earlier in the migration)
            table = nameAt(t, t.at(2, "IF", "EXISTS") ? 4 : 2);
        } else if (t.at(0, "REINDEX") && !t.contains("CONCURRENTLY")) {
            int i = t.at(1, "(") ? t.find(")", 1, t.tokens().size()) + 1 : 1;
            table = t.at(i, "INDEX") || t.at(i, "TABLE") ? nameAt(t, i + 1) : Optional.empty();
        } else if (t.at(0, "CREATE") && t.createdTable().isPresent()) {
            // a new table referencing an existing one takes a SHARE ROW EXCLUSIVE lock on the referenced table
            int ref = t.find("REFERENCES", 2, t.tokens().size());
            table = ref < 0 ? Optional.empty() : nameAt(t, ref + 1);
        }
        return table;
    }

    private static Optional<String> nameAt(PgText t, int i) {
        int end = t.nameEnd(i);
        return end == i ? Optional.empty() : Optional.of(t.nameBefore(end));
    }

    /**
     * At the migration's first statement that locks an existing table, when no statement before it sets
     * {@code setting} ({@code SET [SESSION|LOCAL] setting}, {@code set_config('setting', ...)}).
     */
    private static List<String> missing(LintStatement st, PgText t, String setting) {
        List<SqlStatement> all = st.migration().statements();
        Optional<String> table = lockedTable(t).filter(name -> PgText.existing(all, st.ordinal(), name));
        if (table.isEmpty()) {
            return List.of();
        }
        for (int k = 0; k < st.ordinal() - 1 && k < all.size(); k++) {
            PgText before = PgText.of(all.get(k).sql());
            int ordinal = k + 1;
            if (sets(before, setting) || lockedTable(before).filter(name -> PgText.existing(all, ordinal, name)).isPresent()) {
                return List.of();
            }
        }
        return List.of("locks existing table " + table.get() + " with no " + setting.toLowerCase(java.util.Locale.ROOT)
                + " set before it in the migration");
    }

    private static boolean sets(PgText t, String setting) {
        if (t.at(0, "SET")) {
            int i = t.at(1, "SESSION") || t.at(1, "LOCAL") ? 2 : 1;
            return t.at(i, setting);
        }
        for (int i = 0; i + 2 < t.tokens().size(); i++) {
            if (t.word(i).equals("SET_CONFIG") && t.tokens().get(i + 1).equals("(")
                    && t.tokens().get(i + 2).equalsIgnoreCase("'" + setting + "'")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> detachNotConcurrent(LintStatement st, PgText t) {
        if (st.migration().facts().major().filter(m -> m < 14).isPresent()) {
            return List.of();
        }
        return t.alterTable().filter(a -> a.actions().stream().anyMatch(x -> t.at(x[0], "DETACH", "PARTITION")
                && t.find("CONCURRENTLY", x[0], x[1]) < 0))
                .map(a -> List.of("detaches a partition of " + a.table() + " without CONCURRENTLY, locking the whole table"))
                .orElse(List.of());
    }
}
