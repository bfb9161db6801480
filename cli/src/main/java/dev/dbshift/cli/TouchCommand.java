package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.migration.TimestampRenamer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "touch", mixinStandardHelpOptions = true,
        description = {"Move a timestamp-versioned migration to the current time (UTC) by renaming its files.",
                "For a branch that landed after migrations with later timestamps: its migration then runs after theirs."
                + " No database is touched."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift touch 20240105093000            20240105093000__add_x.sql -> 20261122024501__add_x.sql",
                "  dbshift touch 20240105093000 --dry-run  show the renames",
                "",
                "Only timestamps (yyyyMMddHHmmss, yyyyMMddHHmm, yyyyMMdd) can be touched (exit code 2 otherwise).",
                ToolboxRender.EXIT_CODES})
final class TouchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "VERSION", description = "The timestamp version to move.")
    String version;

    @Option(names = "--dry-run", description = "Show the renames; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        TimestampRenamer.Result r = main.load().tools().touch(version, dryRun);
        Output o = main.output();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("dryRun", r.dryRun());
            n.put("from", r.from().toString());
            n.put("to", r.to().toString());
            ArrayNode a = n.putArray("renames");
            r.renames().forEach(x -> a.addObject().put("from", x.from().toString()).put("to", x.to().toString()));
            o.json(n);
            return 0;
        }
        r.renames().forEach(x -> o.say((r.dryRun() ? "would rename " : "renamed ") + x.from().getFileName() + " -> " + x.to().getFileName()));
        o.say("Version " + r.from() + (r.dryRun() ? " would become " : " is now ") + r.to() + ".");
        return 0;
    }
}
