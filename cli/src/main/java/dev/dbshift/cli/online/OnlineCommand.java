package dev.dbshift.cli.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dbshift.DbShiftException;
import dev.dbshift.DbShift;
import dev.dbshift.cli.Main;
import dev.dbshift.command.OnlineCommands;
import dev.dbshift.online.LagLimit;
import dev.dbshift.online.OnlineControl;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.OnlinePlan;
import dev.dbshift.online.OnlineResult;
import dev.dbshift.online.OnlineState;
import dev.dbshift.online.Phase;
import dev.dbshift.online.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code dbshift online ...}: change a big MySQL/MariaDB or PostgreSQL table while the application writes. Thin
 * commands over {@link OnlineCommands} (the library's {@code DbShift.online()}); all logic is in core.
 */
@Command(name = "online", mixinStandardHelpOptions = true,
        description = "Change a large MySQL/MariaDB or PostgreSQL table online (shadow copy + triggers + atomic swap).",
        subcommands = {OnlineCommand.Alter.class, OnlineCommand.Status.class, OnlineCommand.Pause.class,
                OnlineCommand.Resume.class, OnlineCommand.Abort.class, OnlineCommand.Cutover.class})
public final class OnlineCommand implements Callable<Integer> {

    /** The main command: its settings (dbshift.toml, environment, flags) say where the table lives. */
    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.out());
        return 0;
    }

    /** Shared by the subcommands: connection options and error reporting. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        OnlineCommand parent;

        /** --json, inherited from the main command. */
        boolean json;

        /** Standard output (the main command's: System.out is standard error while a command runs). */
        PrintStream out() {
            return parent.main.out();
        }

        /** The online commands of the target the main command's settings name. */
        OnlineCommands online() {
            DbShift db = parent.main.load();
            return db.online();
        }

        @Override
        public final Integer call() {
            json = parent.main.json();
            return run();
        }

        abstract int run();

        void printJson(Object value) {
            try {
                out().println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                        .writeValueAsString(value));
            } catch (Exception e) {
                throw new DbShiftException(DbShiftException.FAILED, "cannot write JSON: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "alter", mixinStandardHelpOptions = true, defaultValueProvider = OnlineDefaults.class,
            description = "Plan (default, --dry-run) or run (--execute) an online ALTER TABLE.")
    static final class Alter extends Sub {
        @Parameters(index = "0", paramLabel = "TABLE", description = "Table or schema.table.")
        String table;

        @Parameters(index = "1", paramLabel = "SPEC", description = "What follows ALTER TABLE t, e.g. \"ADD COLUMN c INT NULL\".")
        String alterSpec;

        @Option(names = "--execute", description = "Run the change (without it: a dry run).")
        boolean execute;

        @Option(names = "--dry-run", description = "Inspect, build the shadow, print the plan, drop the shadow (default).")
        boolean dryRun;

        @Option(names = "--strategy", description = "One of auto, native, copy (default: ${DEFAULT-VALUE}).")
        String strategy;

        @Option(names = "--rename", paramLabel = "OLD=NEW", description = "A column rename that keeps its data (repeatable).")
        Map<String, String> renames = new LinkedHashMap<>();

        @Option(names = "--allow-unique", description = "Allow adding a unique key (after a duplicate check).")
        boolean allowUnique;

        @Option(names = "--keep-old", description = "Keep the original table as _TABLE_old after the swap.")
        boolean keepOld;

        @Option(names = "--postpone-cutover", description = "Copy, then keep in sync until `online cutover`.")
        boolean postponeCutover;

        @Option(names = "--chunk-time", paramLabel = "MS", description = "Target chunk time in ms (default: ${DEFAULT-VALUE}).")
        long chunkTimeMillis;

        @Option(names = "--max-chunk-rows", description = "Largest chunk (default: ${DEFAULT-VALUE}).")
        int maxChunkRows;

        @Option(names = "--nice-ratio", paramLabel = "RATIO", description = NICE_RATIO)
        double niceRatio;

        @Option(names = "--max-load", description = "Pause while exceeded (default: ${DEFAULT-VALUE}).")
        String maxLoad;

        @Option(names = "--critical-load", description = "Abort when exceeded, e.g. Threads_running=200.")
        String criticalLoad;

        @Option(names = "--pause-file", description = "Pause while this file exists.")
        Path pauseFile;

        @Option(names = "--no-checksum", description = "Skip the comparison of both tables before the swap.")
        boolean noChecksum;

        @Option(names = "--row-lock-wait", paramLabel = "SECONDS", description = ROW_LOCK_WAIT)
        String rowLockWait;

        @Mixin
        LagFlags lag;

        @Override
        int run() {
            OnlineOptions options = OnlineOptions.defaults()
                    .withStrategy(Strategy.valueOf(strategy.toUpperCase(Locale.ROOT)))
                    .withRenames(renames).withAllowUnique(allowUnique).withKeepOld(keepOld)
                    .withPostponeCutover(postponeCutover).withChunkTime(Duration.ofMillis(chunkTimeMillis))
                    .withMaxChunkRows(maxChunkRows).withMaxLoad(OnlineOptions.parseLoad(maxLoad))
                    .withCriticalLoad(OnlineOptions.parseLoad(criticalLoad)).withPauseFile(pauseFile)
                    .withChecksum(!noChecksum).withLag(lag.limit())
                    .withRowLockWait(LagLimit.seconds(rowLockWait, "--row-lock-wait")).withNiceRatio(niceRatio(niceRatio));
            TableName t = TableName.parse(table);
            if (!execute || dryRun) {
                OnlinePlan plan = online().plan(t.schema(), t.table(), alterSpec, options);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("schema", plan.schema());
                    m.put("table", plan.table());
                    m.put("spec", plan.spec());
                    m.put("native", plan.nativeSupport().name().toLowerCase(Locale.ROOT));
                    m.put("method", plan.method());
                    m.put("keyIndex", plan.keyIndex());
                    m.put("key", plan.key());
                    m.put("rowsEstimate", plan.rowsEstimate());
                    m.put("bytes", plan.bytes());
                    if (plan.mapping() != null) {
                        m.put("copied", plan.mapping().copied().stream().map(c -> Map.of("from", c.source(), "to", c.shadow())).toList());
                        m.put("dropped", plan.mapping().dropped());
                        m.put("added", plan.mapping().added());
                    }
                    m.put("warnings", plan.warnings());
                    printJson(m);
                } else {
                    out().print(plan.text());
                    out().println("dry run: nothing changed; add --execute to run it");
                }
                return 0;
            }
            OnlineResult r = online().alter(t.schema(), t.table(), alterSpec, options, json ? null : printer(out()));
            return reportTo(this, r, json);
        }
    }

    static final String NICE_RATIO = "After each copy chunk, rest this many times its time (1: about half the server's"
            + " time back to the application), 0 to 100; not kept for online resume (default: ${DEFAULT-VALUE}).";

    /** {@code --nice-ratio}, checked: a bad one is bad input naming the flag. */
    static double niceRatio(double ratio) {
        if (!OnlineOptions.isNiceRatio(ratio)) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "--nice-ratio: expected a number from 0 to "
                    + (int) OnlineOptions.MAX_NICE_RATIO + ", got: " + ratio);
        }
        return ratio;
    }

    static final String ROW_LOCK_WAIT = "How long, in all, the checksum waits for rows the application holds before the"
            + " change stops, kept for online resume (default: ${DEFAULT-VALUE}).";

    /** {@code --max-lag}, {@code --replica}, {@code --lag-timeout}: the replication lag a change allows. */
    static final class LagFlags {
        @Option(names = "--max-lag", paramLabel = "SECONDS",
                description = "Pause the copy while a replica lags more than this (e.g. 5 or 0.5).")
        String maxLag;

        @Option(names = "--replica", paramLabel = "URL", description = "A replica to watch (JDBC URL, repeatable; default:"
                + " the replicas the primary lists: SHOW SLAVE HOSTS, pg_stat_replication).")
        List<String> replicas = new ArrayList<>();

        @Option(names = "--lag-timeout", paramLabel = "SECONDS",
                description = "Stop the change when a replica's lag cannot be measured for this long (default: ${DEFAULT-VALUE}).")
        String lagTimeout;

        LagLimit limit() {
            if (maxLag == null) {
                if (!replicas.isEmpty()) {
                    throw new DbShiftException(DbShiftException.BAD_INPUT, "--replica: give --max-lag SECONDS too (the lag"
                            + " the copy allows)");
                }
                return LagLimit.NONE;
            }
            return new LagLimit(LagLimit.seconds(maxLag, "--max-lag"), replicas, LagLimit.seconds(lagTimeout, "--lag-timeout"));
        }
    }

    static ProgressPrinter printer(PrintStream out) {
        return new ProgressPrinter(out, System.console() != null, Duration.ofSeconds(10));
    }

    /** Prints what a run did; its exit code: an aborted change is no success (1). */
    static int reportTo(Sub sub, OnlineResult r, boolean json) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schema", r.schema());
            m.put("table", r.table());
            m.put("method", r.method());
            m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            m.put("rowsCopied", r.rowsCopied());
            m.put("replayed", r.replayed());
            m.put("checksumChunks", r.checksumChunks());
            m.put("recopied", r.recopied());
            m.put("swapAttempts", r.swapAttempts());
            m.put("durationMs", r.duration().toMillis());
            m.put("restedMs", r.rested().toMillis());
            m.put("oldTable", r.oldTable());
            m.put("description", r.description());
            sub.printJson(m);
        } else {
            sub.out().println();
            sub.out().println(r.description());
        }
        if (r.outcome() == Phase.ABORTED) {
            System.err.println("dbshift: the online change of " + r.table() + " was aborted; " + r.table() + " is unchanged");
            return DbShiftException.FAILED;
        }
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Online changes in the database and where they are.")
    static final class Status extends Sub {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SCHEMA", description = "Database (default: the URL's).")
        String schema;

        @Override
        int run() {
            List<OnlineControl.Status> all = online().status(schema);
            if (json) {
                printJson(all.stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    OnlineState st = s.state();
                    m.put("table", st.table());
                    m.put("phase", st.phase().name().toLowerCase(Locale.ROOT));
                    m.put("running", s.running());
                    m.put("rowsCopied", st.rowsCopied());
                    m.put("rowsEstimate", st.rowsEstimate());
                    m.put("percent", Math.round(1000 * st.fraction()) / 10.0);
                    m.put("paused", st.paused());
                    m.put("cutoverRequested", st.cutoverRequested());
                    m.put("spec", st.spec());
                    m.put("startedAt", String.valueOf(st.startedAt()));
                    m.put("updatedAt", String.valueOf(st.updatedAt()));
                    m.put("message", st.message());
                    return m;
                }).toList());
                return 0;
            }
            if (all.isEmpty()) {
                out().println("no online changes");
            }
            for (OnlineControl.Status s : all) {
                OnlineState st = s.state();
                out().printf(Locale.ROOT, "%-24s %-12s %-8s %5.1f%% %,d/%,d rows%s%s  %s%n", st.table(),
                        st.phase().name().toLowerCase(Locale.ROOT), s.running() ? "running" : "stopped",
                        100 * st.fraction(), st.rowsCopied(), st.rowsEstimate(), st.paused() ? " paused" : "",
                        st.message() == null ? "" : " (" + st.message() + ")", st.spec());
            }
            return 0;
        }
    }

    /** A subcommand that does one thing to the online change of TABLE and says what it did. */
    abstract static class TableControl extends Sub {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        /** Does it to {@code t}; what to print. */
        abstract String control(OnlineCommands online, TableName t);

        @Override
        final int run() {
            TableName t = TableName.parse(table);
            out().println(control(online(), t));
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause the copy before its next chunk.")
    static final class Pause extends TableControl {
        @Override
        String control(OnlineCommands online, TableName t) {
            online.pause(t.schema(), t.table());
            return "paused " + table + " (online resume continues)";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, defaultValueProvider = OnlineDefaults.class,
            description = "Continue a paused change, or (when no engine runs, e.g. after a crash) run it from its last checkpoint.")
    static final class Resume extends Sub {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Option(names = "--chunk-time", paramLabel = "MS", description = "Target chunk time in ms (default: ${DEFAULT-VALUE}).")
        long chunkTimeMillis;

        @Option(names = "--nice-ratio", paramLabel = "RATIO", description = NICE_RATIO)
        double niceRatio;

        @Option(names = "--max-load", description = "Pause while exceeded (default: ${DEFAULT-VALUE}).")
        String maxLoad;

        @Option(names = "--critical-load")
        String criticalLoad;

        @Option(names = "--keep-old", description = "Keep the original table after the swap.")
        boolean keepOld;

        @Option(names = "--row-lock-wait", paramLabel = "SECONDS", description = ROW_LOCK_WAIT)
        String rowLockWait;

        @Mixin
        LagFlags lag;

        @Override
        int run() {
            TableName t = TableName.parse(table);
            double ratio = niceRatio(niceRatio);
            OnlineCommands online = online();
            if (online.unpause(t.schema(), t.table())) {
                out().println("resumed " + table + " (its engine is running)");
                return 0;
            }
            OnlineOptions options = OnlineOptions.defaults().withChunkTime(Duration.ofMillis(chunkTimeMillis))
                    .withMaxLoad(OnlineOptions.parseLoad(maxLoad)).withCriticalLoad(OnlineOptions.parseLoad(criticalLoad))
                    .withKeepOld(keepOld).withLag(lag.limit())
                    .withRowLockWait(LagLimit.seconds(rowLockWait, "--row-lock-wait")).withNiceRatio(ratio);
            OnlineResult r = online.resume(t.schema(), t.table(), options, json ? null : printer(out()));
            return reportTo(this, r, json);
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Stop a change and remove its triggers, change log and shadow; the table stays as it was.")
    static final class Abort extends TableControl {
        @Override
        String control(OnlineCommands online, TableName t) {
            online.abort(t.schema(), t.table());
            return "aborted the online change of " + table;
        }
    }

    @Command(name = "cutover", mixinStandardHelpOptions = true, description = "Allow the swap of a change run with --postpone-cutover.")
    static final class Cutover extends TableControl {
        @Override
        String control(OnlineCommands online, TableName t) {
            online.requestCutover(t.schema(), t.table());
            return "cut-over of " + table + " allowed; the engine swaps at its next check";
        }
    }
}
