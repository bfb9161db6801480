package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.command.Adopted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = "Take over another tool's history: record what it applied on this database as applied"
                + " (operation baseline, nothing is run), so the next 'up' runs only what it had not. Its table is left as it is.",
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift adopt                     find the tool from the history tables the database has",
                "  dbshift adopt --from flyway       read flyway_schema_history (or flyway.table of flyway.conf/flyway.toml)",
                "  dbshift adopt --dry-run           show the rows it would write",
                "",
                "Tools: flyway, liquibase, golang-migrate, goose, dbmate, sqlx, alembic, atlas, sqitch.",
                "A row naming a migration the project lacks, a failed Flyway row, a dirty golang-migrate or sqlx one,",
                "or a partial Atlas one is refused (exit 2) with the way out; a second adopt records nothing.",
                ToolboxRender.EXIT_CODES})
final class AdoptCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--from", paramLabel = "TOOL", description = "The tool whose history to read (default: the one the database has).")
    String from;

    @Option(names = "--dry-run", description = "Show the history rows it would write; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Adopted a = main.load().adopt(from, dryRun);
        Output o = main.output();
        if (o.json) {
            ObjectNode n = ToolboxRender.recordedJson(a.recorded());
            n.put("tool", a.tool());
            n.put("table", a.table());
            o.json(n);
            return 0;
        }
        o.say("Read the " + a.tool() + " history in " + a.table() + " (left as it is).");
        ToolboxRender.recorded(o, a.recorded());
        return 0;
    }
}
