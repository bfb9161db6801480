package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.StatementKind;

import java.util.List;
import java.util.Set;

/**
 * A statement no rule can judge: one the vendor's dialect classifies as neither DDL, DML nor transaction control
 * and that is not one of the session or maintenance statements below (a vendor's block, an unknown command), or
 * code the linter cannot look into ({@code DO}, {@code CALL}, {@code EXECUTE}).
 */
final class UnclassifiedStatement extends CommonRule {

    /** Statements of kind OTHER that change no schema and no rows, as every engine has them. */
    private static final Set<String> KNOWN = Set.of("SET", "RESET", "USE", "ANALYZE", "VACUUM", "OPTIMIZE",
            "CHECKPOINT", "LOCK", "UNLOCK", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "DISCARD", "NOTIFY", "LISTEN",
            "UNLISTEN", "PRAGMA", "FLUSH", "DEALLOCATE", "START", "PREPARE", "RUNSCRIPT", "SCRIPT");

    /** Statements that run code the linter does not read. */
    private static final Set<String> CODE = Set.of("DO", "CALL", "EXECUTE", "EXEC");

    UnclassifiedStatement() {
        super("unclassified-statement", Level.INFO, "the linter cannot tell what this statement does, so no rule checked it",
                "review it by hand, or write it as plain DDL/DML the linter reads");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        if (st.words().isEmpty()) {
            return List.of();
        }
        String first = st.words().get(0);
        if (CODE.contains(first)) {
            return at(st, first + " runs code the linter cannot read");
        }
        return at(st, st.statement().kind() != StatementKind.OTHER || KNOWN.contains(first) ? null
                : "cannot classify a statement starting with " + first);
    }
}
