package dev.dbshift.online;

/** The engine's waits between tries and polls; an interrupt ends the change as a failure. */
public final class Pause {

    private Pause() {
    }

    /** Sleeps {@code nanos} (0 or less: none, but an interrupt still ends the change). */
    public static void nanos(long nanos) {
        long n = Math.max(0, nanos);
        try {
            Thread.sleep(n / 1_000_000, (int) (n % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineException(OnlineException.FAILED, "interrupted");
        }
    }

    public static void millis(long millis) {
        nanos(millis * 1_000_000);
    }
}
