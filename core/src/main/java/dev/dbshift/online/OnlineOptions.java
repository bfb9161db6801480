package dev.dbshift.online;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a user can choose about one online change. A value: {@link #defaults()} then the
 * {@code with...} methods.
 *
 * @param strategy          auto, native or copy
 * @param renames           explicit column renames old -> new, on top of CHANGE/RENAME COLUMN
 * @param allowUnique       allow a change that adds a unique key (after a duplicate pre-check)
 * @param keepOld           keep the original table as {@code _t_old} after the swap
 * @param postponeCutover   finish the copy, then keep the shadow in sync until {@code online cutover}
 * @param chunkTime         target time of one copy chunk
 * @param maxChunkRows      upper limit of rows per chunk
 * @param maxLoad           status variable -> threshold; the copy waits while one is exceeded
 * @param criticalLoad      status variable -> threshold; the change aborts when one is exceeded
 * @param pauseFile         the copy waits while this file exists (null: none)
 * @param checksum          compare both tables before the swap (default true)
 * @param diskHeadroom      free space needed, as a multiple of the table's size (data + indexes)
 * @param swapAttempts      how often the swap is tried before the change fails
 * @param statusInterval    how often progress is reported
 * @param lag               the replication lag allowed ({@link LagLimit#NONE}: not looked at)
 * @param rowLockWait       how long the checksum waits, in all, for rows the application holds before it re-copies them
 * @param niceRatio         after each copy chunk, the copy rests this many times the chunk's own time (gh-ost's
 *                          {@code --nice-ratio}: 1 about halves its share of the server); 0 to 100
 */
public record OnlineOptions(Strategy strategy, Map<String, String> renames, boolean allowUnique, boolean keepOld,
                            boolean postponeCutover, Duration chunkTime, int maxChunkRows,
                            Map<String, Long> maxLoad, Map<String, Long> criticalLoad, Path pauseFile,
                            boolean checksum, double diskHeadroom, int swapAttempts, Duration statusInterval,
                            LagLimit lag, Duration rowLockWait, double niceRatio) {

    public OnlineOptions {
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        maxLoad = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(maxLoad));
        criticalLoad = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(criticalLoad));
        lag = lag == null ? LagLimit.NONE : lag;
        if (maxChunkRows < 1) {
            throw new IllegalArgumentException("maxChunkRows must be positive");
        }
        if (!isNiceRatio(niceRatio)) {
            throw new IllegalArgumentException("the nice ratio must be a number from 0 to " + (int) MAX_NICE_RATIO + ", got: " + niceRatio);
        }
    }

    /** The largest nice ratio: the copy then rests 100 times as long as it works. */
    public static final double MAX_NICE_RATIO = 100;

    /** True for a nice ratio this takes: from 0 to {@link #MAX_NICE_RATIO} (not NaN). */
    public static boolean isNiceRatio(double r) {
        return r >= 0 && r <= MAX_NICE_RATIO;
    }

    /** The defaults, the only ones: the command line's flags show and use these (see {@link #formatLoad}). */
    public static OnlineOptions defaults() {
        return new OnlineOptions(Strategy.AUTO, Map.of(), false, false, false, Duration.ofMillis(500), 50_000,
                Map.of("Threads_running", 50L), Map.of(), null, true, 1.1, 200, Duration.ofSeconds(10), LagLimit.NONE, Duration.ofMinutes(5), 0);
    }

    public OnlineOptions withStrategy(Strategy s) {
        return new OnlineOptions(s, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withRenames(Map<String, String> r) {
        return new OnlineOptions(strategy, r, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withAllowUnique(boolean b) {
        return new OnlineOptions(strategy, renames, b, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withKeepOld(boolean b) {
        return new OnlineOptions(strategy, renames, allowUnique, b, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withPostponeCutover(boolean b) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, b, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withChunkTime(Duration d) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, d, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withMaxChunkRows(int n) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, n, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withMaxLoad(Map<String, Long> m) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, m,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withCriticalLoad(Map<String, Long> m) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                m, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withPauseFile(Path p) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, p, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withChecksum(boolean b) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, b, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withDiskHeadroom(double f) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, f, swapAttempts, statusInterval, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withStatusInterval(Duration d) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, d, lag, rowLockWait, niceRatio);
    }

    public OnlineOptions withLag(LagLimit l) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, l, rowLockWait, niceRatio);
    }

    public OnlineOptions withRowLockWait(Duration d) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, d, niceRatio);
    }

    public OnlineOptions withNiceRatio(double r) {
        return new OnlineOptions(strategy, renames, allowUnique, keepOld, postponeCutover, chunkTime, maxChunkRows, maxLoad,
                criticalLoad, pauseFile, checksum, diskHeadroom, swapAttempts, statusInterval, lag, rowLockWait, r);
    }

    /** Parses {@code Threads_running=25,Threads_connected=500}. */
    /** A load map as {@link #parseLoad} reads it: {@code Threads_running=50,Threads_connected=300}. */
    public static String formatLoad(Map<String, Long> load) {
        StringBuilder sb = new StringBuilder();
        load.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    public static Map<String, Long> parseLoad(String spec) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("[=:]", 2);
            if (kv.length != 2) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                        "expected VARIABLE=N in load option, got: " + part);
            }
            try {
                out.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                        "expected a number in load option: " + part);
            }
        }
        return out;
    }
}
