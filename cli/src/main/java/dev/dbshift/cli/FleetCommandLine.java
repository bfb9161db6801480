package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShift;
import dev.dbshift.fleet.Fleet;
import dev.dbshift.fleet.FleetCommand;
import dev.dbshift.fleet.FleetListener;
import dev.dbshift.fleet.FleetOptions;
import dev.dbshift.fleet.FleetProgress;
import dev.dbshift.fleet.FleetReport;
import dev.dbshift.fleet.FleetTargets;
import dev.dbshift.fleet.Limit;
import dev.dbshift.fleet.TargetOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dbshift fleet up|status|check|lint|sql}: one command on every target of a fleet. A thin layer over
 * {@link Fleet}: flags into {@link FleetOptions}, progress and the summary out.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Run a command on every database of a fleet (tenant schemas, tenant databases, servers).",
                "Each target is an ordinary dbshift database with its own lock and history."},
        subcommands = {FleetCommandLine.Up.class, FleetCommandLine.Status.class, FleetCommandLine.Check.class,
                FleetCommandLine.Lint.class, FleetCommandLine.Sql.class},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift fleet up --schemas 'tenant_%%' --parallel 8     every tenant schema of the configured server",
                "  dbshift fleet up --canary 1 --wave 10%% --max-failures 2 --report fleet.json",
                "  dbshift fleet status --targets-file servers.txt --json",
                "",
                "Targets: dbshift.toml [fleet] targets / targets_file / query + url_template, --targets-file, --target,",
                "and --schemas with a %% pattern (SQL LIKE) on the configured server.",
                "Exit codes: 0 every target at the goal; 1 some target failed or was not started; 3 some target's",
                "state cannot be known, or check/lint found problems; 2 bad input (nothing was run)."})
