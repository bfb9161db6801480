package dev.dbshift.cli;

import dev.dbshift.schema.SchemaDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Dump the schema (with --data, and its rows) to FILE: pg_dump or mariadb-dump when installed,"
                + " else a built-in JDBC dump the same database can load back.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift dump schema.sql", "  dbshift dump --data backup.sql",
                "  dbshift up --backup before-release.sql   dump, then migrate"})
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", description = "Where to write the dump.")
    Path file;

    @Option(names = "--data", description = "Include the rows.")
    boolean data;

    @Override
    public Integer call() {
        SchemaDump.Result r = main.load().schema().dump(file, data);
        Output o = main.output();
        if (o.json) {
            var n = Output.object();
            n.put("file", r.file().toString());
            n.put("method", r.method());
            o.json(n);
        } else {
            o.say("wrote " + r.file() + " (" + r.method() + ")");
        }
        return 0;
    }
}
