package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the history and runs tables (and the schema) if they are missing.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift init", "  dbshift init --baseline 1.0     adopt an existing database", "  dbshift init --url postgres://app@db:5432/app --schemas billing"})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Option(names = "--baseline", arity = "0..1", fallbackValue = "1", paramLabel = "VERSION",
            description = "Adopt an existing database: write its schema as migrations/VERSION__baseline.sql (default 1)"
                    + " and record it as applied without running it.")
    String baseline;

    @Override
    public Integer call() {
        var db = main.load();
        Output o = main.output();
        if (baseline != null) {
            var adopted = db.schema().adopt(baseline);
            java.nio.file.Path file = adopted.file();
            if (o.json) {
                var n = Output.object();
                n.put("baseline", baseline);
                n.put("file", file.toString());
                n.put("found", adopted.found());
                o.json(n);
            } else if (adopted.found()) {
                o.say("Found " + db.settings().projectDir().relativize(file) + ", which an earlier init --baseline wrote and did not"
                        + " record (it holds the schema as it stands), and recorded it as the baseline " + baseline + ".");
            } else {
                o.say("Wrote " + db.settings().projectDir().relativize(file) + " and recorded it as the baseline " + baseline + ".");
            }
            return 0;
        }
        db.init();
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
