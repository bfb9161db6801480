package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.DbShift;
import dev.dbshift.lint.Finding;
import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintReport;
import dev.dbshift.lint.Rule;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code lint --sarif}: the report as SARIF 2.1.0, the format code-scanning UIs (GitHub, GitLab, IDEs) read. One run,
 * its tool's rule table (id, short description = why, help = fix), one result per finding located by file, line and
 * column. Levels map to SARIF's {@code error}, {@code warning}, {@code note}.
 */
final class LintSarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private LintSarif() {
    }

    static ObjectNode of(LintReport r) {
        ObjectNode root = Output.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbshift");
        driver.put("version", DbShift.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        Set<String> ids = new LinkedHashSet<>();
        for (Rule rule : r.rules()) {
            if (ids.add(rule.id())) {
                rule(rules, rule.id(), rule.why(), rule.fix(), rule.level());
            }
        }
        for (Finding f : r.findings()) {
            if (ids.add(f.rule())) {
                rule(rules, f.rule(), f.message(), f.fix(), f.level());
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            ObjectNode x = results.addObject();
            x.put("ruleId", f.rule());
            x.put("level", level(f.level()));
            x.putObject("message").put("text", f.message() + (f.fix() == null ? "" : " (fix: " + f.fix() + ")"));
            ObjectNode loc = x.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", f.file());
            ObjectNode region = loc.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
        }
        return root;
    }

    private static void rule(ArrayNode rules, String id, String why, String fix, Level level) {
        ObjectNode x = rules.addObject();
        x.put("id", id);
        x.putObject("shortDescription").put("text", why);
        x.putObject("help").put("text", fix == null ? "" : fix);
        x.putObject("defaultConfiguration").put("level", level(level));
    }

    private static String level(Level level) {
        return switch (level) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO, OFF -> "note";
        };
    }
}
