package dev.dbshift.fleet;

import java.util.Locale;

/** The commands a fleet runs on each of its targets: each is the single-target command of the same name. */
public enum FleetCommand {
    /** apply pending migrations up to the goal */
    UP,
    /** read where the target is; done when nothing is pending */
    STATUS,
    /** every problem {@code check} finds; done when none */
    CHECK,
    /** lint the target's pending migrations against its server; done without an error-level finding */
    LINT,
    /** write the offline script of what {@code up} would do on the target */
    SQL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
