package dev.dbshift.maven;

import dev.dbshift.DbShift;
import dev.dbshift.command.StatusReport;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.plan.MigrationStatus;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Logs one line per migration (applied, pending, failed, rolled back, script missing, checksum changed). */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StatusMojo extends DbShiftMojo {
    @Override
    void run(DbShift.Builder builder) {
        StatusReport s = builder.load().status();
        Log log = getLog();
        log.info("Database: " + s.database() + ", schema " + s.schema() + (s.historyExists() ? "" : " (no history table yet)"));
        int width = s.migrations().stream().mapToInt(m -> label(m).length()).max().orElse(0);
        for (MigrationStatus m : s.migrations()) {
            HistoryRow h = m.history() == null ? null : m.history().lastAttempt();
            String when = h != null && (m.state().applied() || !h.success())
                    ? "  " + (h.finishedAt() == null ? h.startedAt() : h.finishedAt()) + " by " + h.installedBy() : "";
            log.info(String.format("  %-" + width + "s  %-16s%s", label(m), m.state().label(), when).stripTrailing());
            if (h != null && !h.success() && h.errorMessage() != null) {
                log.info("      " + h.errorMessage().lines().findFirst().orElse(""));
            }
        }
        log.info("Current version: " + (s.current() == null ? "none" : s.current()) + "; " + s.pending() + " pending.");
        if (s.schemaState().drift()) {
            log.warn("Schema: DRIFT: the live schema is not the one recorded after " + s.schemaState().recordedAfter());
        }
        s.warnings().forEach(log::warn);
    }

    private static String label(MigrationStatus m) {
        return (m.version() == null ? "R" : m.version()) + " " + m.description() + " (" + m.kind() + ")";
    }
}
