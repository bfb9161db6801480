package dev.dbshift.command;

import dev.dbshift.plan.Mark;

import java.util.List;

/**
 * What {@code stamp}, {@code skip} or {@code repair} wrote (or, in a dry run, would write).
 *
 * @param runId 0 in a dry run
 */
public record Recorded(String command, boolean dryRun, long runId, String fromVersion, String toVersion, List<Mark> marks) {
    public Recorded {
        marks = List.copyOf(marks);
    }
}
