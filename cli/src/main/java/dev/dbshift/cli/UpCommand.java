package dev.dbshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "up", aliases = {"upgrade", "migrate"}, mixinStandardHelpOptions = true,
        description = "Apply pending migrations up to TARGET.",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift up                 apply everything pending (or up to the VERSION file's version)",
                "  dbshift up 1.4             apply up to and including 1.4",
                "  dbshift up +1              apply the next pending migration",
                "  dbshift up --dry-run       print every statement it would run, run nothing",
                "  dbshift up --on-failure rollback-run   all or nothing: revert this run's migrations if one fails",
                "",
                "Before changing anything, up stops with exit code 3 when an applied script was edited, a version",
                "is defined twice, or a pending version is lower than the highest applied one (allow with --out-of-order)."})
final class UpCommand extends MigrateCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "head (default, or the VERSION file's version), a version, or +N.")
    String target;

    @Option(names = "--out-of-order", description = "Apply pending versions lower than the highest applied one.")
    boolean outOfOrder;

    @Option(names = "--on-failure", paramLabel = "stop|rollback-run", description = "What to do when a migration fails (default: stop).")
    String onFailure;

    @Option(names = "--backup", paramLabel = "FILE", description = "Dump the database (schema and data) to FILE first.")
    java.nio.file.Path backup;

    @Override
    public Integer call() {
        var b = main.global.builder();
        if (outOfOrder) {
            b.outOfOrder(true);
        }
        if (onFailure != null) {
            b.set("on_failure", onFailure);
        }
        if (sql) {
            var db = b.load();
            return SqlCommand.print(main.output(), target, db.tools().sqlFromDatabase(false, target), null, db.settings().secrets());
        }
        return migrate(false, target, dryRun, b, backup);
    }

}
