package dev.dbshift.online;

import java.time.Duration;
import java.util.List;

/**
 * The replication lag an online change allows ({@code --max-lag}): the copy waits while a replica is
 * more than {@code maxLag} behind. A replica whose lag cannot be measured (down, replication
 * stopped, no heartbeat arriving) holds the copy too, and after {@code unmeasuredTimeout} of that
 * the change stops (fail closed): a copy that goes on blind could put a replica hours behind.
 *
 * @param maxLag            the most lag allowed; null: replication lag is not looked at
 * @param replicas          the replicas (JDBC URLs; credentials are the primary's unless the URL names
 *                          others); empty: found from the primary ({@code SHOW SLAVE HOSTS},
 *                          {@code pg_stat_replication})
 * @param unmeasuredTimeout how long the copy waits for a replica whose lag cannot be measured
 */
public record LagLimit(Duration maxLag, List<String> replicas, Duration unmeasuredTimeout) {

    /** Replication lag is not looked at. */
    public static final LagLimit NONE = new LagLimit(null, List.of(), Duration.ofMinutes(5));

    public LagLimit {
        replicas = List.copyOf(replicas);
        if (maxLag != null && (maxLag.isNegative() || maxLag.isZero())) {
            throw new IllegalArgumentException("the largest replication lag allowed must be positive");
        }
        if (unmeasuredTimeout == null || unmeasuredTimeout.isNegative()) {
            throw new IllegalArgumentException("the time to wait for an unmeasurable lag must not be negative");
        }
    }

    public boolean active() {
        return maxLag != null;
    }

    /**
     * A number of seconds as {@code --max-lag} and {@code online_max_lag} take it ({@code 1.5}: one and a half);
     * the {@link dev.dbshift.DbShiftException#BAD_INPUT} names {@code what} when it is not a positive number.
     */
    public static Duration seconds(String text, String what) {
        try {
            double s = Double.parseDouble(text.trim());
            if (s > 0 && s < 1e9) {
                return Duration.ofNanos(Math.round(s * 1e9));
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                what + ": expected a positive number of seconds, got: " + text);
    }
}
