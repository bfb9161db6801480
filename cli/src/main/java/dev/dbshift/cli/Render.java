package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.command.DryRun;
import dev.dbshift.execute.ExecutionListener;
import dev.dbshift.execute.PlannedStep;
import dev.dbshift.execute.Report;
import dev.dbshift.execute.StepResult;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.plan.Plan;
import dev.dbshift.plan.Step;
import dev.dbshift.sql.SqlStatement;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/** Turns the library's results into lines, tables and JSON. */
final class Render {
    /** UTC, applied to a local date-time: formatting an {@code Instant} through a zone cost twice as much per history row. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Render() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
    }

    static String verb(Step.Action a) {
        switch (a) {
            case REVERT: return "reverting";
            case RESUME: return "resuming";
            case REAPPLY: return "re-applying";
            default: return "applying";
        }
    }

    /**
     * Notes of a command that runs no migration, on standard error (standard output stays the command's own), each said
     * once: a command that reads the database twice (diff's history, then its live schema) would say the same again.
     */
    static ExecutionListener notices(Output o) {
        return new ExecutionListener() {
            private final java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();

            @Override
            public void notice(String message) {
                if (!o.quiet && said.add(message)) {
                    o.err.println("note: " + message);
                }
            }
        };
    }

    /**
     * Progress lines while a run goes on. A note that comes while a step's line is open (the schema read after the
     * last step, a lock wait) ends that line, takes a line of its own, and the step's line is begun again, so that
     * its "ok" or "FAILED" still ends the line that names the step.
     */
    static ExecutionListener progress(Output o) {
        return new ExecutionListener() {
            /** The step's line as begun, while its end is not written yet; else null. */
            private String open;

            @Override
            public synchronized void stepStarted(Step step, int index, int total) {
                if (!o.json && !o.quiet) {
                    open = "[" + index + "/" + total + "] " + verb(step.action()) + " " + step.migration().label() + " ... ";
                    o.out.print(open);
                    o.out.flush();
                }
            }

            @Override
            public synchronized void stepFinished(StepResult r, int index, int total) {
                if (!o.json && !o.quiet) {
                    o.out.println(r.success() ? "ok (" + r.durationMs() + " ms)" : "FAILED");
                    open = null;
                }
            }

            @Override
            public synchronized void notice(String message) {
                if (open != null) {
                    o.out.println();
                }
                o.say("note: " + message);
                if (open != null) {
                    o.out.print(open);
                    o.out.flush();
                }
            }
        };
    }

    static ObjectNode plan(Plan p) {
        ObjectNode n = Output.object();
        n.put("command", p.command());
        n.put("target", p.target().toString());
        n.put("from", p.from() == null ? null : p.from().toString());
        n.put("to", p.to() == null ? null : p.to().toString());
        ArrayNode w = n.putArray("warnings");
        p.warnings().forEach(w::add);
        return n;
    }

    static ObjectNode step(Step s) {
        ObjectNode n = Output.object();
        n.put("action", s.action().name().toLowerCase(java.util.Locale.ROOT));
        n.put("version", s.migration().version() == null ? null : s.migration().version().toString());
        n.put("description", s.migration().description());
        n.put("kind", s.migration().kind().code());
        n.put("script", s.action() == Step.Action.REVERT ? s.migration().downScriptName() : s.migration().scriptName());
        if (s.skipStatements() > 0) {
            n.put("skipStatements", s.skipStatements());
        }
        return n;
    }

    static ObjectNode report(Report r) {
        ObjectNode n = Output.object();
        n.put("success", r.success());
        n.put("runId", r.runId());
        n.put("from", r.fromVersion());
        n.put("to", r.toVersion());
        n.put("error", r.error());
        ArrayNode steps = n.putArray("steps");
        for (StepResult s : r.results()) {
            ObjectNode x = step(s.step());
            x.put("success", s.success());
            x.put("durationMs", s.durationMs());
            x.put("statements", s.statements());
            x.put("error", s.error());
            steps.add(x);
        }
        ArrayNode back = n.putArray("rolledBack");
        for (StepResult s : r.rolledBack()) {
            ObjectNode x = step(s.step());
            x.put("success", s.success());
            back.add(x);
        }
        return n;
    }

