package dev.dbshift.command;

import dev.dbshift.config.Secrets;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.plan.Plan;
import dev.dbshift.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;

/** A plan with every statement it would run, and how: what {@code --dry-run} prints. */
public record DryRun(Plan plan, List<PlannedStep> steps) {
    public DryRun {
        steps = List.copyOf(steps);
    }

    /** The same dry run with every secret masked in its statements and errors: it is made to be printed. */
    DryRun scrubbed(Secrets secrets) {
        List<PlannedStep> out = new ArrayList<>();
        for (PlannedStep ps : steps) {
            List<PlannedStep.Script> scripts = new ArrayList<>();
            for (PlannedStep.Script script : ps.scripts()) {
                List<SqlStatement> statements = new ArrayList<>();
                for (SqlStatement st : script.statements()) {
                    statements.add(new SqlStatement(secrets.scrub(st.sql()), st.line(), st.column(), st.kind(),
                            st.noTransaction(), secrets.scrub(st.copyData()), secrets.scrub(st.raw())));
                }
                scripts.add(new PlannedStep.Script(script.name(), statements));
            }
            out.add(new PlannedStep(ps.step(), ps.mode(), scripts, secrets.scrub(ps.error())));
        }
        return new DryRun(plan, out);
    }
}
