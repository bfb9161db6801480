package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.check.ScriptPrecheck;
import dev.dbshift.plan.Problem;

import java.util.List;

/** What {@code check} found. */
public record CheckReport(String database, String schema, List<Problem> problems) {
    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** 0 without problems; 2 (bad input) when a script cannot be run as written; else 3. */
    public int exitCode() {
        if (problems.isEmpty()) {
            return 0;
        }
        return problems.stream().anyMatch(p -> p.code().equals(ScriptPrecheck.CODE))
                ? DbShiftException.BAD_INPUT : DbShiftException.VALIDATION;
    }
}
