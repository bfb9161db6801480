package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShiftException;
import dev.dbshift.command.LintFixReport;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.LintReport;
import dev.dbshift.check.RuleTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Find the migration that would lock or break production before it runs.",
                "One line per finding: file:line:col: LEVEL rule: message (fix: ...).",
                "Offline by default: the database kind comes from the URL and nothing connects ([lint] server_version"
                + " in dbshift.toml declares the version); --connect (or a --url on the command line) reads the"
                + " server's version and table sizes.",
                "Exit 3 when an error-level finding remains.",
                "Suppress one finding with '-- dbshift:lint-ignore RULE reason' on the statement's line or the line"
                + " before it; set levels in dbshift.toml: [lint] RULE = \"error\"|\"warn\"|\"info\"|\"off\"."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift lint                          every migration, offline",
                "  dbshift lint migrations/3__idx.sql    one script",
                "  dbshift lint --pending -e prod        what the next up on prod would run, with its table sizes",
                "  dbshift lint --sarif > lint.sarif     for a code-scanning UI",
                "  dbshift lint --rules                  the rule table",
                ToolboxRender.EXIT_CODES})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Scripts to lint (default: every migration).")
    List<String> files = new ArrayList<>();

    @Option(names = "--pending", description = "Only the migrations the next up would apply (connects to read the history).")
    boolean pending;

    @Option(names = "--all", description = "Every migration (the default).")
    boolean all;

    @Option(names = "--connect", description = "Read the server's version and table sizes (the rules then know them).")
    boolean connect;

    @Option(names = "--sarif", description = "Print SARIF 2.1.0 (for code-scanning UIs) instead of text.")
    boolean sarif;

    @Option(names = "--fix", description = "Rewrite the pending migrations where a finding has a mechanical safe rewrite (CONCURRENTLY with"
            + " -- dbshift:no-transaction, NOT VALID then VALIDATE in a new migration, a lock_timeout header,"
            + " -- dbshift:online), then lint again. Connects: applied migrations are never rewritten.")
    boolean fix;

    @Option(names = "--rules", description = "Print the rule table (Markdown; with --json, an array) and exit.")
    boolean rules;

    @Override
    public Integer call() {
        Output o = main.output();
        if (pending && all) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "lint: --pending and --all exclude each other");
        }
        if (sarif && o.json) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "lint: --json and --sarif exclude each other");
        }
        if (rules) {
            return printRules(o);
        }
        if (fix) {
            return fix(o);
        }
        // a URL given for this run says which server to ask: its version and table sizes sharpen the rules
        LintReport r = main.load().lint(files, pending, connect || main.global.url != null || main.global.dsn != null);
        if (sarif) {
            o.json(LintSarif.of(r));
        } else if (o.json) {
            o.json(json(r));
        } else {
            r.findings().forEach(f -> o.out.println(LintReport.line(f)));
            o.say(r.summary());
        }
        return r.exitCode();
    }

    private static Integer printRules(Output o) {
        if (o.json) {
            ArrayNode a = Output.array();
            for (RuleTable.Row row : RuleTable.rows()) {
                ObjectNode x = a.addObject();
                x.put("id", row.id());
                x.put("engines", row.engines());
                x.put("level", row.level().name().toLowerCase(Locale.ROOT));
                x.put("why", row.why());
                x.put("fix", row.fix());
            }
            o.json(a);
        } else {
            o.out.print(RuleTable.markdown());
        }
        return 0;
    }

    private int fix(Output o) {
        if (all || sarif) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "lint: --fix rewrites the pending migrations only;"
                    + " it takes neither --all nor --sarif");
        }
        LintFixReport r = main.load().lintFix(files);
        if (o.json) {
            ObjectNode n = json(r.after());
            n.putPOJO("rewritten", r.rewritten());
            n.putPOJO("written", r.written());
            ArrayNode fixedNode = n.putArray("fixed");
            r.fixed().forEach(f -> fixedNode.add(LintReport.line(f)));
            ArrayNode leftNode = n.putArray("left");
            r.left().forEach(l -> leftNode.addObject().put("finding", LintReport.line(l.finding())).put("reason", l.reason()));
            o.json(n);
        } else {
            r.fixed().forEach(f -> o.out.println("fixed: " + LintReport.line(f)));
            r.left().forEach(l -> o.out.println("left as written: " + LintReport.line(l.finding()) + " — " + l.reason()));
            r.rewritten().forEach(f -> o.say("rewrote " + f));
            r.written().forEach(f -> o.say("wrote " + f + " (a migration of its own)"));
            r.after().findings().forEach(f -> o.out.println(LintReport.line(f)));
            o.say(r.after().summary());
        }
        return r.after().exitCode();
    }

    static ObjectNode json(LintReport r) {
        ObjectNode n = Output.object();
        n.put("ok", r.errors().isEmpty());
        n.put("database", r.database());
        n.put("connected", r.connected());
        n.put("serverVersion", r.version().orElse(null));
        n.put("migrations", r.migrations());
        ArrayNode list = n.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode x = list.addObject();
            x.put("rule", f.rule());
            x.put("level", f.level().name().toLowerCase(Locale.ROOT));
            x.put("file", f.file());
            x.put("line", f.line());
            x.put("column", f.column());
            x.put("message", f.message());
            x.put("fix", f.fix());
        }
        return n;
    }
}
