package dev.dbshift.bench.lint;

import java.util.List;
import java.util.Set;

/**
 * One squawk rule and the dbshift rules that look for the same danger (a finding of any of them at the same
 * statement agrees), with what is known to differ in their scope: the reason printed beside a disagreement.
 *
 * @param squawk  squawk's rule name ({@code squawk --reporter json}'s {@code rule_name})
 * @param dbshift the dbshift rule ids
 * @param perFile compare per file, not per statement (rules that report once per file, at a statement of their
 *                own choosing)
 * @param scope   how the two rules' scopes differ, in one line (empty when they mean the same)
 */
record RuleMap(String squawk, Set<String> dbshift, boolean perFile, String scope) {

    /** The squawk 2.x rules that have a dbshift counterpart. */
    static final List<RuleMap> ALL = List.of(
            new RuleMap("require-concurrent-index-creation", Set.of("pg-index-not-concurrent"), false, ""),
            new RuleMap("require-concurrent-index-deletion", Set.of("pg-drop-index-not-concurrent"), false, ""),
            new RuleMap("ban-concurrent-index-creation-in-transaction", Set.of("pg-concurrently-in-transaction"), false,
                    "squawk is run with --assume-in-transaction on every file; dbshift runs a lone CONCURRENTLY "
                            + "statement, and a -- dbshift:no-transaction file, outside a transaction, reports a mixed "
                            + "script once (at the statement its executor refuses), and also refuses ALTER TYPE ... "
                            + "ADD VALUE mixed with other statements"),
            new RuleMap("constraint-missing-not-valid", Set.of("pg-constraint-not-valid", "pg-add-unique-or-primary-key"),
                    false, "squawk also flags ADD CONSTRAINT UNIQUE here, dbshift under pg-add-unique-or-primary-key"),
            new RuleMap("adding-foreign-key-constraint", Set.of("add-foreign-key"), false, ""),
            new RuleMap("disallowed-unique-constraint", Set.of("pg-add-unique-or-primary-key", "add-unique"), false,
                    "dbshift's add-unique also flags a new unique index (it fails on duplicates already in the table)"),
            new RuleMap("adding-serial-primary-key-field", Set.of("pg-add-unique-or-primary-key", "pg-add-column-rewrite"),
                    false, "dbshift flags ADD COLUMN ... SERIAL PRIMARY KEY as a rewrite (pg-add-column-rewrite); both "
                            + "dbshift rules have a wider scope (every volatile default, every ADD CONSTRAINT UNIQUE)"),
            new RuleMap("adding-required-field", Set.of("add-not-null-column"), false, ""),
            new RuleMap("adding-not-nullable-field", Set.of("pg-set-not-null", "set-not-null"), false, ""),
            new RuleMap("adding-field-with-default", Set.of("pg-add-column-rewrite"), false,
                    "squawk reports a serial column under adding-serial-primary-key-field"),
            new RuleMap("changing-column-type", Set.of("change-column-type", "pg-varchar-shrink"), false, ""),
            new RuleMap("ban-drop-column", Set.of("drop-column"), false, ""),
            new RuleMap("ban-drop-table", Set.of("drop-table"), false, ""),
            new RuleMap("renaming-column", Set.of("rename-column"), false, ""),
            new RuleMap("renaming-table", Set.of("rename-table"), false, ""),
            new RuleMap("prefer-bigint-over-int", Set.of("pg-int-primary-key"), false,
                    "squawk flags every int column; dbshift only an int primary key (the one that runs out)"),
            new RuleMap("prefer-timestamp-tz", Set.of("pg-timestamp-without-time-zone"), false, ""),
            new RuleMap("require-lock-timeout", Set.of("pg-lock-timeout"), true,
                    "compared per file (both report once per file, at a different statement): squawk at the first "
                            + "statement that takes a lock, new objects included; dbshift at the first lock of an "
                            + "existing table"),
            new RuleMap("require-statement-timeout", Set.of("pg-statement-timeout"), true,
                    "compared per file, as require-lock-timeout"),
            new RuleMap("ban-truncate-cascade", Set.of("pg-truncate-cascade"), false, ""),
            new RuleMap("require-concurrent-reindex", Set.of("pg-reindex-not-concurrent"), false, ""),
            new RuleMap("require-concurrent-partition-detach", Set.of("pg-detach-partition-not-concurrent"), false, ""));

    /** True when {@code rule} is one of this pair's dbshift rules. */
    boolean hasDbshift(String rule) {
        return dbshift.contains(rule);
    }
}
