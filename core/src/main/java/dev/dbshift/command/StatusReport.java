package dev.dbshift.command;

import dev.dbshift.history.RunRow;
import dev.dbshift.plan.MigrationStatus;

import java.util.List;

/**
 * What {@code status} tells: every migration's state, and any run that did not finish.
 *
 * @param historyExists false on a database dbshift never touched (everything is pending)
 * @param unfinishedRuns runs without an end: still running, or their process died
 * @param schemaState   the live schema's checksum against the one the history recorded
 */
public record StatusReport(String database, String schema, String current, boolean historyExists,
                           List<MigrationStatus> migrations, List<RunRow> unfinishedRuns, List<String> warnings,
                           SchemaState schemaState) {
    public StatusReport {
        migrations = List.copyOf(migrations);
        unfinishedRuns = List.copyOf(unfinishedRuns);
        warnings = List.copyOf(warnings);
    }

    public long pending() {
        return migrations.stream().filter(m -> !m.state().applied()).count();
    }
}
