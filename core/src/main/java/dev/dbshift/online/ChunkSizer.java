package dev.dbshift.online;

import java.time.Duration;

/**
 * Chooses the next chunk's row count so a chunk takes about the target time: short chunks keep
 * each transaction (and the undo it holds) small and let the throttler react quickly; long enough
 * chunks keep per-statement overhead low. The estimate follows the last chunk's rate but grows at
 * most 2x per step and shrinks at most 4x, so one outlier (a cold page, a lock retry) neither
 * explodes nor collapses it.
 */
public final class ChunkSizer {

    private final long targetNanos;
    private final int min;
    private final int max;
    private int rows;

    public ChunkSizer(Duration target, int initial, int min, int max) {
        this.targetNanos = target.toNanos();
        this.min = min;
        this.max = max;
        this.rows = Math.max(min, Math.min(max, initial));
    }

    public int rows() {
        return rows;
    }

    /** Feeds back a finished chunk; returns the next chunk's row count. */
    public int observe(long rowsDone, long nanos) {
        if (rowsDone <= 0 || nanos <= 0) {
            return rows;
        }
        double ideal = rowsDone * (targetNanos / (double) nanos);
        double next = Math.max(rows / 4.0, Math.min(rows * 2.0, ideal));
        rows = (int) Math.max(min, Math.min(max, next));
        return rows;
    }
}
