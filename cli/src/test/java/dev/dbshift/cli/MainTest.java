package dev.dbshift.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line that names its command plainly gets a picocli model of that command only; anything else
 * (usage, help, an option read only by picocli, a typo) gets every command, as before. The global options read before
 * picocli, to connect ahead, are those picocli reads. In process, no database.
 */
class MainTest {

    @Test
    void aCommandAfterKnownGlobalOptionsIsTheOnlyOneBuilt() {
        assertThat(Main.named(new String[]{"status"})).isEqualTo(StatusCommand.class);
        assertThat(Main.named(new String[]{"list"})).isEqualTo(StatusCommand.class);
        assertThat(Main.named(new String[]{"-C", "up", "--json", "-e", "prod", "--project=x", "check", "--no-pending"}))
                .isEqualTo(CheckCommand.class);
        assertThat(Main.named(new String[]{"-p", "a=b", "--placeholder", "c=d", "-q", "up", "-C", "x"})).isEqualTo(UpCommand.class);
        assertThat(Main.commandLine(new Main(), new String[]{"-C", "dir", "up"}).getSubcommands().values())
                .isNotEmpty().allSatisfy(c -> assertThat((Object) c.getCommand()).isInstanceOf(UpCommand.class));
    }

    @Test
    void embeddedH2MayCompactLongerAtCloseUnlessTheUserSaidHowLong() {
        String before = System.getProperty(Main.H2_MAX_COMPACT_TIME);
        try {
            System.clearProperty(Main.H2_MAX_COMPACT_TIME);
            Main.leaveEmbeddedFilesCompact();
            assertThat(System.getProperty(Main.H2_MAX_COMPACT_TIME)).isEqualTo("2000");
            System.setProperty(Main.H2_MAX_COMPACT_TIME, "50");
            Main.leaveEmbeddedFilesCompact();
            assertThat(System.getProperty(Main.H2_MAX_COMPACT_TIME)).isEqualTo("50");
        } finally {
            if (before == null) {
                System.clearProperty(Main.H2_MAX_COMPACT_TIME);
            } else {
                System.setProperty(Main.H2_MAX_COMPACT_TIME, before);
            }
        }
    }

    @Test
    void anythingElseGetsEveryCommand() {
        for (String[] args : new String[][]{{}, {"--help"}, {"-h", "up"}, {"help", "up"}, {"statu"}, {"-qC", "x", "up"},
                {"-C"}, {"--unknown", "up"}, {"--json=true", "up"}}) {
            assertThat(Main.named(args)).as(String.join(" ", args)).isNull();
        }
        var all = Main.commandLine(new Main(), new String[]{"--help"}).getSubcommands();
        assertThat(new java.util.HashSet<>(all.values())).hasSize(Main.COMMANDS.size());
        assertThat(all).containsKeys("status", "up", "check", "online", "help");
    }

    @Test
    void helpAndUsageStillListEveryCommand() {
        String help = run("--help");
        for (Class<?> c : Main.COMMANDS) {
            assertThat(help).contains("  " + c.getAnnotation(CommandLine.Command.class).name());
        }
        assertThat(run("help", "status")).contains("Usage: dbshift status");
        assertThat(run("-q", "status", "--help")).contains("Usage: dbshift status");
    }

    /** The toolbox's help, in process: it is the annotations' text (CliIT reads help from the packaged jar). */
    @Test
    void everyToolboxCommandHasHelpWithExamples() {
        for (String c : java.util.List.of("stamp", "mark", "skip", "rebuild", "repair", "errors", "trace", "check", "validate",
                "sql", "squash", "touch", "reset")) {
            assertThat(run(c, "--help")).as(c).contains("Examples:").contains("Exit codes:");
        }
        assertThat(run("up", "--help")).contains("--sql");
    }

