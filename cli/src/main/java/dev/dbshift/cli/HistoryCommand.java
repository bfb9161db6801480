package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.dbshift.history.HistoryRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "The full operation log: every apply, partial apply, skip, stamp and rollback, failures included.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift history", "  dbshift history --json"})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        List<HistoryRow> rows = main.load().history();
        Output o = main.output();
        if (o.json) {
            ArrayNode a = Output.array();
            rows.forEach(r -> a.add(Render.history(r)));
            o.json(a);
            return 0;
        }
        Output.Table t = new Output.Table("Id", "Run", "Version", "Description", "Operation", "Result", "Started (UTC)", "Duration", "By");
        for (HistoryRow r : rows) {
            t.row(r.id(), r.runId(), r.version() == null ? "R" : r.version(), r.description(), r.operation().code(),
                    r.success() ? "ok" : r.begunOffline() ? "begun" : "FAILED", Render.time(r.startedAt()), r.durationMs() + " ms", r.installedBy());
        }
        o.say(t.size() == 0 ? "The history is empty." : t.render().stripTrailing());
        return 0;
    }
}
