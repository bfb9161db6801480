package dev.dbshift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbshift.DbShift;
import dev.dbshift.DbShiftException;
import dev.dbshift.config.Secrets;
import dev.dbshift.session.ConnectionAhead;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The {@code dbshift} command: parses flags into settings and hands over to the library. */
@Command(name = "dbshift", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Versioned schema migrations for PostgreSQL, MySQL/MariaDB, SQLite and H2.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a migration or database operation failed", "  2  bad input: flags, settings, file names, script syntax, unknown version",
                "  3  validation: edited applied scripts, duplicate or out-of-order versions, missing down scripts",
                "  4  the migration lock is held by another run", "  5  the database cannot be reached"})
public final class Main implements Callable<Integer> {
    /**
     * The subcommands, in the order {@code --help} lists them. They are added by {@link #commandLine}, not by the
     * annotation: picocli builds the model of every command it is given (reflection over each command's options,
     * the inherited global options copied into each), which was a third of a {@code status}'s CPU time; a command
     * line that names its command gets only that one.
     */
    static final List<Class<?>> COMMANDS = List.of(InitCommand.class, StatusCommand.class, HistoryCommand.class,
            CurrentCommand.class, UpCommand.class, DownCommand.class, EnvCommand.class, VersionCommand.class,
            ChecksumCommand.class, DiffCommand.class, NewCommand.class, DumpCommand.class,
            dev.dbshift.cli.online.OnlineCommand.class, StampCommand.class, SkipCommand.class, RebuildCommand.class,
            RepairCommand.class, ErrorsCommand.class, TraceCommand.class, CheckCommand.class, SqlCommand.class,
            SquashCommand.class, TouchCommand.class, ResetCommand.class, LintCommand.class, AdoptCommand.class,
            FleetCommandLine.class, CommandLine.HelpCommand.class);

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    PrintStream out = System.out;
    PrintStream err = System.err;

