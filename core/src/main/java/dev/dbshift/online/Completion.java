package dev.dbshift.online;

import dev.dbshift.DbShiftException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * How a change ends: the native ALTER (and what an interrupted one left), the swap and cleanup,
 * and the two ways a failure is handled (abandoned before the swap, only cleanup left after it).
 */
final class Completion {

    private final Job job;

    Completion(Job job) {
        this.job = job;
    }

    OnlineResult runNative(Connection c, OnlineNames names, AlterSpec spec, ShadowTable.Native how, long started)
            throws SQLException {
        job.engine().alterNatively(c, names, spec, how);
        return new OnlineResult(names.schema(), names.table(), how.name().toLowerCase(Locale.ROOT), Phase.DONE, 0, 0, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - started), null);
    }

    /**
     * A native ALTER whose run was killed: the server finishes a statement whose client died (the
     * killed session also held the engine's lock, so {@code resume} got the lock only after it), so
     * the table's definition now says what happened: the expected one, the ALTER completed; the
     * one before, it never ran (it runs now); anything else cannot be explained and is not guessed at.
     */
    OnlineResult finishNative(Connection control, Checkpoint checkpoint, OnlineState state, long started)
            throws SQLException {
        String db = state.schema();
        String table = state.table();
        String[] shapes = checkpoint.shapes(control, table);
        ShadowTable shadow = job.engine().shadow(control, OnlineNames.of(db, table));
        String now = shadow.definitionNow();
        if (now.equals(shapes[1])) {
            checkpoint.phase(control, table, Phase.DONE, "completed by the interrupted run");
            return new OnlineResult(db, table, "native", Phase.DONE, 0, 0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started),
                    null, true);
        }
        if (!now.equals(shapes[0])) {
            throw new OnlineException(OnlineException.VALIDATION, "cannot know whether the interrupted native ALTER of "
                    + table + " (" + state.spec() + ") completed: the table's definition is neither the one before it nor the"
                    + " one it gives. Check " + table + " by hand; then 'dbshift online abort " + table + "' and run again");
        }
        AlterSpec spec = AlterSpec.parse(state.spec(), job.options().renames());
        ShadowTable.Native nat = shadow.probeNative(spec);
        if (nat == ShadowTable.Native.NONE) {
            throw new OnlineException(OnlineException.VALIDATION, "the interrupted native ALTER of " + table + " did not run and"
                    + " the server can no longer do it natively; run 'dbshift online abort " + table + "', then again");
        }
        OnlineResult r = runNative(control, OnlineNames.of(db, table), spec, nat, started);
        checkpoint.phase(control, table, Phase.DONE, null);
        return r;
    }

    /** The swap (unless it already happened), then the cleanup; the phases are recorded as they pass. */
    OnlineResult finishAfterSwap(Connection control, OnlineNames names, Checkpoint checkpoint, OnlineState state,
                                 long started) throws SQLException {
        int attempts = 0;
        if (state.phase() == Phase.SWAP) {
            if (!swapped(control, names)) {
                job.announce(names.table(), Phase.SWAP);
                attempts = job.engine().swap(job.factory(), control, names, job.options().swapAttempts(),
                        AlterSpec.parse(state.spec(), job.options().renames()));
            } else {
                // a run killed after its RENAME, or stopped by the engine's look at it: look again before the cleanup
                job.engine().checkSwapped(job.factory(), control, names);
            }
            checkpoint.phase(control, names.table(), Phase.CLEANUP, null);
        }
        job.announce(names.table(), Phase.CLEANUP);
        job.engine().cleanupAfterSwap(control, names, job.options().keepOld());
        checkpoint.phase(control, names.table(), Phase.DONE, null);
        job.announce(names.table(), Phase.DONE);
        OnlineState end = checkpoint.read(control, names.table()).orElseThrow();
        return new OnlineResult(names.schema(), names.table(), "copy", Phase.DONE, end.rowsCopied(), 0, 0, 0, attempts,
                Duration.ofNanos(System.nanoTime() - started), job.options().keepOld() ? names.old() : null);
    }

    /** The tables are swapped: the shadow is gone and the old table exists. */
    private boolean swapped(Connection c, OnlineNames names) throws SQLException {
        Inspector inspector = job.engine().inspector(c);
        return !inspector.tableExists(names.schema(), names.shadow()) && inspector.tableExists(names.schema(), names.old());
    }

    /**
     * After any failure before the swap: removes the triggers first (while they stay, every
     * application write pays for them and the change log grows), then the change log and the
     * shadow, on a new connection (the failure may have taken the old one), and records the change
     * as ABORTED with its cause; the table is as it was and the change can simply be run again.
     * When the cleanup fails too (the server went away), the exception says exactly what is left
     * and the command that removes it. A change killed outright (SIGKILL, power) keeps everything
     * and is continued by {@link OnlineMigrator#resume}.
     */
    OnlineException abandon(OnlineNames names, Checkpoint checkpoint, Throwable cause) {
        String why = cause.getMessage();
        int exit = cause instanceof DbShiftException d ? d.exitCode() : OnlineException.FAILED;
        try (Connection c = job.factory().open()) {
            job.engine().cleanupAbort(job.factory(), c, names);
            checkpoint.phase(c, names.table(), Phase.ABORTED, "failed, cleaned up: " + why);
            return new OnlineException(exit, "online change of " + names.table() + " failed: " + why + "; abandoned: its"
                    + " triggers, change log and shadow table are removed and " + names.table() + " is unchanged."
                    + " Fix the cause and run the change again", cause);
        } catch (SQLException | RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
            return new OnlineException(exit, "online change of " + names.table() + " failed: " + why
                    + "; removing what it left failed too (" + cleanup.getMessage() + "). Left in " + names.schema()
                    + ": the triggers " + names.allTriggers() + " on " + names.table() + " (where present; each application"
                    + " write still runs them), the tables " + names.changeLog() + " and " + names.shadow()
                    + ". Run 'dbshift online abort " + names.table() + "' to remove them (" + names.table()
                    + " stays unchanged), or 'dbshift online resume " + names.table() + "' to continue", cause);
        }
    }

    /** A failure at or after the swap: before it, abandon; after it, the table is changed and only cleanup remains. */
    OnlineException afterSwapFailure(OnlineNames names, Checkpoint checkpoint, Throwable cause) {
        if (cause instanceof OnlineException o && o.exitCode() == OnlineException.VALIDATION) {
            return o; // what cannot be known here, with the way out: said as it is
        }
        boolean swapped;
        try (Connection c = job.factory().open()) {
            swapped = swapped(c, names);
        } catch (SQLException | RuntimeException unknown) {
            cause.addSuppressed(unknown);
            return new OnlineException(OnlineException.FAILED, "online change of " + names.table() + " failed at the swap: "
                    + cause.getMessage() + "; whether the tables were swapped cannot be read now. Run 'dbshift online"
                    + " status' and then 'dbshift online resume " + names.table() + "' (finishes either way)", cause);
        }
        if (!swapped) {
            return abandon(names, checkpoint, cause);
        }
        return new OnlineException(OnlineException.FAILED, "online change of " + names.table() + " is done (the tables are"
                + " swapped) but its cleanup failed: " + cause.getMessage() + ". Left: the triggers on " + names.old()
                + " (no application writes there), " + names.changeLog() + " and " + names.old() + "; run 'dbshift online"
                + " resume " + names.table() + "' to remove them", cause);
    }
}
