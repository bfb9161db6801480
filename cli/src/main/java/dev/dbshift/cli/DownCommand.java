package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "down", aliases = {"downgrade", "rollback"}, mixinStandardHelpOptions = true,
        description = "Revert applied migrations down to TARGET with their down scripts.",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift down               revert the last applied migration (-1)",
                "  dbshift down -2             revert the last two",
                "  dbshift down 1.2            revert everything above 1.2",
                "  dbshift down base           revert everything",
                "  dbshift down --dry-run      print the down statements, run nothing",
                "",
                "Refuses (exit code 3), naming the migration, when one it must revert has no down script."})
final class DownCommand extends MigrateCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "-N (default -1), a version, or base.")
    String target;

    @Override
    public Integer call() {
        if (sql) {
            var db = main.load();
            return SqlCommand.print(main.output(), target, db.tools().sqlFromDatabase(true, target), null, db.settings().secrets());
        }
        return migrate(true, target, dryRun, main.global.builder());
    }
}
