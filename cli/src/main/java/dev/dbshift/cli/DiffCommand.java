package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare schemas. By default: the live database against the schema the migrations produce at head"
                + " (built in a scratch schema on the same server and dropped afterwards).",
                "A column that looks renamed is shown as drop + add with a data-loss warning, never as a rename."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift diff                     what 'up' would change, as readable steps",
                "  dbshift diff --sql               the same as DDL for this database",
                "  dbshift diff --live              what changed behind dbshift's back since the last applied migration",
                "  dbshift diff --to-url postgres://app@staging:5432/app   live against another database",
                "  dbshift diff --live --exit-code  exit 3 when there is a difference (CI)"})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @ArgGroup(exclusive = true)
    Against against = new Against();

    static final class Against {
        @Option(names = "--live", description = "From the schema the applied migrations produce to the live one: drift.")
        boolean live;

        @Option(names = "--to-url", paramLabel = "URL", description = "From the live database to another (JDBC URL or postgres://…).")
        String toUrl;
    }

    @Option(names = "--to-user", description = "User for --to-url.")
    String toUser;

    @Option(names = "--to-password", description = "Password for --to-url (prefer the URL form's or an environment variable).")
    String toPassword;

    @Option(names = "--sql", description = "Print DDL instead of readable steps.")
    boolean sql;

    @Option(names = "--exit-code", description = "Exit with code 3 when the schemas differ.")
    boolean exitCode;

    @Override
    public Integer call() {
        DbShift db = main.load();
        SchemaModel from;
        SchemaModel to;
        String what;
        if (against.live) {
            String current = db.current().orElse("base");
            from = db.schema().at(current);
            to = db.schema().live();
            what = "the schema the migrations produce at " + current + " -> the live schema";
        } else if (against.toUrl != null) {
            from = db.schema().live();
            to = db.schema().of(against.toUrl, toUser, toPassword);
            what = "the live schema -> " + dev.dbshift.config.Secret.maskUrl(against.toUrl);
        } else {
            from = db.schema().live();
            to = db.schema().at("head");
            what = "the live schema -> the schema the migrations produce at head";
        }
        SchemaDiff diff = SchemaDiff.between(from, to);
        List<String> ddl = diff.isEmpty() ? List.of() : db.schema().ddl(diff);
        Output o = main.output();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("comparing", what);
            n.put("from", from.checksum());
            n.put("to", to.checksum());
            n.put("same", diff.isEmpty());
            ArrayNode changes = n.putArray("changes");
            diff.changes().forEach(c -> {
                ObjectNode x = changes.addObject();
                x.put("change", c.describe());
                x.put("warning", c.warning().orElse(null));
            });
            ArrayNode statements = n.putArray("sql");
            ddl.forEach(statements::add);
            o.json(n);
        } else if (sql) {
            o.out.print(ddl.isEmpty() ? "" : String.join(";\n\n", ddl) + ";\n");
        } else {
            o.say("Comparing " + what + ":");
            o.say(diff.isEmpty() ? "no differences (checksum " + from.checksum() + ")" : diff.describe().stripTrailing());
        }
        return exitCode && !diff.isEmpty() ? DbShiftException.VALIDATION : 0;
    }
}
