package dev.dbshift.fleet;

import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.command.CheckReport;
import dev.dbshift.command.StatusReport;
import dev.dbshift.execute.Report;
import dev.dbshift.lint.LintReport;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;
import dev.dbshift.schema.PrivateFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One command on every target of a fleet: {@code up}, {@code status}, {@code check}, {@code lint} or {@code sql},
 * each target an ordinary dbshift database (its own lock, history and runs table), the command the one a single
 * {@code dbshift} would run there, in this JVM.
 *
 * <pre>{@code
 * DbShift project = DbShift.configure().projectDir(dir).load();
 * Fleet fleet = Fleet.of(project, FleetTargets.resolve(project, List.of(), null));
 * FleetReport r = fleet.run(FleetCommand.UP, FleetOptions.defaults().withParallel(8, 4), FleetListener.NONE);
 * }</pre>
 */
public final class Fleet {
    private final DbShift base;
    private final List<FleetTarget> targets;

    private Fleet(DbShift base, List<FleetTarget> targets) {
        this.base = base;
        this.targets = List.copyOf(targets);
    }

    public static Fleet of(DbShift base, List<FleetTarget> targets) {
        return new Fleet(base, targets);
    }

    public List<FleetTarget> targets() {
        return targets;
    }

    /** The options dbshift.toml's {@code [fleet]} gives (parallel, per_server, report, report_table), the rest defaults. */
    public static FleetOptions options(DbShift base) {
        var f = base.settings().fleet();
        int parallel = f.parallel().orElse(FleetOptions.DEFAULT_PARALLEL);
        return FleetOptions.defaults().withParallel(parallel, f.perServer().orElse(parallel))
                .withReport(f.report().map(r -> base.settings().projectDir().resolve(r)).orElse(null), f.reportTable().orElse(null));
    }

