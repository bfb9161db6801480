package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.history.HistoryRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "The stored error message and stack trace of one history row (ids from 'dbshift errors').",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift trace 42", "  dbshift trace 42 --json | jq -r .errorTrace",
                "", "Exit code 2 when there is no such row.", ToolboxRender.EXIT_CODES})
final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "The history row's id.")
    long id;

    @Override
    public Integer call() {
        HistoryRow r = main.load().historyCommands().trace(id);
        Output o = main.output();
        if (o.json) {
            ObjectNode x = Render.history(r);
            x.put("errorTrace", r.errorTrace());
            o.json(x);
            return 0;
        }
        o.say("History row " + r.id() + ": " + r.operation().code() + " of " + (r.version() == null ? "R " + r.description()
                : r.version() + " (" + r.description() + ")") + ", " + Render.time(r.startedAt()) + " UTC, run " + r.runId()
                + ", by " + r.installedBy() + ": " + (r.success() ? "succeeded" : r.begunOffline() ? "begun by an offline script" : "FAILED"));
        if (r.success()) {
            o.say("It succeeded, so there is no error to show.");
            return 0;
        }
        o.say("");
        o.say(r.errorMessage() == null ? "(no message)" : r.errorMessage());
        if (r.errorTrace() != null) {
            o.say("");
            o.say(r.errorTrace().stripTrailing());
        }
        return 0;
    }
}
