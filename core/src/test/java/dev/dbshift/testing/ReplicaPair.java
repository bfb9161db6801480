package dev.dbshift.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A primary and a replica of it, started by the test on ports of its own in a temporary directory and
 * stopped by {@link #close()} (and by a shutdown hook, should the test JVM end first): MariaDB with the
 * binlog on the primary and {@code CHANGE MASTER} on the replica ({@code read_only}, {@code report_host}),
 * or PostgreSQL with a streaming standby from {@code pg_basebackup -R}. The scripts that start them are
 * the resources {@code replicas/mariadb-pair.sh} and {@code replicas/postgres-pair.sh}, run as the
 * servers' own users. Root on both, no password (MariaDB), trust authentication (PostgreSQL).
 */
public final class ReplicaPair implements AutoCloseable {

    public enum Vendor { MARIADB, POSTGRES }

    private final Vendor vendor;
    private final Path dir;
    private final Path script;
    private final int primaryPort;
    private final int replicaPort;
    private final Thread hook;

    private ReplicaPair(Vendor vendor, Path dir, Path script, int primaryPort, int replicaPort) {
        this.vendor = vendor;
        this.dir = dir;
        this.script = script;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
        this.hook = new Thread(this::stop);
    }

    /** Starts both servers; throws (with the script's output) when they do not come up. */
    public static ReplicaPair start(Vendor vendor, int primaryPort, int replicaPort) {
        try {
            Path dir = Files.createTempDirectory("dbshift-replicas");
            // the servers run as their own users (mysql, postgres), which must reach their data directories in here
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            String name = vendor == Vendor.MARIADB ? "mariadb-pair.sh" : "postgres-pair.sh";
            Path script = dir.resolve(name);
            try (InputStream in = ReplicaPair.class.getResourceAsStream("/replicas/" + name)) {
                Files.copy(in, script);
            }
            ReplicaPair pair = new ReplicaPair(vendor, dir, script, primaryPort, replicaPort);
            Runtime.getRuntime().addShutdownHook(pair.hook);
            try {
                pair.script("start", dir.resolve("servers").toString(), String.valueOf(primaryPort), String.valueOf(replicaPort));
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            return pair;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void script(String... args) {
        try {
            Path log = dir.resolve("script.log");
            Process p = new ProcessBuilder(Stream.concat(Stream.of("bash", script.toString()), Stream.of(args)).toList())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script.getFileName() + " " + args[0] + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The primary's URL, of {@code database} (MariaDB: a database name or ""; PostgreSQL: postgres). */
    public String primaryUrl(String database) {
        return url(primaryPort, database);
    }

    public String replicaUrl(String database) {
        return url(replicaPort, database);
    }

    private String url(int port, String database) {
        return vendor == Vendor.MARIADB ? "jdbc:mariadb://127.0.0.1:" + port + "/" + database
                : "jdbc:postgresql://127.0.0.1:" + port + "/" + (database.isEmpty() ? "postgres" : database);
    }

    public String user() {
        return vendor == Vendor.MARIADB ? "root" : "postgres";
    }

    public Connection primary() throws SQLException {
        return DriverManager.getConnection(primaryUrl(""), user(), "");
    }

    public Connection replica() throws SQLException {
        return DriverManager.getConnection(replicaUrl(""), user(), "");
    }

    /** Stops the replica's server (fast shutdown), leaving the primary running. */
    public void stopReplica() {
        script("stop-replica", dir.resolve("servers").toString());
    }

    private void stop() {
        try {
            script("stop", dir.resolve("servers").toString());
        } catch (RuntimeException e) {
            System.err.println("stopping the replica pair in " + dir + ": " + e.getMessage());
        }
    }

    /** Stops both servers and removes their directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
