package dev.dbshift.check;

import dev.dbshift.config.Settings;
import dev.dbshift.db.Database;
import dev.dbshift.history.AppliedState;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;

import java.sql.Connection;
import java.util.List;

/**
 * What a {@link ProblemSource} may look at: an open read-only connection to the target, the
 * migrations found, and the history (as the planner reads it, squashes applied).
 *
 * @param rows the history rows, oldest first (empty when there is no history table)
 */
public record CheckInput(Connection connection, Database database, String schema, Settings settings,
                         MigrationSource source, List<MigrationRef> migrations, List<HistoryRow> rows, AppliedState state) {
    public CheckInput {
        migrations = List.copyOf(migrations);
        rows = List.copyOf(rows);
    }
}
