package dev.dbshift.lint.rules;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;

import java.util.List;

/** {@code DROP SCHEMA}, {@code DROP DATABASE} (a schema in MySQL) and H2's {@code DROP ALL OBJECTS}. */
final class DropSchema extends CommonRule {
    DropSchema() {
        super("drop-schema", Level.ERROR, "dropping a schema destroys every table in it",
                "drop the schema by hand after a backup, outside the migrations");
    }

    @Override
    public List<Finding> check(LintStatement st) {
        if (st.startsWith("DROP", "ALL", "OBJECTS")) {
            return at(st, "drops every object of the database");
        }
        if (!st.startsWith("DROP", "SCHEMA") && !st.startsWith("DROP", "DATABASE")) {
            return List.of();
        }
        List<String> w = st.words();
        int i = Action.at(w, 2, "IF", "EXISTS") ? 4 : 2;
        TableName schema = TableName.at(w, i, new int[1]);
        return at(st, "drops " + w.get(1).toLowerCase(java.util.Locale.ROOT) + (schema == null ? "" : " " + schema));
    }
}
