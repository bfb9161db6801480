package dev.dbshift.online;

import java.time.Duration;

/**
 * One progress report of a running change.
 *
 * @param table        the table
 * @param phase        current phase
 * @param rowsCopied   rows copied so far
 * @param rowsEstimate estimated total rows
 * @param rowsPerSecond copy rate since the start of this run
 * @param eta          estimated time to the end of the copy, null when unknown
 * @param chunkRows    current chunk size
 * @param replayed     change-log entries replayed so far
 * @param waiting      why the engine waits (throttled, paused), null when it does not
 * @param elapsed      time since this run started
 */
public record OnlineProgress(String table, Phase phase, long rowsCopied, long rowsEstimate, double rowsPerSecond,
                             Duration eta, int chunkRows, long replayed, String waiting, Duration elapsed) {

    public double fraction() {
        if (phase != Phase.COPY) {
            return 1.0;
        }
        return rowsEstimate <= 0 ? 0.0 : Math.min(1.0, rowsCopied / (double) rowsEstimate);
    }

    /** One line for a log or a non-terminal output. */
    public String line() {
        StringBuilder sb = new StringBuilder();
        sb.append(table).append(": ").append(phase.name().toLowerCase(java.util.Locale.ROOT));
        if (phase == Phase.COPY) {
            sb.append(String.format(java.util.Locale.ROOT, " %d/%d rows (%.1f%%), %.0f rows/s", rowsCopied, rowsEstimate,
                    100 * fraction(), rowsPerSecond));
            if (eta != null) {
                sb.append(", eta ").append(eta.toSeconds()).append("s");
            }
        }
        sb.append(", replayed ").append(replayed);
        if (waiting != null) {
            sb.append(", waiting: ").append(waiting);
        }
        return sb.toString();
    }
}
