package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the history and runs tables (and the schema) if they are missing.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift init", "  dbshift init --url postgres://app@db:5432/app --schemas billing"})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        var db = main.load();
        db.init();
        Output o = main.output();
        if (o.json) {
            var n = Output.object();
            n.put("historyTable", db.settings().historyTable());
            n.put("runsTable", db.settings().runsTable());
            o.json(n);
        } else {
            o.say("History tables " + db.settings().historyTable() + " and " + db.settings().runsTable() + " are ready.");
        }
        return 0;
    }
}
