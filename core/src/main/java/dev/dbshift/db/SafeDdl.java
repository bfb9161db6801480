package dev.dbshift.db;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a run keeps DDL from queueing the application behind it (the {@code safe_ddl} settings): each DDL statement
 * waits at most {@code lockTimeout} for its lock; when it gives up, the statement (or, in a transactional
 * migration, the whole migration's transaction) is tried again after a pause with jitter, up to {@code tries}
 * times, as GitLab's {@code with_lock_retries} does. The pause grows from 100 ms, doubling, to at most the lock
 * timeout, times a random factor between 0.5 and 1.5, so two waiting runs do not retry in step.
 *
 * @param enabled         false: DDL waits for its locks as long as the server lets it
 * @param lockTimeout     how long one try waits for its lock
 * @param tries           how many tries before the migration fails
 * @param reportBlockers  name the sessions holding the statement's tables' locks before each DDL statement
 */
public record SafeDdl(boolean enabled, Duration lockTimeout, int tries, boolean reportBlockers) {
    public static final SafeDdl OFF = new SafeDdl(false, Duration.ofSeconds(2), 1, false);

    /** The pause before try {@code next} (2 or more). */
    public Duration pauseBefore(int next) {
        long base = Math.min(lockTimeout.toMillis(), 100L << Math.min(20, next - 2));
        return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
    }
}
