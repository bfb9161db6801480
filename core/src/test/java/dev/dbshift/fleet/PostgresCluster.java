package dev.dbshift.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own on {@code port}, in a temporary folder, for one test class: initdb, then pg_ctl
 * start (trust authentication, loopback only, no fsync); {@link #close} stops it at once and deletes the folder.
 * PostgreSQL refuses to run as root: as root the binaries run as the {@code postgres} user, which owns the folder.
 */
final class PostgresCluster implements AutoCloseable {
    private static final Path BIN = Path.of(System.getProperty("dbshift.test.pg.bin", "/usr/lib/postgresql/15/bin"));
    private final Path dir;
    private final int port;

    private PostgresCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static PostgresCluster start(int port) {
        try {
            Path dir = Files.createTempDirectory("dbshift-pg" + port + "-");
            PostgresCluster c = new PostgresCluster(dir, port);
            try {
                if (asRoot()) {
                    run(List.of("chown", "postgres:postgres", dir.toString()));
                }
                c.pg("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
                c.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                        "start");
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void pg(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(BIN.resolve(tool).toString());
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private static void run(List<String> cmd) {
        try {
            Path log = Files.createTempFile("dbshift-pg", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
            }
            String out = Files.readString(log);
            Files.delete(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
        }
    }
}