    /** Every command's help fits 80 columns, and a wrapped example or exit code continues indented under its own. */
    @Test
    void helpTextsFitEightyColumns() {
        java.util.Map<String, String> commands = new java.util.LinkedHashMap<>();
        for (String c : java.util.List.of("up", "down", "sql", "reset", "check", "rebuild", "squash", "touch", "env", "diff",
                "new", "dump", "stamp", "skip", "repair", "errors", "trace", "checksum", "status", "init")) {
            commands.put(c, run(c, "--help"));
        }
        commands.put("dbshift", run("--help"));
        commands.forEach((command, help) -> {
            assertThat(help).as(command).contains("Usage: dbshift");
            String[] lines = help.split("\n", -1);
            boolean footer = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                assertThat(line.length()).as(command + " --help line " + (i + 1) + ": " + line).isLessThanOrEqualTo(80);
                if (line.startsWith("Examples:") || line.startsWith("Exit codes:")) {
                    footer = true;
                    continue;
                }
                if (footer && i > 0 && lines[i - 1].startsWith("  ") && !line.isEmpty()) {
                    // a wrapped example or exit code continues indented, under its description
                    assertThat(line).as(command + " --help line " + (i + 1) + " continues '" + lines[i - 1] + "'").startsWith("  ");
                }
            }
        });
    }

    @Test
    void theGlobalOptionsReadAheadAreThoseThatPicocliReads() throws Exception {
        for (String[] args : new String[][]{{"status"}, {"-C", "dir", "status"},
                {"--project=dir", "-e", "prod", "--url", "jdbc:postgresql://h/db", "--user", "u", "--password", "p=q", "up"},
                {"--schemas", "a,b", "--locations", "x,y", "-p", "a=b", "--placeholder", "c=d=e", "--lock-timeout", "30s",
                        "--json", "-q", "--no-color", "check"},
                {"--dsn", "u:p@h:5432/db", "--schemas=a", "--schemas", "b,c", "history"}, {"--env=", "up", "x"}}) {
            int at = Main.commandAt(args);
            GlobalOptions ahead = GlobalOptions.readBefore(args, at);
            Main main = new Main();
            Main.commandLine(main, args).parseArgs(args);
            for (java.lang.reflect.Field f : GlobalOptions.class.getDeclaredFields()) {
                if (f.getAnnotation(CommandLine.Option.class) == null) {
                    continue;
                }
                assertThat(f.get(ahead)).as(String.join(" ", args) + ": " + f.getName()).isEqualTo(f.get(main.global));
            }
        }
        assertThat(GlobalOptions.readBefore(new String[]{"-p", "novalue", "status"}, 2)).as("picocli's to refuse").isNull();
        assertThat(GlobalOptions.readBefore(new String[]{"--user", "status"}, 1)).isNull();
    }

    @Test
    void theTablesWrittenOutForSpeedAreTheAnnotations() {
        java.util.Set<String> flags = new java.util.HashSet<>();
        java.util.Set<String> valued = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : GlobalOptions.class.getDeclaredFields()) {
            CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
            if (o != null) {
                (f.getType() == boolean.class ? flags : valued).addAll(java.util.List.of(o.names()));
            }
        }
        assertThat(GlobalOptions.FLAGS).isEqualTo(flags);
        assertThat(GlobalOptions.VALUED).isEqualTo(valued);
        java.util.Set<String> connecting = new java.util.HashSet<>();
        for (Class<?> c : java.util.List.of(StatusCommand.class, UpCommand.class, DownCommand.class, CheckCommand.class,
                HistoryCommand.class, CurrentCommand.class)) {
            CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
            connecting.add(cmd.name());
            connecting.addAll(java.util.List.of(cmd.aliases()));
        }
        assertThat(Main.CONNECTING).isEqualTo(connecting);
    }

    @Test
    void aConnectionIsOpenedAheadOnlyForAPlainCommandThatConnects(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("dbshift.toml"), "url = \"jdbc:postgresql://127.0.0.1:1/nowhere\"\n");
        String c = dir.toString();
        try {
            for (String[] args : new String[][]{{"-C", c, "new", "x"}, {"-C", c, "status", "--json"}, {"-C", c, "up", "-e", "prod"},
                    {"-C", c, "version"}, {"-C", c}, {"-C", c, "--help"}, {"-C", c, "-p", "novalue", "status"}, {"help", "status"}}) {
                assertThat(Main.connectAhead(args)).as(String.join(" ", args)).isFalse();
            }
            for (String[] args : new String[][]{{"-C", c, "status"}, {"-C", c, "up", "head"}, {"--project=" + c, "check"},
                    {"-C", c, "-q", "down", "1"}, {"-C", c, "history"}, {"-C", c, "current"}}) {
                assertThat(Main.connectAhead(args)).as(String.join(" ", args)).isTrue();
                dev.dbshift.session.ConnectionAhead.discard();
            }
            System.setProperty(Main.CONNECT_AHEAD, "false");
            assertThat(Main.connectAhead(new String[]{"-C", c, "status"})).as("turned off").isFalse();
        } finally {
            System.clearProperty(Main.CONNECT_AHEAD);
            dev.dbshift.session.ConnectionAhead.discard();
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
    /**
     * Each element of a description is a paragraph, and the first one is what {@code dbshift --help} lists beside the
     * command: an element that ends inside a sentence was listed cut off ("... for a DBA to run by hand where") and
     * printed with a line break in the middle of a sentence in the command's own help. Each help renders without
     * picocli's warnings ({@code fleet up --help} printed three about a {@code %} that was not written {@code %%}).
     */
    @Test
    void everyDescriptionParagraphEndsItsSentence() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.commandLine(new Main(), new String[0]));
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream err = System.err;
        while (!todo.isEmpty()) {
            CommandLine cl = todo.poll();
            todo.addAll(cl.getSubcommands().values());
            if (cl.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            try {
                assertThat(cl.getUsageMessage()).isNotEmpty();
            } finally {
                System.setErr(err);
            }
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            java.util.Map<String, String[]> texts = new java.util.LinkedHashMap<>();
            texts.put(spec.qualifiedName(), spec.usageMessage().description());
            spec.options().forEach(o -> texts.put(spec.qualifiedName() + " " + o.longestName(), o.description()));
            spec.positionalParameters().forEach(p -> texts.put(spec.qualifiedName() + " " + p.paramLabel(), p.description()));
            texts.forEach((where, paragraphs) -> {
                for (String paragraph : paragraphs) {
                    String t = paragraph.strip();
                    if (!t.isEmpty() && !t.matches("(?s).*[.:)!?]$")) {
                        cut.add(where + ": " + t);
                    }
                }
            });
        }
        assertThat(cut).isEmpty();
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** A mistyped password option is echoed by picocli with its value: masked on standard error and in --json's document. */
    @Test
    void aMistypedPasswordOptionIsMaskedInItsError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"--json", "--pasword=hunter22", "status"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pasword=******").doesNotContain("hunter22");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"exitCode\" : 2").contains("--pasword=******")
                .doesNotContain("hunter22");
    }
}
