package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.SqlStatement;

import java.util.List;
import java.util.Optional;

/**
 * A second {@code ALTER TABLE} of one existing table in one migration, reported on the second (once per table).
 * An ALTER that renames is left out: PostgreSQL runs a RENAME only alone.
 */
final class CombineAlters extends CommonRule {
    CombineAlters() {
        super("combine-alters", Level.INFO,
                "each ALTER TABLE takes the table's lock (and may rebuild it) again",
                "write the changes as one ALTER TABLE with comma-separated actions (H2: one ADD (a ..., b ...) for new columns)");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        Optional<AlterTable> alter = AlterTable.onExisting(st).filter(a -> !a.renames());
        if (alter.isEmpty()) {
            return List.of();
        }
        List<SqlStatement> all = st.migration().statements();
        int before = 0;
        int firstLine = 0;
        int total = 0;
        for (int i = 0; i < all.size(); i++) {
            if (i == st.ordinal() - 1) {
                total++;
                continue;
            }
            if (!Migration.words(all.get(i), 1).equals(List.of("ALTER"))) {
                continue; // the other statements need not be read in full
            }
            Optional<AlterTable> other = AlterTable.of(Migration.words(all.get(i), Integer.MAX_VALUE))
                    .filter(a -> !a.renames() && a.table().sameTable(alter.get().table()));
            if (other.isPresent()) {
                total++;
                if (i < st.ordinal() - 1) {
                    before++;
                    firstLine = firstLine == 0 ? all.get(i).line() : firstLine;
                }
            }
        }
        return at(st, before != 1 ? null
                : total + " ALTER TABLE statements of " + alter.get().table() + " in this migration (the first at line "
                + firstLine + ") could be one");
    }
}