    /** {@code dbshift} without a command: the usage, on standard error, and exit code 2 (bad input). */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return DbShiftException.BAD_INPUT;
    }

    Output output() {
        return new Output(out, err, global.json, global.quiet);
    }

    /**
     * The library configured from this command line's settings (used by subcommands in other packages too); what it
     * notes on the way (a slow schema read's cause, a scratch schema left behind) goes to standard error. Commands that
     * run migrations print their progress and notes with {@link Render#progress} instead.
     */
    public DbShift load() {
        return global.builder().listener(Render.notices(output())).load();
    }

    /** Every secret of this command line's settings; none when the settings themselves cannot be read. */
    Secrets secrets() {
        try {
            return global.builder().load().settings().secrets();
        } catch (RuntimeException unreadable) {
            return Secrets.NONE;
        }
    }

    /** Standard output: what the command prints for its user (System.out is standard error while a command runs). */
    public PrintStream out() {
        return out;
    }

    /** True with --json. */
    public boolean json() {
        return global.json;
    }

    public static void main(String[] args) {
        // The MariaDB driver logs every server error to stderr itself ("[ WARN] ... Error: 1205 ...");
        // dbshift reports the errors that matter, with file and line, and the online engine's deliberate
        // zero-wait lock retries are not warnings. Set -Dmariadb.logging.disable=false to see them.
        if (System.getProperty("mariadb.logging.disable") == null) {
            System.setProperty("mariadb.logging.disable", "true");
        }
        // picocli registers a converter for each java.time and java.sql type it finds, loading each by name and
        // running MonthDay's and Period's static set-up: ~10-20 ms of every command, and no option has such a type
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.time\\..*,java\\.sql\\..*");
        }
        leaveEmbeddedFilesCompact();
        String training = System.getProperty("dbshift.cds.training");
        if (training != null && !training.isEmpty() && !training.equals("false")) {
            System.exit(Training.run(args, training));
        }
        connectAhead(args);
        // Standard output is dbshift's alone (JSON, offline SQL, tables that scripts read): a library that prints there
        // goes to standard error instead. H2 does, when it cannot write its trace file beside the database.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        int exit = run(args, stdout, System.err);
        ConnectionAhead.discard();
        Training.retrainIfProvisional(args, exit);
        System.exit(exit);
    }

    private static final java.util.regex.Pattern MISTYPED_PASSWORD =
            java.util.regex.Pattern.compile("(?i)(-{1,2}[a-z_-]*(?:pas|pwd)[a-z_-]*=)[^'\"\\s]*");

    /** Runs one command line and returns its exit code (tests call this in process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--json")) {
            Written written = new Written(out);
            PrintStream tracked = new PrintStream(written, true,
                    Charset.forName(System.getProperty("stdout.encoding", Charset.defaultCharset().name())));
            int exit = run(args, tracked, err, written);
            tracked.flush();
            return exit;
        }
        return run(args, out, err, null);
    }

    /**
     * Standard output that remembers whether anything was written to it: with {@code --json} a command prints one
     * JSON document there, and one that fails before it printed its own (the database cannot be reached, bad input)
     * prints the error as that document, {@code {"error": {"exitCode": 5, "message": "..."}}}, as well as on standard
     * error: a script that reads the output as JSON got none.
     */
    static final class Written extends FilterOutputStream {
        private volatile boolean any;

        Written(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            any = true;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            any |= len > 0;
            out.write(b, off, len);
        }
    }

    /** The error as the one JSON document of a {@code --json} command that printed none. */
    private static void jsonError(Written written, PrintStream out, int exitCode, String message) {
        if (written == null || written.any) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exitCode", exitCode);
        error.put("message", message);
        try {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("error", error)));
        } catch (JsonProcessingException cannot) {
            // a map of a number and a string always writes
        }
    }

    private static int run(String[] args, PrintStream out, PrintStream err, Written written) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        CommandLine cl = commandLine(main, args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        FooterLayout.install(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            // a mistyped option is echoed with its value (--pasword=...): scrubbed as every other message, and the
            // value of any option whose name looks like a password's masked, as the settings do not know it
            String message = MISTYPED_PASSWORD.matcher(main.secrets().scrub(ex.getMessage())).replaceAll("$1******");
            err.println("dbshift: " + message);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            jsonError(written, out, DbShiftException.BAD_INPUT, message);
            return DbShiftException.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // the library scrubs what it knows; this is the last line of defence for anything it did not word
            Secrets secrets = main.secrets();
            if (ex instanceof DbShiftException) {
                err.println("dbshift: " + secrets.scrub(ex.getMessage()));
                jsonError(written, out, ((DbShiftException) ex).exitCode(), secrets.scrub(ex.getMessage()));
                return ((DbShiftException) ex).exitCode();
            }
            jsonError(written, out, DbShiftException.FAILED, "unexpected error: " + secrets.scrub(ex.toString()));
            err.println("dbshift: unexpected error: " + secrets.scrub(ex.toString()));
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(secrets.scrub(trace.toString()));
            return DbShiftException.FAILED;
        });
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}: with only the subcommand {@code args} name when they name one plainly
     * (global options before it, each one known), else with every subcommand (usage, {@code help}, a typo, an
     * option this cannot read without picocli: each gets what picocli always did).
     */
    static CommandLine commandLine(Main main, String[] args) {
        CommandLine cl = new CommandLine(main);
        Class<?> named = named(args);
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    /** How long embedded H2 may compact its file when this process closes it last, unless the user set it. */
    static final String H2_MAX_COMPACT_TIME = "h2.maxCompactTime";

    /**
     * Embedded H2 writes a new chunk of its file at each commit and keeps the old ones while they may still be read,
     * so applying 1,000 small migrations leaves a file of ~100 MB around ~2 MB of content (600: 17 MB, 3,000: 300 MB).
     * When its last connection closes, H2 compacts the file for at most {@code h2.maxCompactTime} ms, 200 by default,
     * which after such an apply leaves it as large: the next command then opens the bloated file (a no-op {@code up}
     * after 1,000: ~0.1 s slower) and compacts it at its own close. This process allows 2 s, so a command that wrote
     * leaves the file compact; a file with nothing to compact closes as fast as before. It touches only a database
     * this process opens and closes last (not one an application's {@code AUTO_SERVER} process serves), and never a
     * value the user set ({@code -Dh2.maxCompactTime} or {@code MAX_COMPACT_TIME} in the URL).
     */
    static void leaveEmbeddedFilesCompact() {
        if (System.getProperty(H2_MAX_COMPACT_TIME) == null) {
            System.setProperty(H2_MAX_COMPACT_TIME, "2000");
        }
    }

    /** {@code -Ddbshift.connect.ahead=false} turns {@link #connectAhead} off (to measure it, or to rule it out). */
    static final String CONNECT_AHEAD = "dbshift.connect.ahead";

    /**
     * The names and aliases of the commands whose first act is to connect to the target (see {@link #connectAhead}),
     * written out rather than read from their annotations (see {@link GlobalOptions#VALUED}); MainTest holds them to
     * those annotations.
     */
    static final java.util.Set<String> CONNECTING = java.util.Set.of("status", "list", "info", "up", "upgrade", "migrate",
            "down", "downgrade", "rollback", "check", "validate", "history", "current", "last-version");

    /**
     * For a command line that plainly names a command that connects (only global options before it, nothing that
     * looks like an option after it), starts opening its connection on a thread of its own ({@link ConnectionAhead}):
     * the settings are read from the global options as this reads them, while picocli builds its model (~55 ms) and
     * the command reads them again. The command takes that connection only when its own settings name the same URL
     * and credentials; anything else is closed before exit. The same early read fits the heap's growth to a database
     * that lives in it ({@link EmbeddedHeap}), also when an option after the command keeps the connection from being
     * opened ahead. True when a connection was started.
     */
    static boolean connectAhead(String[] args) {
        if ("false".equals(System.getProperty(CONNECT_AHEAD))) {
            return false;
        }
        int at = firstPositional(args);
        if (at < 0 || !CONNECTING.contains(args[at])) {
            return false;
        }
        GlobalOptions global = GlobalOptions.readBefore(args, at);
        if (global == null) {
            return false;
        }
        for (int i = at + 1; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                // an option of the command's may name another target: nothing is opened ahead, but the heap is still
                // fitted to the likely one (a wrong guess only changes how the heap grows)
                EmbeddedHeap.fitAhead(() -> global.builder().load().settings());
                return false;
            }
        }
        ConnectionAhead.start(() -> EmbeddedHeap.fit(global.builder().load().settings()));
        return true;
    }

    /** The subcommand {@code args} name after nothing but known global options, or null. */
    static Class<?> named(String[] args) {
        int at = commandAt(args);
        return at < 0 ? null : commandNamed(args[at]);
    }

    /** Where in {@code args} the subcommand is named after nothing but known global options, or -1. */
    static int commandAt(String[] args) {
        int at = firstPositional(args);
        return at < 0 || commandNamed(args[at]) == null ? -1 : at;
    }

    /**
     * Where the first argument that is neither a known global option nor its value is, or -1 when an option picocli
     * alone reads comes first ({@code --help}, {@code --version}, a clustered or unknown option) or there is none.
     */
    static int firstPositional(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GlobalOptions.VALUED.contains(a)) {
                i++;
            } else if (a.startsWith("--") && a.indexOf('=') > 2 && GlobalOptions.VALUED.contains(a.substring(0, a.indexOf('=')))) {
                continue;
            } else if (a.startsWith("-")) {
                if (!GlobalOptions.FLAGS.contains(a)) {
                    return -1;
                }
            } else {
                return i;
            }
        }
        return -1;
    }

    private static Class<?> commandNamed(String name) {
        for (Class<?> c : COMMANDS) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd.name().equals(name) || List.of(cmd.aliases()).contains(name)) {
                return c == CommandLine.HelpCommand.class ? null : c;
            }
        }
        return null;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"dbshift " + DbShift.toolVersion()};
        }
    }
}
