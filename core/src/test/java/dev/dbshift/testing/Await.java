package dev.dbshift.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for a condition by polling it, instead of sleeping a fixed time and hoping: returns as soon as the
 * condition holds, fails with what was awaited when {@code timeout} passes first. A probe that throws counts as
 * "not yet" (the table is not there yet, the server is busy); its last exception is kept as the failure's cause.
 */
public final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** A condition to poll; may throw while the state it looks at is not there yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds. */
    public static void until(String what, Duration timeout, Condition condition) {
        until(what, timeout, () -> condition.holds() ? Boolean.TRUE : null, v -> true);
    }

    /** Polls {@code probe} until its value passes {@code done} (null never does); returns that value. */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        T value = null;
        while (true) {
            try {
                value = probe.call();
                if (value != null && done.test(value)) {
                    return value;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + "; last seen: " + value, last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
