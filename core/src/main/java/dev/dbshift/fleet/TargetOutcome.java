package dev.dbshift.fleet;

import java.time.Instant;

/**
 * What one command did on one target of a fleet.
 *
 * @param exitCode   the exit code a single {@code dbshift} command on this target would have had (0 when done)
 * @param from       the applied version before (up), or the current one (status); null when none or not known
 * @param to         the applied version after (up)
 * @param applied    migrations applied (up), pending (status), problems (check, lint)
 * @param message    why it failed, or what it found; never a password
 * @param earlier    done in an earlier run of the same fleet report, so not run again
 * @param finishedAt when it finished (null: not started)
 */
public record TargetOutcome(FleetTarget target, State state, int exitCode, String from, String to, int applied,
                            String message, long durationMs, boolean earlier, Instant finishedAt) {

    /** Where a target ended. */
    public enum State {
        /** at the goal: the command did all it had to */
        DONE,
        /** reachable, and not at the goal: migrations pending ({@code status}) */
        BEHIND,
        /** the command failed on it */
        FAILED,
        /** not started: the rollout stopped before its turn */
        NOT_STARTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    static TargetOutcome notStarted(FleetTarget t) {
        return new TargetOutcome(t, State.NOT_STARTED, 0, null, null, 0, null, 0, false, null);
    }

    public boolean done() {
        return state == State.DONE;
    }
}
