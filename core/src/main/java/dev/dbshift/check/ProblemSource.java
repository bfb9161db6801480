package dev.dbshift.check;

import dev.dbshift.plan.Problem;

import java.sql.SQLException;
import java.util.List;

/**
 * One kind of problem {@code check} looks for. The scripts-against-history problems are built in;
 * more sources (schema drift: the live schema against the checksum the history recorded) plug in
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.dbshift.check.ProblemSource})
 * or {@code DbShift.check(noPending, extraSources)}, without changing {@code check} itself.
 */
public interface ProblemSource {
    /** Problems found, each with a stable {@link Problem#code()} (e.g. {@code drift}); empty when all is well. */
    List<Problem> problems(CheckInput input) throws SQLException;
}
