package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementKind;

import java.util.List;
import java.util.Set;

/**
 * An {@code UPDATE} or {@code DELETE} of a table this migration did not create, either without a {@code WHERE}
 * (outside parentheses: a WHERE of a subquery filters nothing here) or in a migration that also changes the
 * schema. The message names the table's row count when the linter is connected.
 */
final class Backfill extends CommonRule {

    /** Words between UPDATE/DELETE and the table (or DELETE's FROM). */
    private static final Set<String> MODIFIERS = Set.of("LOW_PRIORITY", "QUICK", "IGNORE", "ONLY", "FROM", "TOP");

    Backfill() {
        super("backfill", Level.WARN,
                "changing many rows holds locks (and, next to DDL, the schema lock) for as long as it runs",
                "backfill in batches of bounded size in a migration of its own (-- dbshift:no-transaction), with a WHERE");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        if (!st.startsWith("UPDATE") && !st.startsWith("DELETE")) {
            return List.of();
        }
        List<String> w = Migration.allWords(st);
        int i = 1;
        while (i < w.size() && MODIFIERS.contains(w.get(i))) {
            i++;
        }
        TableName table = TableName.at(w, i, new int[1]);
        if (table == null || !Migration.existing(st, table)) {
            return List.of();
        }
        String what = w.get(0) + " of " + table + Migration.rows(st, table);
        if (!Action.topLevel(w).contains("WHERE")) {
            return at(st, what + " without WHERE changes every row");
        }
        return at(st, withDdl(st) ? what + " in a migration that also changes the schema" : null);
    }

    private static boolean withDdl(LintStatement st) {
        for (SqlStatement other : st.migration().statements()) {
            if (other.kind() == StatementKind.DDL) {
                return true;
            }
        }
        return false;
    }
}
