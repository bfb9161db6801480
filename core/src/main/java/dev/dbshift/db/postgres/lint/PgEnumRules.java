package dev.dbshift.db.postgres.lint;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.List;

/** Rules on enum types: values added where the server refuses it, values renamed under running code. */
final class PgEnumRules {

    private PgEnumRules() {
    }

    static final PgRule ADD_VALUE_IN_TRANSACTION = new PgRule("pg-enum-add-value-in-transaction",
            "before PostgreSQL 12, ALTER TYPE ... ADD VALUE fails inside a transaction block",
            "drop the BEGIN/COMMIT around it and keep it alone in its migration (dbshift runs it outside a transaction)",
            Level.ERROR, PgEnumRules::addValueInTransaction);

    static final PgRule RENAME_VALUE = new PgRule("pg-enum-rename-value",
            "renaming an enum value makes every running writer of the old label fail",
            "add the new value, move the application and the rows to it, and stop writing the old one",
            Level.WARN, (st, t) -> t.at(0, "ALTER", "TYPE") && renameValue(t)
                    ? List.of("renames a value of enum " + t.nameBefore(t.nameEnd(2)) + ": code that writes the old label fails")
                    : List.of());

    /** {@code ALTER TYPE name ADD VALUE ...}. */
    static boolean addsEnumValue(PgText t) {
        if (!t.at(0, "ALTER", "TYPE")) {
            return false;
        }
        int end = t.nameEnd(2);
        return end > 2 && t.at(end, "ADD", "VALUE");
    }

    private static boolean renameValue(PgText t) {
        int end = t.nameEnd(2);
        return end > 2 && t.at(end, "RENAME", "VALUE");
    }

    private static List<String> addValueInTransaction(LintStatement st, PgText t) {
        if (!addsEnumValue(t) || !PgIndexRules.openBlockBefore(st)) {
            return List.of();
        }
        Integer major = st.migration().facts().major().orElse(null);
        if (major != null && major >= 12) {
            return List.of();
        }
        String type = t.nameBefore(t.nameEnd(2));
        return List.of("adds a value to enum " + type + " inside BEGIN ... COMMIT: "
                + (major == null ? "fails if the server is older than PostgreSQL 12" : "PostgreSQL " + major + " refuses it"));
    }
}
