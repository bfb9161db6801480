package dev.dbshift.online;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Turns the engine's events into {@link OnlineProgress} reports for a listener. It computes the
 * rate and ETA; rendering (bar on a terminal, a line every 10 s elsewhere, JSON) is the caller's.
 */
public final class Progress {

    private final String table;
    private final long rowsEstimate;
    private final Consumer<OnlineProgress> listener;
    private final long started = System.nanoTime();
    private final long rowsAtStart;
    private long rows;
    private long replayed;
    private int chunkRows;
    private Phase phase = Phase.COPY;
    private String waiting;

    public Progress(String table, long rowsEstimate, long rowsAtStart, Consumer<OnlineProgress> listener) {
        this.table = table;
        this.rowsEstimate = rowsEstimate;
        this.rowsAtStart = rowsAtStart;
        this.rows = rowsAtStart;
        this.listener = listener;
    }

    public void chunk(long copied, int nextChunkRows) {
        rows += copied;
        chunkRows = nextChunkRows;
        emit();
    }

    public void replayed(long n) {
        replayed += n;
    }

    public void phase(Phase p) {
        phase = p;
        emit();
    }

    /** Reports the current state again (for long phases without chunk events; renderers rate-limit). */
    public void tick() {
        emit();
    }

    public void waiting(String reason) {
        waiting = reason;
        emit();
    }

    public long rows() {
        return rows;
    }

    public long replayedTotal() {
        return replayed;
    }

    public OnlineProgress snapshot() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        double secs = Math.max(1e-3, elapsed.toNanos() / 1e9);
        double rate = (rows - rowsAtStart) / secs;
        long estimate = Math.max(rowsEstimate, rows);
        Duration eta = rate > 0 && phase == Phase.COPY ? Duration.ofSeconds((long) ((estimate - rows) / rate)) : null;
        return new OnlineProgress(table, phase, rows, estimate, rate, eta, chunkRows, replayed, waiting, elapsed);
    }

    private void emit() {
        if (listener != null) {
            listener.accept(snapshot());
        }
    }
}
