package dev.dbshift.fleet;

/** Hears how a fleet goes, on the thread that runs the fleet (never on a target's worker). */
public interface FleetListener {
    FleetListener NONE = new FleetListener() {
    };

    /** After each target started or finished. */
    default void progress(FleetProgress progress) {
    }

    /** One target finished (or was found done in the fleet report). */
    default void finished(TargetOutcome outcome) {
    }

    /** The rollout stops: no target of the fleet is started any more. */
    default void stopping(String why) {
    }
}
