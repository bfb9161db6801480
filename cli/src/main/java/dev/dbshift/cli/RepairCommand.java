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
                "",
                "  dbshift repair --statement-done 1.4       after 'up' stopped because statement N of 1.4 may or may not",
                "  dbshift repair --statement-not-done 1.4   have completed: record what you found, and 'up' goes on",
                "  dbshift repair --statement-done R:views   the same in a repeatable migration (R: and its description,",
                "                                            or its script's name: R__views.sql)",
                ToolboxRender.EXIT_CODES})
final class RepairCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--dry-run", description = "Show what would change; write nothing.")
    boolean dryRun;

    @Option(names = "--statement-done", paramLabel = "VERSION",
            description = "The statement an interrupted run left in doubt in VERSION (R:description for a repeatable"
                    + " migration) did complete: 'up' goes on after it.")
    String statementDone;

    @Option(names = "--statement-not-done", paramLabel = "VERSION",
            description = "The statement an interrupted run left in doubt in VERSION did not complete, or the rows a failed"
                    + " try's rollback could not undo were removed: 'up' runs it again.")
    String statementNotDone;

    @Override
    public Integer call() {
        if (statementDone != null || statementNotDone != null) {
            if (statementDone != null && statementNotDone != null || dryRun) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                        "repair: --statement-done and --statement-not-done go alone (not together, not with --dry-run)");
            }
            String recorded = main.load().historyCommands().repairStatement(statementDone != null ? statementDone : statementNotDone,
                    statementDone != null);
            main.output().out.println(recorded);
            return 0;
        }
        ToolboxRender.recorded(main.output(), main.load().historyCommands().repair(dryRun));
        return 0;
    }
}
