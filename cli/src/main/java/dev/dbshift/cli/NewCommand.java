package dev.dbshift.cli;

import dev.dbshift.DbShift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "new", aliases = {"revision"}, mixinStandardHelpOptions = true,
        description = "Write the next migration file and its down file (next version in the project's scheme: dotted or timestamp).",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift new \"add orders table\"                  empty up and down files from a template",
                "  dbshift new \"sync schema\" --autogenerate       fill them from the diff between what the migrations",
                "                                                 produce and the live database (or --reference-url)",
                "  dbshift new --down-for 1.4                      write the missing down script of 1.4 from the schema",
                "                                                 before and after it"})
final class NewCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "0..1", paramLabel = "DESCRIPTION", description = "What the migration does; becomes the file name.")
    String description;

    @Option(names = "--autogenerate", description = "Fill up and down from a schema diff.")
    boolean autogenerate;

    @Option(names = "--reference-url", paramLabel = "URL", description = "With --autogenerate: the database whose schema the new migration should produce (default: the live one).")
    String referenceUrl;

    @Option(names = "--reference-user", description = "User for --reference-url.")
    String referenceUser;

    @Option(names = "--reference-password", description = "Password for --reference-url.")
    String referencePassword;

    @Option(names = "--down-for", paramLabel = "VERSION", description = "Write the down script of VERSION instead.")
    String downFor;

    @Override
    public Integer call() {
        DbShift db = main.load();
        List<Path> written;
        if (downFor != null) {
            written = List.of(db.schema().downFor(downFor));
        } else {
            if (description == null) {
                throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                        "new: give a DESCRIPTION (or --down-for VERSION)");
            }
            written = db.schema().newMigration(description, autogenerate, referenceUrl, referenceUser, referencePassword);
        }
        Output o = main.output();
        if (o.json) {
            var a = Output.array();
            written.forEach(p -> a.add(p.toString()));
            o.json(a);
        } else {
            written.forEach(p -> o.say("wrote " + db.settings().projectDir().relativize(p.toAbsolutePath())));
        }
        return 0;
    }
}
