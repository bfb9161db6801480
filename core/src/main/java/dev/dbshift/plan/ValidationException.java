package dev.dbshift.plan;

import dev.dbshift.DbShiftException;

import java.util.List;

/** The list of problems that stopped a command before it changed anything; exit code 3. */
public final class ValidationException extends DbShiftException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ValidationException(String what, List<Problem> problems) {
        super(VALIDATION, what + ":\n  - " + String.join("\n  - ", problems.stream().map(Problem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
