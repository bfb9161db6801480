package dev.dbshift.fleet;

import java.time.Duration;

/**
 * How far a fleet is, as its progress line shows it.
 *
 * @param done    targets done (earlier ones included)
 * @param other   targets that ended not done (failed, behind)
 * @param eta     the time left at the rate so far; null before the first target finished
 */
public record FleetProgress(int total, int done, int running, int failed, int other, int wave, int waves, Duration eta) {
}
