package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "skip", mixinStandardHelpOptions = true,
        description = "Record the next pending migration (or VERSION) as applied without running it; the history says 'skip'.",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift skip                  skip the lowest pending migration",
                "  dbshift skip 1.3 --dry-run    show what it would record",
                "",
                "Refused (exit code 2) for an unknown version, one already applied, or when nothing is pending.",
                ToolboxRender.EXIT_CODES})
final class SkipCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "The migration to skip (default: the lowest pending one).")
    String version;

    @Option(names = "--dry-run", description = "Show the history row it would write; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ToolboxRender.recorded(main.output(), main.load().historyCommands().skip(version, dryRun));
        return 0;
    }
}
