package dev.dbshift.execute;

import dev.dbshift.plan.Step;
import dev.dbshift.sql.SqlStatement;

import java.util.List;

/**
 * A step as it would run.
 *
 * @param mode    {@code transaction}, {@code no-transaction} or {@code autocommit} (no transactional DDL)
 * @param scripts the statements of each script (a resume leaves out those that ran)
 * @param error   why the step cannot run (a script syntax error), or null
 */
public record PlannedStep(Step step, String mode, List<Script> scripts, String error) {
    public PlannedStep {
        scripts = List.copyOf(scripts);
    }

    /** The statements of one script file. */
    public record Script(String name, List<SqlStatement> statements) {
        public Script {
            statements = List.copyOf(statements);
        }
    }
}
