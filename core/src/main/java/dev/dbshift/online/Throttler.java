package dev.dbshift.online;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides, before each chunk, whether the engine may go on: it waits while a pause is asked for
 * (pause file, or the {@code paused} flag in the state table), while a {@code --max-load} status
 * variable is above its threshold or while a replica lags more than {@code --max-lag}, and stops the
 * change when a {@code --critical-load} threshold is crossed, an abort is requested, or a replica's lag
 * could not be measured for {@link LagLimit#unmeasuredTimeout()} (fail closed). One composite check
 * rather than several throttlers so the reason shown to the user is the one that actually holds the copy.
 */
public final class Throttler implements AutoCloseable {

    /** Why the engine must stop. */
    public static final class Stop extends OnlineException {
        private static final long serialVersionUID = 1L;
        private final boolean userAbort;

        Stop(String message, boolean userAbort) {
            super(FAILED, message);
            this.userAbort = userAbort;
        }

        public boolean userAbort() {
            return userAbort;
        }
    }

    private final Connection connection;
    /** The longest a rest sleeps before it looks at the state row again. */
    private static final long REST_SLICE_NANOS = 1_000_000_000L;
    private final OnlineOptions options;
    private final Checkpoint checkpoint;
    private final String table;
    private final Inspector inspector;
    private final ReplicaLag.Source replicas;
    private ReplicaLag lag;
    /** Since when (nanoTime) some replica's lag could not be measured; null while every one can be. */
    private Long unmeasuredSince;

    /** {@code connection} reads the state row, {@code inspector} the server's status variables. */
    public Throttler(Inspector inspector, OnlineOptions options, Checkpoint checkpoint, Connection connection, String table) {
        this(inspector, options, checkpoint, connection, table, null);
    }

    /**
     * As above, and with {@link OnlineOptions#lag()} active, {@code replicas} measures the replicas' lag
     * (opened at the first check, closed by {@link #close()}).
     */
    public Throttler(Inspector inspector, OnlineOptions options, Checkpoint checkpoint, Connection connection, String table,
                     ReplicaLag.Source replicas) {
        this.connection = connection;
        this.options = options;
        this.checkpoint = checkpoint;
        this.table = table;
        this.inspector = inspector;
        this.replicas = replicas;
    }

    /** Returns when the engine may continue; reports each wait reason once per change of reason. */
    public void await(Consumer<String> waiting) throws SQLException {
        String last = null;
        while (true) {
            Optional<String> reason = reason();
            if (reason.isEmpty()) {
                if (last != null) {
                    waiting.accept(null);
                }
                return;
            }
            if (!reason.get().equals(last)) {
                waiting.accept(reason.get());
                last = reason.get();
            }
            Pause.millis(250);
        }
    }

    /**
     * After a copy chunk that took {@code chunkNanos}, rests {@link OnlineOptions#niceRatio()} times as long, so the
     * application gets the server's time back (gh-ost's {@code --nice-ratio}). A long rest is slept in slices of a
     * second, each followed by a look at the state row, so an abort or a critical load ends it as it would end a wait.
     * Returns the time rested.
     */
    public long rest(long chunkNanos) throws SQLException {
        long rest = (long) (options.niceRatio() * chunkNanos);
        long left = rest;
        while (left > 0) {
            long slice = Math.min(left, REST_SLICE_NANOS);
            Pause.nanos(slice);
            left -= slice;
            if (left > 0) {
                reason();
            }
        }
        return rest;
    }

    /** The current reason to wait, or throws {@link Stop}. */
    public Optional<String> reason() throws SQLException {
        OnlineState state = checkpoint.read(connection, table).orElseThrow(
                () -> new Stop("the state row of " + table + " disappeared", false));
        if (state.abortRequested()) {
            throw new Stop("aborted by request", true);
        }
        for (Map.Entry<String, Long> e : options.criticalLoad().entrySet()) {
            long v = inspector.status(e.getKey());
            if (v > e.getValue()) {
                throw new Stop("critical load: " + e.getKey() + "=" + v + " > " + e.getValue(), false);
            }
        }
        if (state.paused()) {
            return Optional.of("paused (online resume continues)");
        }
        if (options.pauseFile() != null && Files.exists(options.pauseFile())) {
            return Optional.of("paused while " + options.pauseFile() + " exists");
        }
        for (Map.Entry<String, Long> e : options.maxLoad().entrySet()) {
            long v = inspector.status(e.getKey());
            if (v > e.getValue()) {
                return Optional.of("load: " + e.getKey() + "=" + v + " > " + e.getValue());
            }
        }
        return lagReason();
    }

    /**
     * Replication lag: the first replica behind more than the limit, or one whose lag cannot be measured
     * (a wait, then a {@link Stop} once that has lasted the limit's {@code unmeasuredTimeout}).
     */
    private Optional<String> lagReason() throws SQLException {
        LagLimit limit = options.lag();
        if (!limit.active()) {
            return Optional.empty();
        }
        List<ReplicaLag.Reading> readings;
        try {
            if (lag == null) {
                if (replicas == null) {
                    throw new Stop("--max-lag: this database's online engine cannot measure replication lag", false);
                }
                lag = replicas.open();
            }
            readings = lag.read();
        } catch (SQLException e) {
            readings = List.of(ReplicaLag.Reading.unknown("the replicas", e.getMessage()));
        }
        Optional<ReplicaLag.Reading> unmeasured = readings.stream().filter(r -> r.lag() == null).findFirst();
        if (unmeasured.isPresent()) {
            long now = System.nanoTime();
            if (unmeasuredSince == null) {
                unmeasuredSince = now;
            }
            ReplicaLag.Reading r = unmeasured.get();
            if (now - unmeasuredSince >= limit.unmeasuredTimeout().toNanos()) {
                throw new Stop("replication lag of " + r.replica() + " could not be measured for " + seconds(limit.unmeasuredTimeout())
                        + " (" + r.unmeasurable() + "): stopped rather than copy blind (fail closed). Bring the replica back"
                        + " or leave it out (--replica names the ones to watch), then run the change again", false);
            }
            return Optional.of("replication lag of " + r.replica() + " cannot be measured (" + r.unmeasurable()
                    + "); the change stops if this lasts " + seconds(limit.unmeasuredTimeout()));
        }
        unmeasuredSince = null;
        for (ReplicaLag.Reading r : readings) {
            if (r.lag().compareTo(limit.maxLag()) > 0) {
                return Optional.of("replica " + r.replica() + " lags more than --max-lag " + seconds(limit.maxLag()));
            }
        }
        return Optional.empty();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Closes the replicas' connections, if they were opened. */
    @Override
    public void close() {
        if (lag != null) {
            lag.close();
            lag = null;
        }
    }
}
