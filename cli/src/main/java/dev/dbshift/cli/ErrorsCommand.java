package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.command.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "errors", mixinStandardHelpOptions = true,
        description = "The failed operations: id, version, time, message, and whether they were resolved since.",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift errors", "  dbshift errors --json", "  dbshift trace 42              the stored error and stack trace of row 42",
                ToolboxRender.EXIT_CODES})
final class ErrorsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        List<Failure> failures = main.load().historyCommands().errors();
        Output o = main.output();
        if (o.json) {
            ArrayNode a = Output.array();
            for (Failure f : failures) {
                ObjectNode x = Render.history(f.row());
                x.put("resolved", f.resolved());
                a.add(x);
            }
            o.json(a);
            return 0;
        }
        if (failures.isEmpty()) {
            o.say("No operation has failed.");
            return 0;
        }
        Output.Table t = new Output.Table("Id", "Version", "Operation", "Started (UTC)", "Resolved", "Message");
        for (Failure f : failures) {
            String msg = f.row().errorMessage() == null ? "" : f.row().errorMessage().lines().findFirst().orElse("");
            t.row(f.row().id(), f.row().version() == null ? "R " + f.row().description() : f.row().version(),
                    f.row().operation().code(), Render.time(f.row().startedAt()), f.resolved() ? "yes" : "no",
                    msg.length() > 100 ? msg.substring(0, 97) + "..." : msg);
        }
        o.say(t.render().stripTrailing());
        return 0;
    }
}
