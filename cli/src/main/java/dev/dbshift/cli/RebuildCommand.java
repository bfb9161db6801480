package dev.dbshift.cli;

import dev.dbshift.DbShift;
import dev.dbshift.execute.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Run one migration again: its down script, then its up script.",
                "After a failed try on a database without transactional DDL, only the statements that did not run"
                + " (recorded as 'apply_partial')."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift rebuild 1.4           revert 1.4 and apply it again",
                "  dbshift rebuild 1.4 --dry-run print every statement it would run",
                "  dbshift rebuild 2 -e prod     version directories run all.sql then prod.sql",
                "",
                "Refused (exit code 3) for an applied migration without a down script.",
                ToolboxRender.EXIT_CODES})
final class RebuildCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "VERSION", description = "The migration to run again.")
    String version;

    @Option(names = "--dry-run", description = "Print the plan and every statement; execute nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Output o = main.output();
        DbShift db = main.load().withListener(Render.progress(o));
        if (dryRun) {
            return Render.dryRun(o, db.planRebuild(version));
        }
        Report r = Render.ran(o, () -> db.rebuild(version));
        if (!r.success()) {
            return r.exitCode();
        }
        o.say("Rebuilt " + version + "; the database is at " + ToolboxRender.version(r.toVersion()) + ".");
        return 0;
    }
}