    /** Runs {@code command} on every target not already done in the fleet report, wave by wave. */
    public FleetReport run(FleetCommand command, FleetOptions options, FleetListener listener) {
        if (command == FleetCommand.SQL && options.sqlDir() == null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "fleet sql: give the folder to write one script per target in"
                    + " (--output-dir DIR)");
        }
        // every environment's migrations listed once, before any target is touched: a bad file stops the fleet here
        Map<String, MigrationSource> sources = new HashMap<>();
        for (FleetTarget t : targets) {
            sources.computeIfAbsent(String.valueOf(t.environment()), k -> base.forTarget(t.environment(), null, null, null).listedSource());
        }
        String goal = goal(options.goal(), sources.values());
        try (Reports reports = Reports.open(base, options)) {
            return new Rollout(command, options, listener, sources, goal, reports).run();
        }
    }

    /** The goal as given, and a digest of the migrations it is reached with: a report entry for other migrations is stale. */
    private static String goal(String goal, Iterable<MigrationSource> sources) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            List<String> lines = new ArrayList<>();
            for (MigrationSource s : sources) {
                for (MigrationRef m : s.list()) {
                    lines.add(m.version() + " " + m.description() + " " + m.checksum());
                }
            }
            lines.sort(Comparator.naturalOrder());
            lines.forEach(l -> d.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return (goal == null ? "default" : goal) + "@" + HexFormat.of().formatHex(d.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file and the table of the fleet report, either or both or none. */
    private record Reports(List<ReportStore> stores) implements AutoCloseable {
        static Reports open(DbShift base, FleetOptions options) {
            List<ReportStore> stores = new ArrayList<>();
            try {
                if (options.report() != null) {
                    stores.add(new ReportStore.File(options.report()));
                }
                if (options.reportTable() != null) {
                    DbShift directory = FleetTargets.directory(base);
                    try {
                        stores.add(new ReportStore.Table(directory.connect(), options.reportTable(), directory.settings().maskedUrl()));
                    } catch (SQLException e) {
                        throw new DbShiftException(DbShiftException.UNREACHABLE, "fleet report table: cannot connect to the"
                                + " directory database " + directory.settings().maskedUrl() + ": "
                                + directory.settings().secrets().scrub(e.getMessage()), e);
                    }
                }
            } catch (RuntimeException e) {
                stores.forEach(ReportStore::close);
                throw e;
            }
            return new Reports(stores);
        }

        Map<String, ReportStore.Entry> read(FleetCommand command) {
            Map<String, ReportStore.Entry> all = new HashMap<>();
            stores.forEach(s -> all.putAll(s.read(command)));
            return all;
        }

        void record(ReportStore.Entry e) {
            stores.forEach(s -> s.record(e));
        }

        @Override
        public void close() {
            stores.forEach(ReportStore::close);
        }
    }

    /** One run of the fleet: the dispatcher on the caller's thread, the targets on a pool of {@code parallel} threads. */
    private final class Rollout {
        private final FleetCommand command;
        private final FleetOptions options;
        private final FleetListener listener;
        private final Map<String, MigrationSource> sources;
        private final String goal;
        private final Reports reports;
        private final Map<String, TargetOutcome> outcomes = new LinkedHashMap<>();
        private final Map<String, Integer> runningOn = new HashMap<>();
        private final long started = System.nanoTime();
        private int running;
        private int peak;
        private int failed;
        private int other;
        private int done;
        private int ranHere;
        private int wave;
        private int waves;
        private String stopped;

        Rollout(FleetCommand command, FleetOptions options, FleetListener listener, Map<String, MigrationSource> sources,
                String goal, Reports reports) {
            this.command = command;
            this.options = options;
            this.listener = listener;
            this.sources = sources;
            this.goal = goal;
            this.reports = reports;
        }

        FleetReport run() {
            Map<String, ReportStore.Entry> earlier = reports.read(command);
            List<FleetTarget> todo = new ArrayList<>();
            for (FleetTarget t : targets) {
                ReportStore.Entry e = earlier.get(t.name());
                if (e != null && e.doneFor(command, goal)) {
                    TargetOutcome o = new TargetOutcome(t, TargetOutcome.State.DONE, 0, e.from(), e.to(), 0, "done in an earlier run",
                            e.durationMs(), true, e.finishedAt() == null ? null : Instant.parse(e.finishedAt()));
                    outcomes.put(t.name(), o);
                    done++;
                    listener.finished(o);
                } else {
                    todo.add(t);
                }
            }
            List<Integer> sizes = Waves.sizes(todo.size(), options.canary(), options.wave());
            waves = sizes.size();
            int failureBudget = options.maxFailures().of(targets.size(), false);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallel(), todo.size())), r -> {
                Thread th = new Thread(r, "dbshift-fleet-" + threads.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
            try {
                CompletionService<TargetOutcome> completions = new ExecutorCompletionService<>(pool);
                int from = 0;
                for (int w = 0; w < sizes.size() && stopped == null; w++) {
                    wave = w + 1;
                    Deque<FleetTarget> queue = new ArrayDeque<>(todo.subList(from, from + sizes.get(w)));
                    from += sizes.get(w);
                    boolean canary = w == 0 && options.canary() > 0;
                    runWave(queue, completions, canary ? 0 : failureBudget, canary);
                }
            } finally {
                pool.shutdownNow();
            }
            for (FleetTarget t : targets) {
                outcomes.computeIfAbsent(t.name(), k -> TargetOutcome.notStarted(t));
            }
            List<TargetOutcome> ordered = targets.stream().map(t -> outcomes.get(t.name())).toList();
            return new FleetReport(command, goal, ordered, stopped, Duration.ofNanos(System.nanoTime() - started), peak);
        }

        private void runWave(Deque<FleetTarget> queue, CompletionService<TargetOutcome> completions, int budget, boolean canary) {
            while (true) {
                while (stopped == null && running < options.parallel()) {
                    FleetTarget next = nextStartable(queue);
                    if (next == null) {
                        break;
                    }
                    runningOn.merge(next.server(), 1, Integer::sum);
                    running++;
                    peak = Math.max(peak, running);
                    completions.submit(() -> runOne(next));
                    progress();
                }
                if (running == 0) {
                    return;
                }
                TargetOutcome o = take(completions);
                running--;
                runningOn.merge(o.target().server(), -1, Integer::sum);
                ranHere++;
                outcomes.put(o.target().name(), o);
                switch (o.state()) {
                    case DONE -> done++;
                    case FAILED -> failed++;
                    default -> other++;
                }
                reports.record(ReportStore.Entry.of(o, command, goal));
                listener.finished(o);
                progress();
                if (stopped == null && !options.continueOnError() && failed > budget) {
                    stopped = canary ? "a canary target failed (" + o.target().name() + ")"
                            : failed + " target(s) failed, more than --max-failures " + options.maxFailures();
                    listener.stopping(stopped);
                }
            }
        }

        /** The first queued target whose server has room, taken off the queue; null when none has. */
        private FleetTarget nextStartable(Deque<FleetTarget> queue) {
            for (Iterator<FleetTarget> it = queue.iterator(); it.hasNext(); ) {
                FleetTarget t = it.next();
                if (runningOn.getOrDefault(t.server(), 0) < options.perServer()) {
                    it.remove();
                    return t;
                }
            }
            return null;
        }

        private TargetOutcome take(CompletionService<TargetOutcome> completions) {
            try {
                Future<TargetOutcome> f;
                while ((f = completions.poll(1, TimeUnit.SECONDS)) == null) {
                    progress();
                }
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // what the running targets reached is not known here: each one's history knows
                throw new DbShiftException(DbShiftException.VALIDATION, "the fleet was interrupted with " + running
                        + " target(s) running, whose state it cannot know; each keeps its own history and lock: 'dbshift"
                        + " fleet status' shows where every target is, and running the fleet again finishes it", e);
            } catch (ExecutionException e) {
                // runOne catches everything a target can throw
                throw new IllegalStateException(e.getCause());
            }
        }

        private void progress() {
            Duration eta = null;
            int left = targets.size() - outcomes.size();
            long elapsed = System.nanoTime() - started;
            if (ranHere > 0) {
                eta = Duration.ofNanos((long) ((double) elapsed / ranHere * Math.max(0, left - running / 2.0)));
            }
            listener.progress(new FleetProgress(targets.size(), done, running, failed, other, wave, waves, eta));
        }

        /** On a worker thread: the single-target command, its failures as an outcome. */
        private TargetOutcome runOne(FleetTarget t) {
            long start = System.nanoTime();
            try {
                DbShift db = base.forTarget(t.environment(), t.url(), t.schema(), sources.get(String.valueOf(t.environment())));
                return switch (command) {
                    case UP -> {
                        Report r = db.up(options.goal());
                        yield outcome(t, TargetOutcome.State.DONE, 0, r.fromVersion(), r.toVersion(), r.results().size(),
                                r.results().isEmpty() ? "already at the goal" : null, start);
                    }
                    case STATUS -> {
                        StatusReport s = db.status();
                        int pending = (int) s.pending();
                        yield outcome(t, pending == 0 ? TargetOutcome.State.DONE : TargetOutcome.State.BEHIND, 0, s.current(), null,
                                pending, pending == 0 ? (s.warnings().isEmpty() ? null : s.warnings().get(0))
                                        : pending + " pending", start);
                    }
                    case CHECK -> {
                        CheckReport c = db.check(options.noPending());
                        yield outcome(t, c.ok() ? TargetOutcome.State.DONE : TargetOutcome.State.FAILED, c.exitCode(), null, null,
                                c.problems().size(), c.ok() ? null : c.problems().get(0).message(), start);
                    }
                    case LINT -> {
                        LintReport l = db.lint(List.of(), true, true);
                        yield outcome(t, l.exitCode() == 0 ? TargetOutcome.State.DONE : TargetOutcome.State.FAILED, l.exitCode(),
                                null, null, l.errors().size(), l.errors().isEmpty() ? null : LintReport.line(l.errors().get(0)), start);
                    }
                    case SQL -> {
                        String script = db.tools().sqlFromDatabase(false, options.goal());
                        Path file = writeScript(t, script);
                        yield outcome(t, TargetOutcome.State.DONE, 0, null, null, 0, "wrote " + file, start);
                    }
                };
            } catch (MigrationFailedException e) {
                Report r = e.report();
                return outcome(t, TargetOutcome.State.FAILED, e.exitCode(), r.fromVersion(), r.toVersion(),
                        (int) r.results().stream().filter(x -> x.success()).count(), e.getMessage(), start);
            } catch (DbShiftException e) {
                return outcome(t, TargetOutcome.State.FAILED, e.exitCode(), null, null, 0, e.getMessage(), start);
            } catch (RuntimeException e) {
                return outcome(t, TargetOutcome.State.FAILED, DbShiftException.FAILED, null, null, 0, "unexpected error: "
                        + base.settings().secrets().scrub(String.valueOf(e)), start);
            }
        }

        private TargetOutcome outcome(FleetTarget t, TargetOutcome.State state, int exit, String from, String to, int count,
                                      String message, long start) {
            return new TargetOutcome(t, state, exit, from, to, count, message, (System.nanoTime() - start) / 1_000_000, false,
                    Instant.now());
        }

        private Path writeScript(FleetTarget t, String script) {
            Path file = options.sqlDir().resolve(t.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".sql");
            try {
                Files.createDirectories(options.sqlDir());
                // a script may hold a secret placeholder's value: readable by its owner only, before a byte is in it, and
                // whole: one cut short by a full disk would read like a shorter script
                PrivateFile.writeWhole(file, script);
                return file;
            } catch (IOException e) {
                throw new DbShiftException(DbShiftException.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
