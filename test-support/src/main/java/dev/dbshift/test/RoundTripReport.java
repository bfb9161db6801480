package dev.dbshift.test;

import java.util.List;
import java.util.Optional;

/**
 * What {@link MigrationRoundTrip} found.
 *
 * @param checked     the migrations whose down script passed, as {@code 1.2 (add users)}, in order
 * @param withoutDown the migrations that have no down script and were let through (skipped or declared irreversible)
 * @param failure     the first migration that failed the round trip; empty when every one passed
 */
public record RoundTripReport(List<String> checked, List<String> withoutDown, Optional<Failure> failure) {
    public RoundTripReport {
        checked = List.copyOf(checked);
        withoutDown = List.copyOf(withoutDown);
    }

    /**
     * The first migration that failed.
     *
     * @param migration its label, {@code 1.2 (add users)}
     * @param problem   what went wrong, in one sentence
     * @param diff      the schema steps that separate what was found from what was expected (one per line); empty
     *                  when the problem is a failed script
     */
    public record Failure(String migration, String problem, String diff) {
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    /** Several lines for a person: the failure with its diff, then what passed and what has no down script. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        failure.ifPresent(f -> {
            b.append("migration ").append(f.migration()).append(": ").append(f.problem()).append('\n');
            f.diff().lines().forEach(l -> b.append("    ").append(l).append('\n'));
        });
        b.append("round trip passed: ").append(checked.isEmpty() ? "none" : String.join(", ", checked)).append('\n');
        if (!withoutDown.isEmpty()) {
            b.append("without a down script (not checked): ").append(String.join(", ", withoutDown)).append('\n');
        }
        return b.toString();
    }
}
