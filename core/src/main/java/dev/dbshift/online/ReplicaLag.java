package dev.dbshift.online;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How far the replicas of the server an online change writes to are behind it: one vendor's way of
 * measuring (a heartbeat row on MySQL/MariaDB, the replay position and time on PostgreSQL), read by
 * the {@link Throttler} before each chunk. The policy (how much lag is too much, how long a replica
 * whose lag cannot be measured is waited for) is the throttler's, the same for every vendor.
 * Holds its own connections (to the replicas, and on MySQL one to the primary for the heartbeat);
 * {@link #close()} closes them.
 */
public interface ReplicaLag extends AutoCloseable {

    /**
     * One replica's lag now, or why it cannot be measured.
     *
     * @param replica      the replica, for a person ({@code 127.0.0.1:3332})
     * @param lag          its lag, null when it cannot be measured
     * @param unmeasurable why the lag cannot be measured (null when {@code lag} is given)
     */
    record Reading(String replica, Duration lag, String unmeasurable) {

        public static Reading of(String replica, Duration lag) {
            return new Reading(replica, lag, null);
        }

        public static Reading unknown(String replica, String why) {
            return new Reading(replica, null, why);
        }
    }

    /** Opens the measurement when the throttler first needs it: finds the replicas, connects lazily. */
    @FunctionalInterface
    interface Source {
        ReplicaLag open() throws SQLException;
    }

    /**
     * Measures every replica now. A replica that cannot be reached or does not say how far behind it
     * is gives a reading with {@code unmeasurable} set, never a lag of zero.
     */
    List<Reading> read() throws SQLException;

    @Override
    void close();
}