    /**
     * What a run did, also when it failed (the exception carries its report): printed as JSON where asked,
     * its error said where it failed. The caller says the rest and picks the exit code.
     */
    static Report ran(Output o, Supplier<Report> run) {
        Report r;
        try {
            r = run.get();
        } catch (MigrationFailedException e) {
            r = e.report();
        }
        if (o.json) {
            o.json(report(r));
        }
        if (!r.success()) {
            o.error("dbshift: " + r.error());
        }
        return r;
    }

    /**
     * Prints a dry run; returns the exit code: 3 when a step of the plan would be refused (its error is
     * printed with it), so a dry run in CI fails where the real run would.
     */
    static int dryRun(Output o, DryRun d) {
        List<String> refused = d.steps().stream().filter(ps -> ps.error() != null)
                .map(ps -> ps.step().migration().label() + ": " + ps.error()).toList();
        print(o, d);
        if (refused.isEmpty()) {
            return 0;
        }
        o.error("dbshift: the plan has " + refused.size() + " step(s) that cannot run:");
        refused.forEach(r -> o.error("  " + r));
        return DbShiftException.VALIDATION;
    }

    private static void print(Output o, DryRun d) {
        if (o.json) {
            ObjectNode n = plan(d.plan());
            n.put("dryRun", true);
            ArrayNode steps = n.putArray("steps");
            for (PlannedStep ps : d.steps()) {
                ObjectNode x = step(ps.step());
                x.put("mode", ps.mode());
                x.put("error", ps.error());
                ArrayNode st = x.putArray("statements");
                for (PlannedStep.Script s : ps.scripts()) {
                    for (SqlStatement q : s.statements()) {
                        ObjectNode y = st.addObject();
                        y.put("script", s.name());
                        y.put("line", q.line());
                        y.put("kind", q.kind().name().toLowerCase(java.util.Locale.ROOT));
                        y.put("sql", q.sql());
                    }
                }
                steps.add(x);
            }
            o.json(n);
            return;
        }
        Plan p = d.plan();
        o.out.println("-- dry run: " + p.command() + " to " + p.target() + " (from " + (p.from() == null ? "base" : p.from())
                + " to " + (p.to() == null ? "base" : p.to()) + "), " + p.steps().size() + " step(s); nothing is executed");
        p.warnings().forEach(w -> o.out.println("-- warning: " + w));
        for (PlannedStep ps : d.steps()) {
            o.out.println();
            o.out.println("-- " + verb(ps.step().action()) + " " + ps.step().migration().label() + " [" + ps.mode() + "]"
                    + (ps.step().skipStatements() > 0 ? " (skipping the " + ps.step().skipStatements() + " statement(s) that already ran)" : ""));
            if (ps.error() != null) {
                o.out.println("-- ERROR: " + ps.error());
            }
            for (PlannedStep.Script s : ps.scripts()) {
                for (SqlStatement q : s.statements()) {
                    o.out.println("-- " + s.name() + ":" + q.line());
                    o.out.println(q.sql() + ";");
                }
            }
        }
    }

    static ObjectNode history(HistoryRow r) {
        ObjectNode x = Output.object();
        x.put("id", r.id());
        x.put("runId", r.runId());
        x.put("version", r.version());
        x.put("description", r.description());
        x.put("kind", r.kind());
        x.put("operation", r.operation().code());
        x.put("script", r.script());
        x.put("checksum", r.checksum());
        x.put("schemaChecksum", r.schemaChecksum());
        x.put("environment", r.environment());
        x.put("installedBy", r.installedBy());
        x.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        x.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        x.put("durationMs", r.durationMs());
        x.put("success", r.success());
        x.put("errorMessage", r.errorMessage());
        if (r.statementsDone() != null) {
            x.put("statementsDone", r.statementsDone());
        }
        return x;
    }
}
