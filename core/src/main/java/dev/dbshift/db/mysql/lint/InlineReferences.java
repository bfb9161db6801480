package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintStatement;
import dev.dbshift.lint.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A column definition with its own {@code REFERENCES t(c)}. MySQL before 9.0 parses and silently ignores it (the
 * reference manual, "FOREIGN KEY Constraints": InnoDB accepts REFERENCES only inside a FOREIGN KEY); MariaDB creates
 * the key since 10.5 (checked on MariaDB 10.11 by the test). Silent on a server known to create the key.
 */
final class InlineReferences implements Rule {
    private static final int[] MYSQL_CREATES = {9, 0, 0};
    private static final int[] MARIADB_CREATES = {10, 5, 0};

    @Override
    public String id() {
        return "mysql-inline-references";
    }

    @Override
    public String why() {
        return "MySQL before 9.0 (and MariaDB before 10.5) silently ignores a column's own REFERENCES: no foreign key is created";
    }

    @Override
    public String fix() {
        return "declare the key as a table item: CONSTRAINT fk_name FOREIGN KEY (column) REFERENCES parent (id)";
    }

    @Override
    public Level level() {
        return Level.ERROR;
    }

    @Override
    public List<Finding> check(LintStatement statement) {
        if (!statement.startsWith("CREATE") && !statement.startsWith("ALTER")) {
            return List.of();
        }
        Optional<MySqlServer> server = MySqlServer.of(statement.migration().facts());
        if (server.isPresent() && server.get().atLeast(MYSQL_CREATES, MARIADB_CREATES)) {
            return List.of();
        }
        String on = server.map(s -> s + " ignores it").orElse("MySQL before 9.0 and MariaDB before 10.5 ignore it");
        List<Finding> out = new ArrayList<>();
        for (MySqlDdl.Column column : MySqlDdl.columns(MySqlDdl.tokens(statement))) {
            if (column.has("REFERENCES")) {
                out.add(statement.finding(this, "column " + column.name() + " declares REFERENCES inline: " + on
                        + " and no foreign key is created"));
            }
        }
        return out;
    }
}
