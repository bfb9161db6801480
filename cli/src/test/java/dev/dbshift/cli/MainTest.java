package dev.dbshift.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line that names its command plainly gets a picocli model of that command only; anything else
 * (usage, help, an option read only by picocli, a typo) gets every command, as before. In process, no database.
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

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
