package dev.dbshift.online;

/** The engine's waits between tries and polls; an interrupt ends the change as a failure. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineException(OnlineException.FAILED, "interrupted");
        }
    }
}
