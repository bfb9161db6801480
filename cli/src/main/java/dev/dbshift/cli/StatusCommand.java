package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.command.StatusReport;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.plan.MigrationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", aliases = {"list", "info"}, mixinStandardHelpOptions = true,
        description = "One line per migration: applied, pending, failed, rolled back, script missing, checksum changed.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift status", "  dbshift status -e prod --json | jq '.pending'"})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        StatusReport s = main.load().status();
        Output o = main.output();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("database", s.database());
            n.put("schema", s.schema());
            n.put("current", s.current());
            n.put("pending", s.pending());
            ArrayNode list = n.putArray("migrations");
            for (MigrationStatus m : s.migrations()) {
                ObjectNode x = list.addObject();
                x.put("version", m.version());
                x.put("description", m.description());
                x.put("kind", m.kind());
                x.put("state", m.state().label());
                x.put("script", m.migration() == null ? null : m.migration().scriptName());
                HistoryRow h = m.history() == null ? null : m.history().lastAttempt();
                x.put("appliedAt", h == null ? null : String.valueOf(h.finishedAt()));
                x.put("appliedBy", h == null ? null : h.installedBy());
                x.put("durationMs", h == null ? null : h.durationMs());
                x.put("error", h == null || h.success() ? null : h.errorMessage());
            }
            ObjectNode schema = n.putObject("schema");
            schema.put("checksum", s.schemaState().live());
            schema.put("recorded", s.schemaState().recorded());
            schema.put("recordedAfter", s.schemaState().recordedAfter());
            schema.put("drift", s.schemaState().drift());
            ArrayNode w = n.putArray("warnings");
            s.warnings().forEach(w::add);
            o.json(n);
            return 0;
        }
        Output.Table t = new Output.Table("Version", "Description", "Kind", "State", "Applied at (UTC)", "By", "Duration");
        for (MigrationStatus m : s.migrations()) {
            HistoryRow h = m.history() == null ? null : m.history().lastAttempt();
            boolean showTime = h != null && (m.state().applied() || !h.success());
            t.row(m.version() == null ? "R" : m.version(), m.description(), m.kind(), m.state().label(),
                    showTime ? Render.time(h.finishedAt() == null ? h.startedAt() : h.finishedAt()) : "",
                    showTime ? h.installedBy() : "", showTime ? h.durationMs() + " ms" : "");
        }
        o.say("Database: " + s.database() + ", schema " + s.schema() + (s.historyExists() ? "" : " (no history table yet)"));
        if (t.size() == 0) {
            o.say("No migrations found.");
        } else {
            o.say(t.render().stripTrailing());
        }
        o.say("Current version: " + (s.current() == null ? "none" : s.current()) + "; " + s.pending() + " pending.");
        if (s.schemaState().recorded() != null) {
            o.say(s.schemaState().drift() ? "Schema: DRIFT (see the warning below)"
                    : s.schemaState().newer() ? "Schema: not compared (see the warning below)"
                    : "Schema: matches the checksum recorded after " + s.schemaState().recordedAfter() + ".");
        }
        for (MigrationStatus m : s.migrations()) {
            HistoryRow h = m.history() == null ? null : m.history().lastAttempt();
            if (h != null && !h.success() && h.errorMessage() != null) {
                // a repeatable migration has no version: it goes by R and its description, as in the table
                o.say("  " + (m.version() == null ? "R " + m.description() : m.version()) + ": "
                        + h.errorMessage().lines().findFirst().orElse(""));
            }
        }
        s.warnings().forEach(w -> o.say("warning: " + w));
        return 0;
    }
}
