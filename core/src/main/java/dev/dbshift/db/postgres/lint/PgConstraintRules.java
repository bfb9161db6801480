package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;

/** Rules on constraints added to existing tables: each validates every row under a lock unless split. */
final class PgConstraintRules {

    private PgConstraintRules() {
    }

    static final PgRule CONSTRAINT_NOT_VALID = new PgRule("pg-constraint-not-valid",
            "adding a CHECK or FOREIGN KEY constraint reads every row under a lock that blocks writes (for a foreign key:"
                    + " on both tables)",
            "ADD CONSTRAINT ... NOT VALID here, then ALTER TABLE ... VALIDATE CONSTRAINT in a migration of its own",
            Level.ERROR, PgConstraintRules::constraintNotValid);

    static final PgRule UNIQUE_OR_PRIMARY_KEY = new PgRule("pg-add-unique-or-primary-key",
            "ADD PRIMARY KEY / ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock: no reads, no writes until done",
            "CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY|UNIQUE"
                    + " USING INDEX",
            Level.ERROR, PgConstraintRules::uniqueOrPrimaryKey);

    static final PgRule SET_NOT_NULL = new PgRule("pg-set-not-null",
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL)"
                    + " proves it (PostgreSQL 12+)",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE CONSTRAINT c,"
                    + " SET NOT NULL, DROP CONSTRAINT c",
            Level.WARN, PgConstraintRules::setNotNull);

    /** Where the constraint of an ADD action starts (after ADD [CONSTRAINT name]), or -1 for another action. */
    private static int constraintStart(PgText t, int[] action) {
        int i = action[0];
        if (!t.at(i, "ADD")) {
            return -1;
        }
        i++;
        if (t.at(i, "CONSTRAINT")) {
            int end = t.nameEnd(i + 1);
            return end == i + 1 ? -1 : end;
        }
        return i;
    }

    private static List<String> constraintNotValid(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        t.alterTable().filter(a -> PgText.existing(st, a.table())).ifPresent(a -> {
            for (int[] action : a.actions()) {
                int c = constraintStart(t, action);
                boolean check = t.at(c, "CHECK");
                boolean foreign = t.at(c, "FOREIGN", "KEY");
                if (c >= 0 && (check || foreign) && t.find("VALID", c, action[1]) < 0) {
                    out.add("adds a " + (check ? "CHECK" : "FOREIGN KEY") + " constraint to existing table " + a.table()
                            + " without NOT VALID: every row is checked under lock");
                }
                if (t.at(action[0], "VALIDATE", "CONSTRAINT") && action[0] + 2 < t.tokens().size() && st.migration().inTransaction()
                        && addedNotValidBefore(st, a.table(), PgText.fold(t.tokens().get(action[0] + 2)))) {
                    out.add("validates constraint " + PgText.fold(t.tokens().get(action[0] + 2)) + " of " + a.table()
                            + " in the transaction that added it NOT VALID: the ADD's lock is held through the validating scan");
                }
            }
        });
        return out;
    }

    /** True when an earlier statement of the migration adds constraint {@code name} to {@code table} NOT VALID. */
    private static boolean addedNotValidBefore(LintStatement st, String table, String name) {
        List<SqlStatement> all = st.migration().statements();
        for (int k = 0; k < st.ordinal() - 1 && k < all.size(); k++) {
            PgText w = PgText.of(all.get(k).sql());
            boolean adds = w.alterTable().filter(a -> a.table().equals(table)).filter(a -> a.actions().stream()
                    .anyMatch(x -> w.at(x[0], "ADD", "CONSTRAINT") && x[0] + 2 < w.tokens().size() && PgText.fold(w.tokens().get(x[0] + 2)).equals(name)
                            && w.find("VALID", x[0], x[1]) >= 0)).isPresent();
            if (adds) {
                return true;
            }
        }
        return false;
    }

    private static List<String> uniqueOrPrimaryKey(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        t.alterTable().filter(a -> PgText.existing(st, a.table())).ifPresent(a -> {
            for (int[] action : a.actions()) {
                int c = constraintStart(t, action);
                boolean pk = t.at(c, "PRIMARY", "KEY");
                if (c < 0 || !(pk || t.at(c, "UNIQUE"))) {
                    continue;
                }
                int after = pk ? c + 2 : c + 1; // USING INDEX name adopts a built index; USING INDEX TABLESPACE builds one
                if (!t.at(after, "USING", "INDEX") || t.at(after + 2, "TABLESPACE")) {
                    out.add("adds " + (pk ? "a PRIMARY KEY" : "a UNIQUE constraint") + " to existing table " + a.table()
                            + ", building its index under an ACCESS EXCLUSIVE lock");
                }
            }
        });
        return out;
    }

    private static List<String> setNotNull(LintStatement st, PgText t) {
        List<String> out = new ArrayList<>();
        t.alterTable().filter(a -> PgText.existing(st, a.table())).ifPresent(a -> {
            for (int[] action : a.actions()) {
                int i = action[0];
                if (!t.at(i, "ALTER")) {
                    continue;
                }
                int col = t.at(i + 1, "COLUMN") ? i + 2 : i + 1;
                if (!t.isName(col) || !t.at(col + 1, "SET", "NOT", "NULL")) {
                    continue;
                }
                String column = PgText.fold(t.tokens().get(col));
                boolean checkUsed = st.migration().facts().major().map(m -> m >= 12).orElse(true);
                if (!checkUsed || !validatedBefore(st, a.table())) {
                    out.add("SET NOT NULL on " + a.table() + "." + column + (checkUsed
                            ? " with no CHECK (" + column + " IS NOT NULL) validated first: the whole table is scanned under lock"
                            : ": before PostgreSQL 12 the whole table is scanned under lock, whatever CHECK there is"));
                }
            }
        });
        return out;
    }

    /** True when an earlier statement of the migration validates a constraint of {@code table}. */
    private static boolean validatedBefore(LintStatement st, String table) {
        List<SqlStatement> all = st.migration().statements();
        for (int k = 0; k < st.ordinal() - 1 && k < all.size(); k++) {
            PgText w = PgText.of(all.get(k).sql());
            boolean validates = w.alterTable().filter(a -> a.table().equals(table))
                    .filter(a -> a.actions().stream().anyMatch(x -> w.at(x[0], "VALIDATE", "CONSTRAINT"))).isPresent();
            if (validates) {
                return true;
            }
        }
        return false;
    }
}
