package dev.dbshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbshift.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "env", aliases = {"environ"}, mixinStandardHelpOptions = true,
        description = "Show the effective settings and where each came from (default, dbshift.toml, environment variable, flag). Secrets are masked.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift env", "  dbshift env -e prod --json"})
final class EnvCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Settings s = main.load().settings();
        Map<String, Object> values = s.shown();
        Output o = main.output();
        if (o.json) {
            ObjectNode n = Output.object();
            n.put("project", s.projectDir().toString());
            ObjectNode settings = n.putObject("settings");
            values.forEach((k, v) -> {
                ObjectNode x = settings.putObject(k);
                x.put("value", v == null ? null : v.toString());
                x.put("from", from(s, k));
            });
            o.json(n);
            return 0;
        }
        Output.Table t = new Output.Table("Setting", "Value", "From");
        values.forEach((k, v) -> t.row(k, v, from(s, k)));
        o.say("Project: " + s.projectDir());
        o.say(t.render().stripTrailing());
        return 0;
    }

    private static String from(Settings s, String key) {
        if (key.equals("default_target")) {
            return s.defaultTarget() == null ? "" : "VERSION file";
        }
        if (key.equals("db_type")) {
            return s.origins().getOrDefault("db_type", s.origins().getOrDefault("url", ""));
        }
        return s.origins().getOrDefault(key, "");
    }
}
