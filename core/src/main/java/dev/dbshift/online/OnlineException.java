package dev.dbshift.online;

import dev.dbshift.DbShiftException;

/** An online change refused by preflight, or failed; the message says why and what to do. */
public class OnlineException extends DbShiftException {
    private static final long serialVersionUID = 1L;

    public OnlineException(int exitCode, String message) {
        super(exitCode, message);
    }

    public OnlineException(int exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }

    /** A preflight refusal: the table or the change is not one the engine can do safely. */
    public static OnlineException refused(String reason) {
        return new OnlineException(VALIDATION, "online change refused: " + reason);
    }
}
