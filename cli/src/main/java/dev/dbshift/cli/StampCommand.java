package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "stamp", aliases = {"mark"}, mixinStandardHelpOptions = true,
        description = "Make the history say the database is at VERSION without running anything (a database built by other means).",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift stamp 1.4             every migration up to 1.4 is recorded as applied (operation stamp)",
                "  dbshift stamp head            record every migration as applied",
                "  dbshift stamp base            record every migration as no longer applied",
                "  dbshift mark 1.2 --dry-run    show the rows it would write",
                "",
                "Migrations above VERSION that are applied get a 'rollback' row (no script runs), so the history stays",
                "append-only and 'applied' keeps meaning: its latest successful row is not a rollback.",
                ToolboxRender.EXIT_CODES})
final class StampCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "VERSION", description = "A version, head or base.")
    String target;

    @Option(names = "--dry-run", description = "Show the history rows it would write; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ToolboxRender.recorded(main.output(), main.load().historyCommands().stamp(target, dryRun));
        return 0;
    }
}
