package dev.dbshift.cli;

import dev.dbshift.DbShiftException;
import dev.dbshift.db.Databases;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's training run ({@code -Ddbshift.cds.training=ARCHIVE}): {@code ./dbshift} runs it once per jar and JDK,
 * and the JVM writes the classes it loaded (a class-data archive, or on JDK 25 and later an ahead-of-time cache with
 * method profiles) for every later run to start from.
 *
 * <p>It runs a {@code status}, a {@code check} and an {@code up --dry-run}, with nothing printed, on the database the
 * user's first command line names when that is a server (PostgreSQL, MySQL/MariaDB): the classes of that driver's
 * connection, protocol and catalog reads are most of what a command loads after the JVM's own, and an archive trained
 * on another database lacks them (a {@code status} with 1,000 applied on PostgreSQL, in an A/B: 1.22 s from an archive
 * trained on H2, 1.09 s from one trained on PostgreSQL; bench/results/migrate-2026-12-02.md). The three only read.
 * When the command line names no server, or the server does not answer within {@value #LOGIN_TIMEOUT_SECONDS} s or
 * its status fails, the run is on a throw-away project instead (embedded H2, or SQLite when the command line names it:
 * an {@code up}, a {@code status}, a {@code check} and a no-op {@code up}), and the archive is provisional. When the
 * server answers but the three commands take more than {@value #SERVER_SECONDS} s (a big catalog, or a stall), the
 * throw-away project's commands run too and the archive is final: it already holds what the server's commands loaded,
 * and retraining would only pay those seconds again before every command (found with 10,000 migrations on MariaDB:
 * every command retrained, 29 s each). The user's own command runs after this, unchanged.
 */
final class Training {
    static final int LOGIN_TIMEOUT_SECONDS = 5;
    /** How long the training waits for the server's three commands before it trains on the throw-away project. */
    static final int SERVER_SECONDS = 15;

    private Training() {
    }

    /**
     * Runs the training for {@code args}. {@code archive} is the launcher's path of the archive being made (or
     * {@code true} when no launcher asks): beside it, {@code ARCHIVE.provisional} marks an archive trained on the
     * throw-away project, which {@link #retrainIfProvisional} drops once a command names a server.
     */
    static int run(String[] args, String archive) {
        int exit = train(args);
        if (!archive.equals("true")) {
            Path marker = Path.of(archive + ".provisional");
            try {
                if (exit == TRAINED_ON_SERVER) {
                    Files.deleteIfExists(marker);
                } else {
                    Files.writeString(marker, "trained on a throw-away H2 project; the first command that names a server retrains\n");
                }
            } catch (IOException e) {
                // the archive is still good; it is only not retrained later
            }
        }
        return exit == TRAINED_ON_SERVER ? 0 : exit;
    }

    /**
     * After a command run from a provisional archive ({@code -Ddbshift.cds.provisional=ARCHIVE}, set by the launcher):
     * when that command line names a server and a command that connects to it ({@link #OFFLINE} ones do not), and it
     * did not fail to reach it, the archive and its marker are deleted, so the next run trains on the server. A user
     * whose first command found the server down, or named none, is not stuck with an archive that lacks its driver.
     */
    static void retrainIfProvisional(String[] args, int exit) {
        String archive = System.getProperty("dbshift.cds.provisional");
        // not after an unreachable server or bad input: the server may never have answered, and the next training
        // would only wait for it again
        Class<?> command = Main.named(args);
        if (archive == null || archive.isEmpty() || exit == DbShiftException.UNREACHABLE || exit == DbShiftException.BAD_INPUT
                || command == null || OFFLINE.contains(command) || onServer(args) == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(archive + ".provisional"));
            Files.deleteIfExists(Path.of(archive));
        } catch (IOException | RuntimeException e) {
            // kept: the next run starts from it as before
        }
    }

    /** The training's result when the archive is final (not provisional). */
    private static final int TRAINED_ON_SERVER = -1;

    /** How the server's commands went: done, still running at the time limit, or failed (or no server named). */
    private enum OnServer { DONE, SLOW, FAILED }

    /** Commands that work on files or settings and never connect: their success says nothing of the server. */
    private static final java.util.Set<Class<?>> OFFLINE = java.util.Set.of(VersionCommand.class, NewCommand.class,
            EnvCommand.class, SqlCommand.class, SquashCommand.class, TouchCommand.class, LintCommand.class);

    private static int train(String[] args) {
        for (String name : new String[]{"org.postgresql.Driver", "org.mariadb.jdbc.Driver", "org.h2.Driver", "org.sqlite.JDBC"}) {
            try {
                Class.forName(name, true, Training.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError ignored) {
                // not in this build
            }
        }
        Output.object();
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        String[] status = onServer(args);
        OnServer server = status == null ? OnServer.FAILED : onServerWithin(limited(status), none, SERVER_SECONDS);
        if (server == OnServer.DONE) {
            return TRAINED_ON_SERVER;
        }
        int exit = onThrowAwayProject(none, sqlite(args));
        return server == OnServer.SLOW && exit == 0 ? TRAINED_ON_SERVER : exit;
    }

    /**
     * The three commands on the server, on a thread of their own, given at most {@code seconds}: a server that
     * answers the login but then stalls (a catalog read waiting behind another session's lock) must not hold the
     * user's command back. On time out the stalled thread is left to die with this JVM.
     */
    private static OnServer onServerWithin(String[] status, PrintStream none, int seconds) {
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        java.util.concurrent.FutureTask<Boolean> task = new java.util.concurrent.FutureTask<>(() -> {
            // as main runs a command: its connection opened ahead, so that the archive holds that path's classes too
            Main.connectAhead(status);
            int statusExit = Main.run(status, none, none);
            dev.dbshift.session.ConnectionAhead.discard();
            if (statusExit != 0) {
                return false;
            }
            // the other everyday commands, read-only too: what check and a no-op up load beyond status
            // (their exit codes are the project's business: check exits 3 on a problem)
            Main.run(with(status, "check"), none, none);
            Main.run(with(status, "up", "--dry-run"), none, none);
            return true;
        });
        Thread t = new Thread(task, "dbshift-training");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(seconds, java.util.concurrent.TimeUnit.SECONDS) ? OnServer.DONE : OnServer.FAILED;
        } catch (java.util.concurrent.TimeoutException e) {
            return OnServer.SLOW;
        } catch (java.util.concurrent.ExecutionException e) {
            return OnServer.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OnServer.FAILED;
        }
    }

    /** {@code status} with the global options {@code args} give before their command, when those name a server; else null. */
    static String[] onServer(String[] args) {
        int at = Main.commandAt(args);
        if (at < 0 || !Databases.isServer(url(args, at))) {
            return null;
        }
        String[] status = Arrays.copyOf(args, at + 1);
        status[at] = "status";
        return status;
    }

    /** True when the command line names a SQLite database: the throw-away project is one too, for its driver's classes. */
    static boolean sqlite(String[] args) {
        int at = Main.commandAt(args);
        String url = at < 0 ? null : url(args, at);
        return url != null && Databases.find(url).map(d -> d.name().equals("sqlite")).orElse(false);
    }

    /** The database URL the global options before the command at {@code at} give, or null when they cannot be read. */
    private static String url(String[] args, int at) {
        try {
            // read as the connection ahead reads them (as picocli would, MainTest), not by a second picocli model: that
            // was 5 of the 7 ms this took after every command while the archive is provisional. What they cannot read
            // before a plainly named command is a value picocli refuses too.
            GlobalOptions global = GlobalOptions.readBefore(args, at);
            return global == null ? null : global.builder().load().settings().url();
        } catch (RuntimeException unreadable) {
            return null;   // the user's command reports it
        }
    }

    /**
     * The training's connects wait {@value #LOGIN_TIMEOUT_SECONDS} s at most, unless the command line gives its own
     * {@code --connect-timeout} (a second one would be refused): the setting's default of 30 s would hold the user's
     * first command that long on a server that does not answer.
     */
    static String[] limited(String[] status) {
        for (String a : status) {
            if (a.equals("--connect-timeout") || a.startsWith("--connect-timeout=")) {
                return status;
            }
        }
        String[] out = new String[status.length + 1];
        out[0] = "--connect-timeout=" + LOGIN_TIMEOUT_SECONDS + "s";
        System.arraycopy(status, 0, out, 1, status.length);
        return out;
    }

    /** {@code status}'s global options with another command. */
    private static String[] with(String[] status, String... command) {
        String[] args = Arrays.copyOf(status, status.length - 1 + command.length);
        System.arraycopy(command, 0, args, status.length - 1, command.length);
        return args;
    }

    /**
     * The migration of the throw-away project: a table, an index, a row and a view, written so that H2 and SQLite both
     * take it.
     */
    private static final String THROW_AWAY_MIGRATION = """
            CREATE TABLE training (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at TIMESTAMP);
            CREATE INDEX ix_training_name ON training (name);
            INSERT INTO training (id, name, created_at) VALUES (1, 'one', CURRENT_TIMESTAMP);
            CREATE VIEW training_names AS SELECT id, name FROM training;
            """;

    /**
     * The everyday commands on a throw-away project (embedded H2, or a SQLite file when the user's command names
     * SQLite): an {@code up} that applies one migration, then a {@code status}, a {@code check} and a no-op {@code up},
     * each opening the database anew, as the user's commands will: an embedded H2 database replays the DDL of its
     * tables when opened, and its classes, the schema read's and those of applying are in the archive then. Trained on
     * an empty project's {@code status} alone, a {@code status} with 1,000 applied on H2 loaded 113 classes from the
     * jar, a {@code check} 138 and a no-op {@code up} 211. The commands read none of the user's environment variables
     * (see {@link GlobalOptions#withEnvironmentVariables}). Its result is the {@code status}'s exit code.
     */
    private static int onThrowAwayProject(PrintStream none, boolean sqlite) {
        try {
            Path dir = Files.createTempDirectory("dbshift-training");
            try {
                Files.createDirectories(dir.resolve("migrations"));
                Files.writeString(dir.resolve("migrations/1__training.sql"), THROW_AWAY_MIGRATION);
                String url = sqlite ? "jdbc:sqlite:" + dir.resolve("training.db") : "jdbc:h2:file:" + dir.resolve("db/training");
                String[] status = {"-C", dir.toString(), "--url", url, "status"};
                // none of the user's environment variables: DBSHIFT_URL, DBSHIFT_LOCATIONS and the like name the user's
                // database and migrations, and this project's up writes
                return GlobalOptions.withEnvironmentVariables(Map.of(), () -> {
                    Main.run(with(status, "up"), none, none);
                    int exit = Main.run(status, none, none);
                    Main.run(with(status, "check"), none, none);
                    Main.run(with(status, "up"), none, none);
                    return exit;
                });
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
