package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.MigrationFailedException;
import dev.dbshift.command.ResetPlan;
import dev.dbshift.command.ResetReport;
import dev.dbshift.migration.MigrationKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.Console;
import java.util.concurrent.Callable;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Drop every object in the target schema, then run init/all.sql and init/<env>.sql, then every migration.",
                "Refused on environments listed in critical_environments; no flag overrides that. Asks for confirmation on"
                + " a terminal, and needs --yes otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift reset -e dev              asks, then rebuilds the dev database from scratch",
                "  dbshift reset -e ci --yes         in scripts and CI",
                "  dbshift reset --dry-run           show the init scripts and the migrations it would run",
                "",
                "Exit code 2 on a critical environment, or without --yes when there is no terminal to ask on.",
                ToolboxRender.EXIT_CODES})
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--yes", description = "Do not ask: drop everything.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what would run; drop nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Output o = main.output();
        DbShift db = main.load().withListener(Render.progress(o));
        ResetPlan plan = db.planReset();
        if (dryRun) {
            if (o.json) {
                ObjectNode n = Output.object();
                n.put("dryRun", true);
                n.put("schema", plan.schema());
                n.putPOJO("initScripts", plan.initScripts());
                n.put("migrations", plan.up().steps().size());
                o.json(n);
            } else {
                o.out.println("-- dry run: reset drops every object in schema " + plan.schema() + ", then runs "
                        + (plan.initScripts().isEmpty() ? "no init scripts" : String.join(", ", plan.initScripts()))
                        + ", then " + plan.up().steps().size() + " migration(s)");
                return Render.dryRun(o, plan.up());
            }
            return 0;
        }
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, "reset drops every object in schema " + plan.schema()
                        + " of " + db.settings().maskedUrl() + "; there is no terminal to ask on, so pass --yes to confirm");
            }
            String answer = console.readLine("Drop every object in schema %s of %s, then rebuild it? Type the schema name to confirm: ",
                    plan.schema(), db.settings().maskedUrl());
            if (answer == null || !answer.strip().equals(plan.schema())) {
                o.error("dbshift: reset cancelled; nothing was changed");
                return DbShiftException.BAD_INPUT;
            }
        }
        ResetReport r;
        try {
            r = db.reset();
        } catch (MigrationFailedException e) {
            // the init scripts' run or the migrations' run failed: the same report as before, exit 1 (4: a lock held elsewhere)
            boolean init = e.report().plan().steps().stream().anyMatch(st -> st.migration().kind() == MigrationKind.INIT);
            if (o.json) {
                ObjectNode n = Output.object();
                n.put("success", false);
                n.set(init ? "init" : "up", Render.report(e.report()));
                o.json(n);
            }
            o.error("dbshift: " + e.getMessage());
            return e.exitCode();
        }
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("success", r.success());
            n.put("schema", r.schema());
            n.set("init", Render.report(r.init()));
            n.set("up", r.up() == null ? null : Render.report(r.up()));
            o.json(n);
        }
        if (!r.success()) {
            o.error("dbshift: " + (r.up() == null ? r.init().error() : r.up().error()));
            return r.up() == null ? r.init().exitCode() : r.up().exitCode();
        }
        o.say("Reset schema " + r.schema() + ": dropped everything, ran " + r.init().results().size() + " init step(s) and "
                + r.up().results().size() + " migration(s); the database is at " + ToolboxRender.version(r.up().toVersion()) + ".");
        return 0;
    }
}
