package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.command.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "check", aliases = {"validate"}, mixinStandardHelpOptions = true,
        description = {"A CI gate: list every problem and exit 3 if there is one.",
                "Problems: applied scripts edited since, applied migrations whose scripts are gone, versions defined"
                + " twice, pending versions below the highest applied one (a history forked by two branches), a squash"
                + " this database applied only in part, schema drift (the live schema is not the one the history"
                + " recorded last), and with --no-pending migrations not applied yet.",
                "Scripts not applied yet that cannot run as written (encoding, syntax, unknown placeholder, another"
                + " tool's format) are problems too (script_error); with one of those the exit code is 2."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift check                       scripts against the history",
                "  dbshift check --no-pending -e prod  also fail when prod has anything pending",
                "  dbshift validate --json | jq '.problems[].code'",
                ToolboxRender.EXIT_CODES})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--no-pending", description = "A migration not applied yet is a problem too.")
    boolean noPending;

    @Override
    public Integer call() {
        CheckReport r = main.load().check(noPending);
        Output o = main.output();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("ok", r.ok());
            n.put("database", r.database());
            n.put("schema", r.schema());
            n.set("problems", ToolboxRender.problemsJson(r.problems()));
            o.json(n);
        } else if (r.ok()) {
            o.say("No problems (" + r.database() + ", schema " + r.schema() + ").");
        } else {
            o.error("dbshift: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s") + ":");
            ToolboxRender.problems(o, r.problems());
        }
        return r.exitCode();
    }
}
