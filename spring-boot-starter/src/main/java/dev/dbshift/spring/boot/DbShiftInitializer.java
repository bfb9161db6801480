package dev.dbshift.spring.boot;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.CheckReport;
import dev.dbshift.execute.Report;
import dev.dbshift.plan.Problem;
import org.springframework.beans.factory.InitializingBean;

import java.util.stream.Collectors;

/**
 * Migrates (or, with {@code dbshift.validate-only}, checks) when the context creates it: before any bean
 * that uses the database, which the auto-configuration makes depend on this one. A failure throws, and the
 * application does not start: a failed migration's message names its file and line.
 */
public class DbShiftInitializer implements InitializingBean {
    private final DbShift dbShift;
    private final String target;
    private final boolean validateOnly;
    private volatile Report report;

    public DbShiftInitializer(DbShift dbShift, String target, boolean validateOnly) {
        this.dbShift = dbShift;
        this.target = target;
        this.validateOnly = validateOnly;
    }

    @Override
    public void afterPropertiesSet() {
        if (validateOnly) {
            CheckReport check = dbShift.check(true);
            if (!check.ok()) {
                throw new DbShiftException(check.exitCode(), "dbshift.validate-only: check found " + check.problems().size()
                        + " problem(s) on " + check.database() + ":\n" + check.problems().stream().map(DbShiftInitializer::line)
                        .collect(Collectors.joining("\n")));
            }
            return;
        }
        report = dbShift.up(target);
    }

    private static String line(Problem p) {
        return "  " + p.code() + (p.version() == null ? "" : " " + p.version()) + ": " + p.message();
    }

    /** What the start-up {@code up} did; null with validate-only. */
    public Report report() {
        return report;
    }
}
