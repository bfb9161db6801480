package dev.dbshift.fleet;

import dev.dbshift.DbShiftException;

import java.nio.file.Path;

/**
 * How a fleet runs.
 *
 * @param goal            {@code up}'s target ({@code head}, a version); null: the VERSION file's, else head
 * @param parallel        targets at once, in total
 * @param perServer       targets at once on one server
 * @param canary          targets of the first wave, which must all succeed (0: none)
 * @param wave            the size of each later wave; null: one wave of all the rest
 * @param maxFailures     how many failed targets stop the rollout (more than this many stop it)
 * @param continueOnError never stop for failures
 * @param report          the fleet report file (read, then kept up to date), or null
 * @param reportTable     the fleet report table in the directory database, or null
 * @param sqlDir          where {@code sql} writes one script per target
 * @param noPending       {@code check}: a pending migration is a problem
 */
public record FleetOptions(String goal, int parallel, int perServer, int canary, Limit wave, Limit maxFailures,
                           boolean continueOnError, Path report, String reportTable, Path sqlDir, boolean noPending) {
    public static final int DEFAULT_PARALLEL = 4;

    public FleetOptions {
        if (parallel < 1) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "--parallel: expected at least 1, not " + parallel);
        }
        if (perServer < 1) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "--per-server: expected at least 1, not " + perServer);
        }
        if (canary < 0) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "--canary: expected 0 or more, not " + canary);
        }
        if (maxFailures == null) {
            maxFailures = new Limit(0, false);
        }
    }

    /** The defaults: {@value #DEFAULT_PARALLEL} at once, no canary, one wave, the first failure stops the rollout. */
    public static FleetOptions defaults() {
        return new FleetOptions(null, DEFAULT_PARALLEL, DEFAULT_PARALLEL, 0, null, null, false, null, null, null, false);
    }

    public FleetOptions withParallel(int total, int onOneServer) {
        return new FleetOptions(goal, total, onOneServer, canary, wave, maxFailures, continueOnError, report, reportTable, sqlDir,
                noPending);
    }

    public FleetOptions withWaves(int canaryTargets, Limit waveSize, Limit failures, boolean continuing) {
        return new FleetOptions(goal, parallel, perServer, canaryTargets, waveSize, failures, continuing, report, reportTable, sqlDir,
                noPending);
    }

    public FleetOptions withGoal(String target) {
        return new FleetOptions(target, parallel, perServer, canary, wave, maxFailures, continueOnError, report, reportTable, sqlDir,
                noPending);
    }

    public FleetOptions withReport(Path file, String table) {
        return new FleetOptions(goal, parallel, perServer, canary, wave, maxFailures, continueOnError, file, table, sqlDir, noPending);
    }

    public FleetOptions withSqlDir(Path dir) {
        return new FleetOptions(goal, parallel, perServer, canary, wave, maxFailures, continueOnError, report, reportTable, dir, noPending);
    }

    public FleetOptions withNoPending(boolean pendingIsAProblem) {
        return new FleetOptions(goal, parallel, perServer, canary, wave, maxFailures, continueOnError, report, reportTable, sqlDir,
                pendingIsAProblem);
    }
}