final class FleetCommandLine implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.err);
        return dev.dbshift.DbShiftException.BAD_INPUT;
    }

    /** The options every fleet command takes. */
    static final class Rollout {
        @Option(names = "--targets-file", paramLabel = "FILE", description = "Targets, one a line: URL, 'URL SCHEMA' or an environment name.")
        Path targetsFile;

        @Option(names = "--target", paramLabel = "TARGET", description = "A target (URL, 'URL SCHEMA' or environment); repeatable.")
        List<String> targets = new ArrayList<>();

        @Option(names = "--parallel", paramLabel = "N", description = "Targets at once in total (default: [fleet] parallel, else 4).")
        Integer parallel;

        @Option(names = "--per-server", paramLabel = "N", description = "Targets at once on one server (default: [fleet] per_server, else --parallel).")
        Integer perServer;

        @Option(names = "--canary", paramLabel = "N", description = "A first wave of N targets that must all succeed.")
        int canary;

        @Option(names = "--wave", paramLabel = "N|P%", description = "Later waves of N targets or P%% of the fleet (default: one wave).")
        String wave;

        @Option(names = "--max-failures", paramLabel = "N|P%", description = "Stop starting targets once more than this many failed (default 0).")
        String maxFailures;

        @Option(names = "--continue-on-error", description = "Never stop for failures: run every target.")
        boolean continueOnError;

        @Option(names = "--report", paramLabel = "FILE", description = "The fleet report: read first (done targets are skipped), kept up to date.")
        Path report;

        @Option(names = "--report-table", paramLabel = "TABLE", description = "The fleet report as a table in the directory database.")
        String reportTable;

        FleetOptions options(DbShift db) {
            FleetOptions o = Fleet.options(db);
            int total = parallel != null ? parallel : o.parallel();
            int one = perServer != null ? perServer : db.settings().fleet().perServer().orElse(total);
            o = o.withParallel(total, one)
                    .withWaves(canary, wave == null ? null : Limit.parse(wave, "--wave", false),
                            maxFailures == null ? null : Limit.parse(maxFailures, "--max-failures", true), continueOnError);
            return o.withReport(report != null ? report : o.report(), reportTable != null ? reportTable : o.reportTable());
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        FleetCommandLine parent;

        @Mixin
        Rollout rollout;

        abstract FleetCommand command();

        FleetOptions adjust(FleetOptions o) {
            return o;
        }

        @Override
        public Integer call() {
            Main main = parent.main;
            Output out = main.output();
            DbShift db = main.load();
            FleetOptions options = adjust(rollout.options(db));
            Fleet fleet = Fleet.of(db, FleetTargets.resolve(db, rollout.targets, rollout.targetsFile));
            boolean terminal = System.console() != null && !out.json && !out.quiet;
            Printer printer = new Printer(out, terminal);
            out.say("fleet " + command().label() + ": " + fleet.targets().size() + " target(s), " + options.parallel()
                    + " at once (" + options.perServer() + " per server)");
            FleetReport r = fleet.run(command(), options, printer);
            printer.end();
            if (out.json) {
                out.json(json(r));
            } else {
                summary(out, r);
            }
            return r.exitCode();
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Apply pending migrations on every target.")
    static final class Up extends Sub {
        @Parameters(arity = "0..1", paramLabel = "TARGET", description = "head (default, or the VERSION file's version), or a version.")
        String goal;

        @Override
        FleetCommand command() {
            return FleetCommand.UP;
        }

        @Override
        FleetOptions adjust(FleetOptions o) {
            return o.withGoal(goal);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where every target is; done when nothing is pending.")
    static final class Status extends Sub {
        @Override
        FleetCommand command() {
            return FleetCommand.STATUS;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "check on every target; done when it finds no problem.")
    static final class Check extends Sub {
        @Option(names = "--no-pending", description = "A pending migration is a problem too.")
        boolean noPending;

        @Override
        FleetCommand command() {
            return FleetCommand.CHECK;
        }

        @Override
        FleetOptions adjust(FleetOptions o) {
            return o.withNoPending(noPending);
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Lint each target's pending migrations against its server (version, table sizes).")
    static final class Lint extends Sub {
        @Override
        FleetCommand command() {
            return FleetCommand.LINT;
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = "Write, per target, the offline script of what up would do there (DIR/<target>.sql, mode 0600).")
    static final class Sql extends Sub {
        @Parameters(arity = "0..1", paramLabel = "TARGET", description = "head (default), or a version.")
        String goal;

        @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", required = true, description = "The folder for the scripts.")
        Path dir;

        @Override
        FleetCommand command() {
            return FleetCommand.SQL;
        }

        @Override
        FleetOptions adjust(FleetOptions o) {
            return o.withGoal(goal).withSqlDir(dir);
        }
    }

    /**
     * Progress: on a terminal one line redrawn in place (at most 5 times a second); otherwise one line per finished
     * target. Nothing with --json or --quiet.
     */
    static final class Printer implements FleetListener {
        private final Output out;
        private final boolean terminal;
        private long last;
        private boolean drawn;

        Printer(Output out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void progress(FleetProgress p) {
            long now = System.nanoTime();
            if (terminal && now - last > 200_000_000L) {
                out.err.print("\r" + line(p) + "\u001b[K");
                out.err.flush();
                drawn = true;
                last = now;
            }
        }

        @Override
        public void finished(TargetOutcome o) {
            if (!terminal && !o.earlier()) {
                out.say(String.format(Locale.ROOT, "%-8s %s%s", o.state().label(), o.target().name(), detail(o)));
            }
        }

        @Override
        public void stopping(String why) {
            if (!out.json && !out.quiet) {
                end();
                out.err.println("fleet: stopping: " + why + "; running targets finish, no other starts");
            }
        }

        void end() {
            if (drawn) {
                out.err.print("\r\u001b[K");
                out.err.flush();
                drawn = false;
            }
        }

        static String line(FleetProgress p) {
            return String.format(Locale.ROOT, "fleet: %d/%d done, %d running, %d failed%s, wave %d/%d%s", p.done(), p.total(),
                    p.running(), p.failed(), p.other() > 0 ? ", " + p.other() + " behind" : "", p.wave(), p.waves(),
                    p.eta() == null ? "" : ", eta " + eta(p.eta()));
        }
    }

    static String eta(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String detail(TargetOutcome o) {
        StringBuilder sb = new StringBuilder();
        if (o.from() != null || o.to() != null) {
            sb.append("  ").append(o.from() == null ? "-" : o.from());
            if (o.to() != null) {
                sb.append(" -> ").append(o.to());
            }
        }
        if (o.finishedAt() != null) {
            sb.append("  (").append(o.durationMs()).append(" ms)");
        }
        if (o.message() != null) {
            sb.append("  ").append(o.message().lines().findFirst().orElse(""));
        }
        return sb.toString();
    }

    /** The table: every target when the fleet is small, else those not done; then the counts. */
    private static void summary(Output out, FleetReport r) {
        List<TargetOutcome> shown = r.outcomes().size() <= 50 ? r.outcomes()
                : r.outcomes().stream().filter(o -> !o.done()).toList();
        if (!shown.isEmpty()) {
            Output.Table t = new Output.Table("Target", "State", "From", "To", "Count", "Time", "Message");
            for (TargetOutcome o : shown) {
                t.row(o.target().name(), o.state().label() + (o.earlier() ? " (earlier)" : ""), o.from(), o.to(), o.applied(),
                        o.finishedAt() == null || o.earlier() ? "" : o.durationMs() + " ms",
                        o.message() == null ? "" : o.message().lines().findFirst().orElse(""));
            }
            out.say(t.render().stripTrailing());
        }
        long earlier = r.outcomes().stream().filter(TargetOutcome::earlier).count();
        out.say(String.format(Locale.ROOT, "fleet %s: %d done%s, %d failed, %d behind, %d not started, of %d in %.1f s"
                        + " (at most %d at once)%s", r.command().label(), r.count(TargetOutcome.State.DONE),
                earlier > 0 ? " (" + earlier + " in an earlier run)" : "", r.count(TargetOutcome.State.FAILED),
                r.count(TargetOutcome.State.BEHIND), r.count(TargetOutcome.State.NOT_STARTED), r.outcomes().size(),
                r.elapsed().toMillis() / 1000.0, r.peakRunning(), r.stopped() == null ? "" : "; stopped: " + r.stopped()));
    }

    private static ObjectNode json(FleetReport r) {
        ObjectNode n = Output.object();
        n.put("command", r.command().label());
        n.put("goal", r.goal());
        n.put("exitCode", r.exitCode());
        n.put("stopped", r.stopped());
        n.put("elapsedMs", r.elapsed().toMillis());
        n.put("peakRunning", r.peakRunning());
        ObjectNode counts = n.putObject("counts");
        for (TargetOutcome.State s : TargetOutcome.State.values()) {
            counts.put(s.name().toLowerCase(Locale.ROOT), r.count(s));
        }
        ArrayNode targets = n.putArray("targets");
        for (TargetOutcome o : r.outcomes()) {
            ObjectNode x = targets.addObject();
            x.put("target", o.target().name());
            x.put("server", o.target().server());
            x.put("state", o.state().name().toLowerCase(Locale.ROOT));
            x.put("exitCode", o.exitCode());
            x.put("from", o.from());
            x.put("to", o.to());
            x.put("count", o.applied());
            x.put("message", o.message());
            x.put("durationMs", o.durationMs());
            x.put("earlier", o.earlier());
        }
        return n;
    }

}
