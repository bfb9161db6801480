package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "current", aliases = {"last-version"}, mixinStandardHelpOptions = true,
        description = "Print the highest applied version (or 'none').",
        footerHeading = "%nExamples:%n", footer = {"  dbshift current", "  v=$(dbshift current -q)"})
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        String v = main.load().current().orElse(null);
        Output o = main.output();
        if (o.json) {
            var n = Output.object();
            n.put("current", v);
            o.json(n);
        } else {
            // printed even with --quiet: it is the answer, not chatter
            o.out.println(v == null ? "none" : v);
        }
        return 0;
    }
}
