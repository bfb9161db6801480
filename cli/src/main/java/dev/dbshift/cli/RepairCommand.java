package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"After a deliberate edit of applied scripts, record their new checksums; mark failed tries as resolved.",
                "Nothing is deleted: each change is a new 'repair' row. Failed rows stay for 'errors' and 'trace'."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift repair --dry-run      show every checksum change and failure it would resolve",
                "  dbshift repair                record them",
                "",
                "A resolved failure leaves its migration pending (or applied, if it was applied before the failed try); on",
                "MySQL/MariaDB the statements of a partly applied try are no longer resumed from: fix the database by hand first.",
                ToolboxRender.EXIT_CODES})
final class RepairCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--dry-run", description = "Show what would change; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ToolboxRender.recorded(main.output(), main.load().toolbox().repair(dryRun));
        return 0;
    }
}
