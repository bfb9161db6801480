package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.migration.Squasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "squash", mixinStandardHelpOptions = true,
        description = {"Merge the migrations FROM..TO into one migration with TO's version (and its down, when every one has a down).",
                "Its leading comments list the merged versions and checksums, so databases that applied the range see it"
                + " as applied, databases that applied none run it, and one that applied part of it is a problem for"
                + " 'check' and 'up' (exit code 3). The merged files are deleted. No database is touched."},
        footerHeading = "%nExamples:%n",
        footer = {"  dbshift squash 1.0 1.9 --dry-run     show the files it would write and delete",
                "  dbshift squash 1.0 1.9 --description 'base schema'",
                "",
                "Version directories with environment scripts give a version directory: all.sql holds the shared parts,",
                "<env>.sql each environment's parts, so every environment keeps its scripts.",
                ToolboxRender.EXIT_CODES})
final class SquashCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FROM", description = "The lowest version to merge.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The highest version to merge; the squashed migration takes it.")
    String to;

    @Option(names = "--description", paramLabel = "TEXT", description = "The squashed migration's description (default: squash FROM to TO).")
    String description;

    @Option(names = "--dry-run", description = "Show the files it would write and delete; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Squasher.Result r = main.load().tools().squash(from, to, description, dryRun);
        Output o = main.output();
        Path base = main.load().settings().projectDir();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("dryRun", r.dryRun());
            n.put("version", r.version().toString());
            ArrayNode merged = n.putArray("merged");
            r.merged().forEach(v -> merged.add(v.toString()));
            ArrayNode written = n.putArray("written");
            r.files().keySet().forEach(p -> written.add(rel(base, p)));
            ArrayNode removed = n.putArray("removed");
            r.removed().forEach(p -> removed.add(rel(base, p)));
            ArrayNode w = n.putArray("warnings");
            r.warnings().forEach(w::add);
            o.json(n);
            return 0;
        }
        String verb = r.dryRun() ? "would " : "";
        o.say("Squash of " + r.merged().size() + " migrations (" + String.join(", ", r.merged().stream().map(Object::toString).toList())
                + ") into version " + r.version() + (r.dryRun() ? " (dry run, nothing changed)" : "") + ":");
        r.removed().forEach(p -> o.say("  " + verb + "delete " + rel(base, p)));
        for (Map.Entry<Path, String> f : r.files().entrySet()) {
            o.say("  " + verb + "write  " + rel(base, f.getKey()) + " (" + f.getValue().lines().count() + " lines)");
        }
        r.warnings().forEach(w -> o.say("warning: " + w));
        return 0;
    }

    private static String rel(Path base, Path p) {
        Path b = base.toAbsolutePath().normalize();
        Path x = p.toAbsolutePath().normalize();
        return x.startsWith(b) ? b.relativize(x).toString() : x.toString();
    }
}
