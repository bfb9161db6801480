package dev.dbshift;

/**
 * Every failure dbshift reports to a user. The message is written for a person (it names the
 * file, line or setting at fault and never contains a password); {@link #exitCode()} is what the
 * command line exits with, so scripts can tell a bad input from a failed migration.
 */
public class DbShiftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit codes shared by the library and the command line; documented in docs/cli.md. */
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int VALIDATION = 3;
    public static final int LOCKED = 4;
    public static final int UNREACHABLE = 5;

    private final int exitCode;

    public DbShiftException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DbShiftException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** {@link #LOCKED} when {@code e} or one of its causes is a dbshift failure for a lock held elsewhere, else {@link #FAILED}. */
    public static int lockedOrFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DbShiftException d && d.exitCode == LOCKED) {
                return LOCKED;
            }
        }
        return FAILED;
    }
}
