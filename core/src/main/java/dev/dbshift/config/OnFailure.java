package dev.dbshift.config;

/** What {@code up} does when a migration fails. */
public enum OnFailure {
    /** Stop; the migrations applied before the failure stay applied (Flyway's and Alembic's way). */
    STOP,
    /** Revert the migrations this run applied, with their down scripts: the run is all or nothing. */
    ROLLBACK_RUN;

    public static OnFailure parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "stop": return STOP;
            case "rollback-run": case "rollback_run": return ROLLBACK_RUN;
            default: throw new IllegalArgumentException("expected stop or rollback-run, not '" + s + "'");
        }
    }
}
