package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.Secrets;
import dev.dbshift.schema.PrivateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Write the offline script for a version range, in either direction, for a DBA to run by hand where dbshift"
                + " cannot connect.",
                "The history tables are created if missing and every migration is followed by its history row. No"
                + " connection is made (the URL only tells the database type)."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift sql base:head > all.sql && psql -v ON_ERROR_STOP=1 -f all.sql app",
                "  dbshift sql 1.2:1.5 -e prod -o upgrade.sql     1.3, 1.4, 1.5 with prod's version-directory scripts",
                "  dbshift sql 1.5:1.2 --url mariadb://db/app | mariadb app     down: reverts 1.5, 1.4, 1.3",
                "  dbshift up --sql / dbshift down --sql -1        the script of what up/down would do to the database now",
                "",
                "FROM is base or a version, TO is head, base or a version. Exit code 3 when going down past a",
                "migration without a down script.",
                ToolboxRender.EXIT_CODES})
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FROM:TO", description = "The range, e.g. base:head, 1.2:1.5, or 1.5:1.2 to go down.")
    String range;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the script to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        DbShift db = main.load();
        String script = db.tools().sql(range);
        return print(main.output(), range, script, output, db.settings().secrets());
    }

    /**
     * Prints the script, or writes it to {@code output} (created readable by its owner only). A script that
     * holds a secret placeholder's value is not printed (it would end up in terminals, CI logs and pipes):
     * it must go to a file.
     */
    static int print(Output o, String range, String script, Path output, Secrets secrets) {
        List<String> found = secrets.foundIn(script);
        if (output == null && !found.isEmpty()) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "the script holds the value of " + String.join(", ", found)
                    + ", a secret: it is not printed; write it to a file readable only by you with -o FILE");
        }
        if (output != null) {
            write(output, script);
        }
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("range", range);
            n.put("output", output == null ? null : output.toString());
            n.put("script", output == null ? script : null);
            o.json(n);
        } else if (output == null) {
            o.out.print(script);
        } else {
            o.say("Wrote " + output + (found.isEmpty() ? "." : " (readable only by you: it holds " + String.join(", ", found) + ")."));
        }
        return 0;
    }

    /** Writes the script whole, readable by its owner only: a failure part way leaves no script that ends early. */
    private static void write(Path output, String script) {
        try {
            PrivateFile.writeWhole(output, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
