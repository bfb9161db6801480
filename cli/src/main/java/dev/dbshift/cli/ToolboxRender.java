package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.command.Recorded;
import dev.dbshift.plan.Mark;
import dev.dbshift.plan.Problem;

import java.util.List;

/** Lines, tables and JSON for the operations toolbox's results. */
final class ToolboxRender {
    static final String EXIT_CODES = "%nExit codes: 0 success, 1 a database operation failed, 2 bad input (unknown version,"
            + " bad flags or settings), 3 validation problems, 4 the migration lock is held, 5 the database cannot be reached.";

    private ToolboxRender() {
    }

    /** What stamp, skip or repair wrote (or would write). */
    static void recorded(Output o, Recorded r) {
        if (o.json) {
            o.json(recordedJson(r));
            return;
        }
        if (r.marks().isEmpty()) {
            o.say("Nothing to record: the history already says so (at " + version(r.fromVersion()) + ").");
            return;
        }
        Output.Table t = new Output.Table("Operation", "Version", "Description", "What it records");
        for (Mark m : r.marks()) {
            t.row(m.operation().code(), m.version() == null ? "R" : m.version(), m.description(), m.note());
        }
        o.say(t.render().stripTrailing());
        o.say((r.dryRun() ? "Dry run: would write " : "Wrote ") + r.marks().size() + " history row"
                + (r.marks().size() == 1 ? "" : "s") + " (nothing was run); the database "
                + (r.dryRun() ? "would be" : "is now") + " at " + version(r.toVersion()) + ".");
    }

    /** The JSON of what was recorded: command, dry run, run, versions before and after, and the rows. */
    static ObjectNode recordedJson(Recorded r) {
        ObjectNode n = Output.object();
        n.put("command", r.command());
        n.put("dryRun", r.dryRun());
        n.put("runId", r.runId());
        n.put("from", r.fromVersion());
        n.put("to", r.toVersion());
        ArrayNode rows = n.putArray("rows");
        for (Mark m : r.marks()) {
            ObjectNode x = rows.addObject();
            x.put("operation", m.operation().code());
            x.put("version", m.version());
            x.put("description", m.description());
            x.put("kind", m.kind());
            x.put("script", m.script());
            x.put("checksum", m.checksum());
            x.put("note", m.note());
        }
        return n;
    }

    static void problems(Output o, List<Problem> problems) {
        for (Problem p : problems) {
            o.error("  - [" + p.code() + "] " + p.message());
        }
    }

    static ArrayNode problemsJson(List<Problem> problems) {
        ArrayNode a = Output.array();
        for (Problem p : problems) {
            ObjectNode x = a.addObject();
            x.put("code", p.code());
            x.put("version", p.version());
            x.put("message", p.message());
        }
        return a;
    }

    static String version(String v) {
        return v == null ? "base" : v;
    }
}
