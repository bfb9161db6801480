package dev.dbshift.cli;

import dev.dbshift.DbShift;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the dbshift version.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Output o = main.output();
        if (o.json) {
            var n = Output.object();
            n.put("version", DbShift.toolVersion());
            n.put("java", System.getProperty("java.version"));
            o.json(n);
        } else {
            o.out.println("dbshift " + DbShift.toolVersion() + " (Java " + System.getProperty("java.version") + ")");
        }
        return 0;
    }
}
