package dev.dbshift.cli;

import dev.dbshift.testing.DatabaseUnderTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code dbshift.jar} as its own process, as a user or a CI job would. */
final class DbShiftProcess {
    static final Path JAR = Path.of(System.getProperty("dbshift.jar", "target/dbshift.jar"));

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
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn8m", "-XX:-UsePerfData"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString(), "-C", project.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("DBSHIFT_") || k.equals("DATABASE_URL") || k.equals("DB_URL"));
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(Path project, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("dbshift-out", ".txt");
            Path err = Files.createTempFile("dbshift-err", ".txt");
            Process p = builder(project, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("dbshift " + String.join(" ", args) + " did not finish in 120 s");
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

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private DbShiftProcess() {
    }
}
