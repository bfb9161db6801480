package dev.dbshift.cli;

import dev.dbshift.testing.DatabaseUnderTest;
import dev.dbshift.testing.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the packaged {@code dbshift.jar} as its own process, as a user or a CI job would. */
final class DbShiftProcess {
    static final Path JAR = Path.of(System.getProperty("dbshift.jar", "target/dbshift.jar"));

    /** migratore's connection variables: a developer's shell may set some (zsh sets HOST), and they must not leak in. */
    static final java.util.Set<String> MIGRATORE_VARIABLES = java.util.Set.of("HOST", "PORT", "UNIX_SOCKET", "DB", "USERNAME",
            "PASSWORD", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_USERNAME", "DB_PASSWORD");

    /** What a finished process left. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The environment that points a run at {@code db}: {@code DBSHIFT_URL} and {@code DBSHIFT_USER}. */
    static Map<String, String> env(DatabaseUnderTest db) {
        return Map.of("DBSHIFT_URL", db.url(), "DBSHIFT_USER", db.user());
    }

    static ProcessBuilder builder(Path project, Map<String, String> env, String... args) {
        return builder(List.of(), project, env, args);
    }

    /** As {@link #builder(Path, Map, String...)}, with options for the JVM (e.g. {@code -Ddbshift.lock.lease=1s}). */
    static ProcessBuilder builder(List<String> jvmOptions, Path project, Map<String, String> env, String... args) {
        List<String> options = new ArrayList<>(ClassDataSharing.OPTIONS);
        options.addAll(jvmOptions);
        return withoutArchive(options, project, env, args);
    }

    /**
     * As {@link #builder(List, Path, Map, String...)} without the tests' class-data archive: for the runs that train it.
     * The environment is the one a test gives, nothing of the developer's shell that names a database.
     */
    private static ProcessBuilder withoutArchive(List<String> jvmOptions, Path project, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(FLAGS);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString(), "-C", project.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("DBSHIFT_") || k.equals("DATABASE_URL") || k.equals("DB_URL")
                || MIGRATORE_VARIABLES.contains(k));
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(Path project, Map<String, String> env, String... args) {
        return run(List.of(), project, env, args);
    }

    /** As {@link #run(Path, Map, String...)}, with options for the JVM. */
    static Result run(List<String> jvmOptions, Path project, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("dbshift-out", ".txt");
            Path err = Files.createTempFile("dbshift-err", ".txt");
            Process p = builder(jvmOptions, project, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                // what it printed says where it was
                throw new IllegalStateException("dbshift " + String.join(" ", args) + " did not finish in 120 s\n--- stdout\n"
                        + tail(out) + "--- stderr\n" + tail(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    /** The JVM options a process of these tests starts with (short-lived JVM flags and the class-data archive), for scripts that run the jar. */
    static List<String> jvmOptions() {
        List<String> all = new ArrayList<>(FLAGS);
        all.addAll(ClassDataSharing.OPTIONS);
        return all;
    }

    /**
     * The launcher's flags for a short-lived JVM (see {@code ./dbshift}), and C1's compile thresholds three times the
     * JVM's: a test's project has a migration or two, so most of what C1 compiled at the defaults never paid back, and
     * on this 2-core machine the tests' processes compete for the CPU (up, status, check and history on H2,
     * PostgreSQL and MariaDB, 21 runs a round: the thresholds alone 8-19 % less CPU in 4 alternated rounds, with one
     * compiler thread 16, 0 and 9 % less in 3; performance only, nothing runs differently).
     */
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-Xmn8m", "-XX:-UsePerfData", "-XX:Tier3InvocationThreshold=600", "-XX:Tier3MinInvocationThreshold=300",
            "-XX:Tier3CompileThreshold=6000", "-XX:Tier3BackEdgeThreshold=180000");

    /**
     * A class-data-sharing archive of the jar, made once: the integration tests start hundreds of processes, and
     * their CPU time is most of these tests' wall time on a 2-core machine. Unlike {@code ./dbshift}'s own archive
     * (one training run on the database the user names), this one is a static archive from the classes that seven
     * short runs load: {@code up} and {@code status} on H2, PostgreSQL and MariaDB, and {@code check} (an archive
     * trained on H2 alone left a PostgreSQL {@code status} loading ~400 classes from the jar, ~15 % more CPU per
     * process). Beside the jar, rebuilt when the jar is newer, by one test JVM at a time (the others wait on a file
     * lock and then use it); written under a temporary name and renamed. Without it (a run or the dump failed)
     * processes start from the JDK's own archive, as they would without these options.
     */
    private static final class ClassDataSharing {
        static final List<String> OPTIONS = options();

        private static List<String> options() {
            Path jsa = JAR.toAbsolutePath().resolveSibling("dbshift-it.jsa");
            Path lock = JAR.toAbsolutePath().resolveSibling("dbshift-it.jsa.lock");
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock ignored = channel.lock()) {
                if (!Files.exists(jsa) || Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
                    Path train = Files.createTempDirectory("dbshift-cds");
                    try {
                        dump(train, jsa);
                    } finally {
                        try (Stream<Path> files = Files.walk(train)) {
                            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            return Files.exists(jsa)
                    ? List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                    : List.of();
        }

        /** The class lists of the training runs, merged, dumped into {@code jsa}; nothing there when a step fails. */
        private static void dump(Path train, Path jsa) throws IOException, InterruptedException {
            java.util.LinkedHashSet<String> classes = new java.util.LinkedHashSet<>();
            int run = 0;
            Path h2 = project(train.resolve("h2"));
            for (String command : List.of("up", "status")) {
                classes.addAll(classList(train, ++run, h2, Map.of(), command));
            }
            for (TestDatabase.Vendor vendor : List.of(TestDatabase.Vendor.POSTGRES, TestDatabase.Vendor.MARIADB)) {
                // check adds what status does not load, the same on every database: once is enough
                List<String> commands = vendor == TestDatabase.Vendor.POSTGRES ? List.of("up", "status", "check") : List.of("up", "status");
                try (TestDatabase db = TestDatabase.create(vendor)) {
                    Path server = project(train.resolve(vendor.name()));
                    for (String command : commands) {
                        classes.addAll(classList(train, ++run, server, env(db), command));
                    }
                }
            }
            Path list = train.resolve("classes.lst");
            Files.write(list, classes);
            Path made = train.resolve("dbshift.jsa");
            Process p = new ProcessBuilder(javaBin(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + made, "-Xlog:cds=off", "-cp", JAR.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(made)) {
                Files.move(made, jsa, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }

        private static Path project(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("migrations"));
            Files.writeString(dir.resolve("migrations/1__train.sql"), "CREATE TABLE dbshift_cds_train (id INT PRIMARY KEY);\n");
            return dir;
        }

        /** The classes one run of {@code command} loads (without its comment lines); fails when the run fails. */
        private static List<String> classList(Path train, int run, Path project, Map<String, String> env, String command)
                throws IOException, InterruptedException {
            Path list = train.resolve(run + ".lst");
            Process p = withoutArchive(List.of("-XX:DumpLoadedClassList=" + list), project, env, command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("the archive's training run " + command + " in " + project + " failed");
            }
            return Files.readAllLines(list).stream().filter(l -> !l.startsWith("#")).toList();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private DbShiftProcess() {
    }
}
